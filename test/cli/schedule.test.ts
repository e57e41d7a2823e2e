import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITES_DIR, demoEnv } from '../../src/cli/context.js';
import { startDemoSites, type DemoSites } from '../../src/fixtures/index.js';
import { defaultPattern, JOB, listCrawlSchedulers, openQueues, type CrawlScheduler, type Queues } from '../../src/queue/index.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

// `zicht schedule` and `zicht start` as real processes against real Postgres and Redis, with two
// fixture sites configured in a sites directory of the test's own.
let t: TestDb;
let demo: DemoSites;
let sitesDir: string;
let prefix: string;
const opened: Queues[] = [];

function zicht(args: string[], env: Record<string, string> = {}) {
  const run = spawnZicht(args, {
    DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema),
    REDIS_URL: TEST_REDIS_URL,
    ZICHT_START_REDIS: 'never',
    ZICHT_QUEUE_PREFIX: prefix,
    ZICHT_SITES_DIR: sitesDir,
    ...demoEnv(demo.urls),
    ...env,
  });
  return run.exited.then((code) => ({ code, stdout: run.stdout(), stderr: run.stderr() }));
}

async function schedulers(queuePrefix = prefix): Promise<CrawlScheduler[]> {
  const queues = openQueues(TEST_REDIS_URL, queuePrefix);
  opened.push(queues);
  return (await listCrawlSchedulers(queues.crawl)).sort((a, b) => a.site.localeCompare(b.site));
}

async function pendingCrawlJobs(queuePrefix = prefix): Promise<string[]> {
  const queues = openQueues(TEST_REDIS_URL, queuePrefix);
  opened.push(queues);
  return (await queues.crawl.getDelayed()).filter((job) => job.name === JOB.crawlSite).map((job) => (job.data as { site: string }).site).sort();
}

function row(stdout: string, site: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`${site} `));
  expect(line, `a row for ${site} in:\n${stdout}`).toBeDefined();
  return line!.trim().split(/\s{2,}/);
}

describe('zicht schedule and zicht start', () => {
  beforeAll(async () => {
    t = await createTestDb();
    demo = await startDemoSites({ ads: 30, seed: 3, day: 0, chaos: false });
    sitesDir = mkdtempSync(join(tmpdir(), 'zicht-sites-'));
    for (const site of ['demo-a', 'demo-c']) copyFileSync(join(DEMO_SITES_DIR, `${site}.json`), join(sitesDir, `${site}.json`));
    prefix = `test-${randomUUID()}`;
  });
  afterAll(async () => {
    for (const queues of opened) {
      await queues.crawl.obliterate({ force: true }).catch(() => undefined);
      await queues.ads.obliterate({ force: true }).catch(() => undefined);
      await queues.close();
    }
    await demo?.close();
    rmSync(sitesDir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('sets, lists, removes and resets a site schedule, refusing a bad pattern or an unknown site', async () => {
    const set = await zicht(['schedule', 'set', 'demo-a', '15 3 * * *']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/^demo-a: crawled on "15 3 \* \* \*" \(Europe\/Amsterdam\), next \d{4}-\d\d-\d\d 03:15; scheduler updated/);
    expect((await schedulers()).map((s) => [s.site, s.pattern, s.tz])).toEqual([['demo-a', '15 3 * * *', 'Europe/Amsterdam']]);

    const bad = await zicht(['schedule', 'set', 'demo-a', '61 3 * * *']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/demo-a: "61 3 \* \* \*".*0-59/);
    const unknown = await zicht(['schedule', 'set', 'demo-x', '0 1 * * *']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown site "demo-x"; configured: demo-a, demo-c/);
    const badZone = await zicht(['schedule', 'set', 'demo-a', '0 1 * * *', '--tz', 'Mars/Olympus']);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);

    const list = await zicht(['schedule', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(row(list.stdout, 'demo-a')).toEqual(['demo-a', '15 3 * * *', 'Europe/Amsterdam', 'override', expect.stringMatching(/03:15$/), 'yes']);
    expect(row(list.stdout, 'demo-c')).toEqual(['demo-c', defaultPattern('demo-c'), 'Europe/Amsterdam', 'default', expect.any(String), 'no']);

    const removed = await zicht(['schedule', 'remove', 'demo-a']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await schedulers()).toEqual([]);
    expect(row((await zicht(['schedule', 'list'])).stdout, 'demo-a')).toEqual(['demo-a', 'off', 'Europe/Amsterdam', 'override', '-', 'no']);

    const reset = await zicht(['schedule', 'reset', 'demo-a']);
    expect(reset.code, reset.stderr).toBe(0);
    expect((await schedulers()).map((s) => [s.site, s.pattern])).toEqual([['demo-a', defaultPattern('demo-a')]]);
  }, 120_000);

  it('zicht start registers one scheduler per configured site; a second start does not double them', async () => {
    await zicht(['schedule', 'set', 'demo-c', '0 4 * * 1']);
    for (let start = 1; start <= 2; start += 1) {
      const run = await zicht(['start', '--once']);
      expect(run.code, run.stderr).toBe(0);
      expect(row(run.stdout, 'demo-a')[1]).toBe('succeeded');
      expect((await schedulers()).map((s) => [s.site, s.pattern])).toEqual([
        ['demo-a', defaultPattern('demo-a')],
        ['demo-c', '0 4 * * 1'],
      ]);
      expect(await pendingCrawlJobs()).toEqual(['demo-a', 'demo-c']);
    }
    const runs = await zicht(['runs', '--site', 'demo-a']);
    expect(runs.stdout.split('\n').filter((l) => / demo-a +succeeded /.test(l))).toHaveLength(2);
    const sites = await zicht(['sites']);
    expect(row(sites.stdout, 'demo-a').slice(0, 2)).toEqual(['demo-a', 'healthy']);
  }, 240_000);

  it('a site dropped from the configuration loses its scheduler; overrides outlive a Redis without them', async () => {
    rmSync(join(sitesDir, 'demo-a.json'));
    const run = await zicht(['start', '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect((await schedulers()).map((s) => [s.site, s.pattern])).toEqual([['demo-c', '0 4 * * 1']]);
    expect(await pendingCrawlJobs()).toEqual(['demo-c']);

    // A fresh Redis (another prefix: nothing in it) gets the stored override back from Postgres.
    const freshPrefix = `test-${randomUUID()}`;
    const again = await zicht(['start', '--once'], { ZICHT_QUEUE_PREFIX: freshPrefix });
    expect(again.code, again.stderr).toBe(0);
    expect((await schedulers(freshPrefix)).map((s) => [s.site, s.pattern])).toEqual([['demo-c', '0 4 * * 1']]);
  }, 180_000);
});
