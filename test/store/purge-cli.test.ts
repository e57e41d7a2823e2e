import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAds } from '../../src/store/index.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { recordCrawl } from '../helpers/crawl-run.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

// `zicht purge` as a person runs it: the dry run prints what would go and changes nothing.
let t: TestDb;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  // January 2025: past the default 6 months for unflagged ads.
  await recordCrawl(t.db, uniqueSite(), 6, ['a', 'b', 'c']);
  const dir = await mkdtemp(join(tmpdir(), 'zicht-purge-'));
  await writeFile(join(dir, 'retention.json'), JSON.stringify({ unflaggedAdsMonths: 6 }));
  await writeFile(join(dir, 'bad.json'), JSON.stringify({ unflaggedAdsMonths: -1, keepForever: true }));
  env = { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema), ZICHT_RETENTION_FILE: join(dir, 'retention.json') };
  env.BAD = join(dir, 'bad.json');
});
afterAll(() => t?.cleanup());

async function purge(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const run = spawnZicht(['purge', ...args], { ...env, ...extra });
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

describe('zicht purge', () => {
  it('--dry-run prints per category what would go, and removes nothing', async () => {
    const { code, out } = await purge(['--dry-run']);
    expect(code).toBe(0);
    expect(out).toMatch(/would remove \(dry run, nothing changed\)/);
    expect(out).toMatch(/unflagged ads\s+3\s/);
    expect((await countAds(t.db)).total).toBe(3);
  });

  it('removes them for real, then finds nothing more (--json)', async () => {
    expect((await purge([])).out).toMatch(/unflagged ads\s+3\s/);
    expect((await countAds(t.db)).total).toBe(0);
    const again = JSON.parse((await purge(['--json'])).out) as { removed: Record<string, number> };
    expect(Object.values(again.removed).every((n) => n === 0)).toBe(true);
  });

  it('an invalid policy file names every problem and exits 2', async () => {
    const { code, err } = await purge(['--dry-run'], { ZICHT_RETENTION_FILE: env.BAD! });
    expect(code).toBe(2);
    expect(err).toMatch(/unflaggedAdsMonths/);
    expect(err).toMatch(/keepForever/);
  });
});
