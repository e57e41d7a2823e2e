import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { assertRunning, exitOf, expectCompleteRun, expectStoredOnce, runsOf, startProcessCrawl, storedAds, waitFor, type ProcessCrawl } from '../helpers/process-crawl.js';

// Redis as docker-compose.yml runs it (append-only file, fsync every second) crashes in the middle
// of a crawl and comes back 3 s later with its data. A `zicht worker` and a `zicht crawl` process
// ride it out: the crawl completes as one succeeded run, every ad stored exactly once.
let redis: PrivateRedis;
let h: ProcessCrawl;

describe('Redis with AOF restarted mid-crawl', () => {
  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: true });
    h = await startProcessCrawl({
      demo: { ads: 600, seed: 31, day: 0, chaos: false },
      redisUrl: redis.url,
      // Small batches: the outage falls between many stored batches, not after the last one.
      env: { ZICHT_ADS_BATCH_SIZE: '20' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.close();
  });

  it('completes the run with every ad stored once', async () => {
    const truth = await h.truth('demo-a');
    const worker = h.spawn(['worker']);
    const crawl = h.spawn(['crawl', '--site', 'demo-a']);
    await waitFor('the first stored ads', async () => {
      assertRunning(worker, crawl);
      return (await storedAds(h.t.db, 'demo-a')) >= 40;
    }, 150_000);
    const storedAtCrash = await storedAds(h.t.db, 'demo-a');
    await redis.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await redis.start();

    expect(await exitOf(crawl, [worker]), crawl.stderr()).toBe(0);
    expect(storedAtCrash).toBeLessThan(truth.length);
    expect(crawl.stdout()).toMatch(/demo-a\s+succeeded/);
    const runs = await runsOf(h.t.db, 'demo-a');
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    expectCompleteRun(runs[0], truth);
    expect(runs[0]!.adsNew).toBe(truth.length);
    await expectStoredOnce(h.t.db, 'demo-a', truth);
    // The worker saw the outage, logged it, and is still running.
    expect(worker.stderr()).toMatch(/ECONNREFUSED|Connection is closed/);
    expect(worker.child.exitCode).toBeNull();
    console.log(`Redis (AOF) crashed after ${storedAtCrash} of ${truth.length} ads were stored, back after 3 s; the run completed`);
  }, 240_000);
});
