import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { exitOf, expectCompleteRun, expectStoredOnce, runsOf, startProcessCrawl, type ProcessCrawl } from '../helpers/process-crawl.js';

// Two `zicht start --once` at the same moment on one Redis prefix and one empty Postgres schema.
// Migrations run once (an advisory lock makes the second wait, then find them applied). Crawl jobs
// are deduplicated per site while queued or running, so both processes usually wait for the same run;
// a start that comes after a site's run finished crawls it again. Either way every ad is stored once,
// every run succeeds, and both processes exit 0.
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

  it('migrate once, every run succeeds, store each ad once', async () => {
    const starts = [h.spawn(['start', '--once']), h.spawn(['start', '--once'])];
    const codes = await Promise.all(starts.map((s) => exitOf(s, [])));
    expect(codes, starts.map((s) => s.stderr().slice(-3000)).join('\n---\n')).toEqual([0, 0]);

    const applied = starts.map((s) => appliedMigrations(s.stderr())).sort((a, b) => a - b);
    expect(applied).toEqual([0, MIGRATIONS]);
    const { rows } = await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBe(MIGRATIONS);

    const runCounts: number[] = [];
    for (const site of SITES) {
      const truth = await h.truth(site);
      const runs = await runsOf(h.t.db, site);
      // A crawl queued or running is joined; one that already finished cannot be, so a start that comes
      // late (a slow process start) crawls the site again: a second clean run that finds every ad unchanged.
      expect(runs.length, `${site}: one run, or two back to back`).toBeGreaterThanOrEqual(1);
      expect(runs.length, `${site}: one run, or two back to back`).toBeLessThanOrEqual(2);
      for (const run of runs) expectCompleteRun(run, truth);
      expect(runs[0]!.adsNew).toBe(truth.length);
      if (runs[1]) expect([runs[1].adsNew, runs[1].adsUnchanged]).toEqual([0, truth.length]);
      await expectStoredOnce(h.t.db, site, truth);
      for (const s of starts) expect(s.stdout()).toMatch(new RegExp(`${site}\\s+succeeded\\s`));
      runCounts.push(runs.length);
    }
    console.log(`two starts: migrations applied ${applied.join(' + ')}, succeeded runs per site ${runCounts.join('/')}, both exited 0`);
  }, 240_000);
});

/** The `applied` count of a process's "database ready" log line. */
function appliedMigrations(stderr: string): number {
  const line = stderr.split('\n').find((l) => l.includes('"database ready"'));
  if (!line) throw new Error(`no "database ready" line in:\n${stderr.slice(0, 2000)}`);
  return (JSON.parse(line) as { applied: number }).applied;
}
