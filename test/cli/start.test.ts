import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnZicht } from '../helpers/cli.js';

// The README's main command with no configuration at all: no sites configured, no DATABASE_URL.
// It must start the demo sites, crawl them into an embedded PGlite database and print a summary.
describe('zicht start with no configuration', () => {
  it('crawls the built-in demo sites into PGlite and prints a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zicht-start-'));
    const run = spawnZicht(['start', '--once'], {
      DATABASE_URL: '',
      ZICHT_DATA_DIR: join(dir, 'data'),
      ZICHT_SITES_DIR: join(dir, 'no-sites'),
      ZICHT_QUEUE_PREFIX: `test-${randomUUID()}`,
      ZICHT_DEMO_ADS: '40',
    });
    const code = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const lines = run.stdout().split('\n');
    expect(lines.some((l) => /^site\s+status\s+pages/.test(l))).toBe(true);
    for (const site of ['demo-a', 'demo-b', 'demo-c']) {
      const row = lines.find((l) => l.startsWith(site));
      expect(row, `summary row of ${site}`).toBeDefined();
      const [, status, pages, , ads, adsNew] = row!.trim().split(/\s+/);
      expect(status).toBe('succeeded');
      expect(Number(pages)).toBeGreaterThan(Number(ads));
      expect(Number(ads)).toBeGreaterThan(0);
      expect(adsNew).toBe(ads);
    }
  }, 300_000);
});
