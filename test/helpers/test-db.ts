import { randomUUID } from 'node:crypto';
import { migrate, openDb, type Db } from '../../src/store/index.js';

/** The Postgres the tests use: TEST_DATABASE_URL, or the machine's local test database. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  /** The test's own schema (`t_<uuid>`), the connection's search_path. */
  schema: string;
  /** Drops the schema and closes the pool. */
  cleanup(): Promise<void>;
}

/**
 * A migrated database of the test file's own: a fresh random schema on the test Postgres, so
 * test files run in parallel without seeing each other's rows.
 *
 * @example
 * let t: TestDb;
 * beforeAll(async () => { t = await createTestDb(); });
 * afterAll(() => t.cleanup());
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const schema = `t_${randomUUID().replaceAll('-', '')}`;
  const db = await openDb({ databaseUrl: TEST_DATABASE_URL, schema });
  if (options.migrate ?? true) await migrate(db);
  return {
    db,
    schema,
    async cleanup() {
      try {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}

/** Another pool on an existing test schema, e.g. to act as a second process. Close it yourself. */
export function openTestDb(schema: string): Promise<Db> {
  return openDb({ databaseUrl: TEST_DATABASE_URL, schema });
}
