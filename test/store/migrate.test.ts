import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../src/store/index.js';
import { createTestDb, openTestDb, type TestDb } from '../helpers/test-db.js';

const SHIPPED = ['001-initial', '002-register', '003-risk', '004-accounts', '005-reviews', '006-schedules', '007-models'];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function freshSchema(): Promise<TestDb> {
  const t = await createTestDb({ migrate: false });
  cleanups.push(() => t.cleanup());
  return t;
}

async function tableNames(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrate', () => {
  it('creates the schema once and then has nothing left to do', async () => {
    const { db } = await freshSchema();
    expect(await migrate(db)).toEqual({ applied: SHIPPED });
    expect(await migrate(db)).toEqual({ applied: [] });
    expect(await tableNames(db)).toEqual([
      'ad_gone_events', 'ad_lifecycle_events', 'ad_phones', 'ad_versions', 'ads', 'audit_log', 'crawl_batches', 'crawl_runs',
      'licence_history', 'login_throttle', 'price_counts', 'price_medians', 'register_permits', 'register_version_scopes', 'register_versions',
      'review_decisions', 'risk_keys', 'risk_models', 'risk_records', 'risk_shingle_stats', 'schema_migrations', 'sessions',
      'sightings', 'site_health', 'site_schedules', 'users',
    ]);
  });

  it('creates the indexes the queries rely on', async () => {
    const { db } = await freshSchema();
    await migrate(db);
    const { rows } = await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`);
    const names = rows.map((row) => row.indexname);
    for (const index of ['ad_phones_e164_idx', 'ads_site_status_idx', 'ads_municipality_code_idx', 'ads_risk_queue_idx', 'ads_queue_all_idx', 'ads_last_seen_idx', 'ads_site_ad_key']) {
      expect(names).toContain(index);
    }
  });

  it('is safe when two processes migrate the same fresh schema at once', async () => {
    const { db, schema } = await freshSchema();
    const other = await openTestDb(schema);
    cleanups.push(() => other.close());
    const results = await Promise.all([migrate(db), migrate(other), migrate(db), migrate(other)]);
    const applied = results.flatMap((result) => result.applied);
    expect(applied).toEqual(SHIPPED);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((row) => row.name).sort()).toEqual(SHIPPED);
  });

  it('applies new files in order and rolls back all of a failing call', async () => {
    const { db } = await freshSchema();
    const dir = await mkdtemp(join(tmpdir(), 'zicht-migrations-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const url = pathToFileURL(`${dir}/`);
    await writeFile(join(dir, '001-a.sql'), 'CREATE TABLE a (id int);');
    await writeFile(join(dir, 'notes.txt'), 'not a migration');
    expect(await migrate(db, { dir: url })).toEqual({ applied: ['001-a'] });

    await writeFile(join(dir, '002-b.sql'), 'CREATE TABLE b (id int); INSERT INTO b VALUES (1);');
    await writeFile(join(dir, '003-broken.sql'), 'CREATE TABLE c (id int); SELECT no_such_function();');
    await expect(migrate(db, { dir: url })).rejects.toThrow(/no_such_function/);
    expect(await tableNames(db)).toEqual(['a', 'schema_migrations']);

    await rm(join(dir, '003-broken.sql'));
    expect(await migrate(db, { dir: url })).toEqual({ applied: ['002-b'] });
    expect((await db.query('SELECT * FROM b')).rows).toEqual([{ id: 1 }]);
  });
});
