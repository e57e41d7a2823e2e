import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { exitOf, expectCompleteRun, expectStoredOnce, runsOf, startProcessCrawl, type ProcessCrawl } from '../helpers/process-crawl.js';

// Two `zicht start --once` at the same moment on one Redis prefix and one empty Postgres schema.
// Migrations run once (an advisory lock makes the second wait, then find them applied). Crawl jobs
// are deduplicated per site, so both processes wait for the same runs: one run per site, crawled
// once, by whichever workers take it; both print the same summary and exit 0.
const SITES = ['demo-a', 'demo-b', 'demo-c'];
const MIGRATIONS = readdirSync(new URL('../../src/store/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).length;
let h: ProcessCrawl;

describe('two `zicht start --once` at once', () => {
  beforeAll(async () => {
    h = await startProcessCrawl({
      demo: { ads: 240, seed: 51, day: 0, chaos: false },
      redisUrl: TEST_REDIS_URL,
      migrate: false,
      // Info logs carry each process's "database ready" line with the migrations it applied.
      env: { LOG_LEVEL: 'info', ZICHT_WEB_PORT: '0' },
    });
  });
  afterAll(async () => h?.close());

  it('migrate once, crawl each site once, store each ad once', async () => {
    const starts = [h.spawn(['start', '--once']), h.spawn(['start', '--once'])];
    const codes = await Promise.all(starts.map((s) => exitOf(s, [])));
    expect(codes, starts.map((s) => s.stderr().slice(-3000)).join('\n---\n')).toEqual([0, 0]);

    const applied = starts.map((s) => appliedMigrations(s.stderr())).sort((a, b) => a - b);
    expect(applied).toEqual([0, MIGRATIONS]);
    const { rows } = await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBe(MIGRATIONS);

    for (const site of SITES) {
      const truth = await h.truth(site);
      const runs = await runsOf(h.t.db, site);
      expect(runs, `${site}: one run`).toHaveLength(1);
      expectCompleteRun(runs[0], truth);
      expect(runs[0]!.adsNew).toBe(truth.length);
      await expectStoredOnce(h.t.db, site, truth);
      // Both processes waited for that one run and report it.
      for (const s of starts) expect(s.stdout()).toMatch(new RegExp(`${site}\\s+succeeded\\s+\\d+\\s+\\d+\\s+${truth.length}\\s`));
    }
    console.log(`two starts: migrations applied ${applied.join(' + ')}, one succeeded run per site, both exited 0`);
  }, 240_000);
});

/** The `applied` count of a process's "database ready" log line. */
function appliedMigrations(stderr: string): number {
  const line = stderr.split('\n').find((l) => l.includes('"database ready"'));
  if (!line) throw new Error(`no "database ready" line in:\n${stderr.slice(0, 2000)}`);
  return (JSON.parse(line) as { applied: number }).applied;
}
