import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionWithRetry } from '../../src/store/db.js';
import { openDb, type Db } from '../../src/store/index.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
  db = t.db;
  await db.query('CREATE TABLE items (id int PRIMARY KEY, at timestamptz, tags text[], doc jsonb, big bigint)');
});
afterAll(() => t.cleanup());

async function ids(): Promise<number[]> {
  return (await db.query<{ id: number }>('SELECT id FROM items ORDER BY id')).rows.map((row) => row.id);
}

describe('Db on pg', () => {
  it('works in its own schema and maps timestamptz, arrays, jsonb; bigint stays a string', async () => {
    const at = new Date('2025-01-06T02:00:00.123Z');
    await db.query('INSERT INTO items VALUES ($1, $2, $3, $4::jsonb, $5)', [1, at, ['a', 'b'], JSON.stringify({ x: [1] }), '9007199254740993']);
    const { rows } = await db.query('SELECT at, tags, doc, big, current_schema() AS schema FROM items WHERE id = 1');
    expect(rows[0]).toEqual({ at, tags: ['a', 'b'], doc: { x: [1] }, big: '9007199254740993', schema: t.schema });
    await db.query('DELETE FROM items');
  });

  it('returns the last statement of a parameterless multi-statement query', async () => {
    expect((await db.query('SELECT 1 AS a; SELECT 2 AS b')).rows).toEqual([{ b: 2 }]);
  });

  it('commits, rolls back, and nests as savepoints', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id) VALUES (1)');
      await expect(tx.transaction(async (inner) => {
        await inner.query('INSERT INTO items (id) VALUES (2)');
        throw new Error('inner');
      })).rejects.toThrow('inner');
      await tx.transaction((inner) => inner.query('INSERT INTO items (id) VALUES (3)'));
      await tx.close(); // a no-op on a transaction handle
    });
    expect(await ids()).toEqual([1, 3]);
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id) VALUES (4)');
      await tx.query('INSERT INTO items (id) VALUES (4)');
    })).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).toEqual([1, 3]);
    await db.query('DELETE FROM items');
  });

  it('re-runs a transaction Postgres aborted for a deadlock, not for other errors', async () => {
    let calls = 0;
    const result = await transactionWithRetry(db, async (tx) => {
      calls += 1;
      await tx.query('INSERT INTO items (id) VALUES (10)');
      if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect({ result, calls, rows: await ids() }).toEqual({ result: 'done', calls: 3, rows: [10] });
    let failures = 0;
    await expect(transactionWithRetry(db, async () => {
      failures += 1;
      throw Object.assign(new Error('unique'), { code: '23505' });
    })).rejects.toThrow('unique');
    expect(failures).toBe(1);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDb({ databaseUrl: TEST_DATABASE_URL, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/invalid schema name/);
  });
});
