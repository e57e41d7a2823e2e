import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

// Bad requests: a clear reason, exit code 2, no file and no audit entry. (Period rules in full:
// trends-store.test.ts; each process start costs seconds, so only one case per rule here.)
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'zicht-export-cli-'));
});
afterAll(() => t?.cleanup());

async function exportRun(args: string[]): Promise<{ code: number | null; err: string }> {
  const run = spawnZicht(['export', ...args], { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema) });
  const code = await run.exited;
  return { code, err: run.stderr() };
}

describe('zicht export with a bad request', () => {
  it.each([
    [['trends', '--from', '2025-01-01', '--to', '2025-01-31', '--by', 'week,gemeente'], /unknown dimension.*gemeente/],
    [['trends', '--from', '2025-02-30', '--to', '2025-03-01'], /calendar date/],
    [['trends', '--from', '2025-01-01', '--to', '2025-01-31', '--format', 'pdf'], /--format must be one of csv, json, xlsx/],
    [['movements', '--from', '2025-01-01', '--to', '2025-01-31', '--level', 'province'], /--level must be municipality or district/],
  ])('%j', async (args, reason) => {
    const out = join(dir, `${args.join('_')}.out`);
    const { code, err } = await exportRun([...args, '--out', out]);
    expect(code).toBe(2);
    expect(err).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });

  it('writes no audit entry for them', async () => {
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export'`);
    expect(rows[0]!.n).toBe(0);
  });
});
