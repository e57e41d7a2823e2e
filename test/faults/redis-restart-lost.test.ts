import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/index.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { assertRunning, exitOf, expectCompleteRun, expectStoredOnce, runsOf, startProcessCrawl, storedAds, waitFor, type ProcessCrawl } from '../helpers/process-crawl.js';

// Redis without persistence restarted in the middle of a crawl: every job in it is gone, among them
// ads batches not yet stored. What must happen: the waiting `zicht crawl` says so and exits non-zero
// (instead of waiting forever); the worker keeps running and stops cleanly; the run is closed
// `incomplete` (never `succeeded`, so no ad is marked missing); crawling again completes it, nothing
// stored twice.
let redis: PrivateRedis;
let h: ProcessCrawl;

describe('Redis without persistence restarted mid-crawl', () => {
  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: false });
    h = await startProcessCrawl({
      demo: { ads: 300, seed: 32, day: 0, chaos: false },
      redisUrl: redis.url,
      env: {
        // Small batches stored one at a time: some are still waiting in Redis when it goes.
        ZICHT_ADS_BATCH_SIZE: '10',
        ZICHT_ADS_CONCURRENCY: '1',
        // The finalizer gives up on the lost batches after 10 s instead of an hour.
        ZICHT_FINALIZE_TIMEOUT_MS: '10000',
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.close();
  });

  it('closes the run incomplete, and a second crawl completes it without duplicates', async () => {
    const truth = await h.truth('demo-a');
    const worker = h.spawn(['worker']);
    const firstCrawl = h.spawn(['crawl', '--site', 'demo-a']);
    const lostBatches = await waitForWaitingBatches(3);
    const storedAtRestart = await storedAds(h.t.db, 'demo-a');
    await redis.stop('SIGKILL');
    await redis.start();

    expect(await exitOf(firstCrawl, [worker])).not.toBe(0);
    expect(firstCrawl.stderr()).toContain('vanished from Redis');
    // The worker finishes crawling into the new Redis; the finalizer waits for the lost batches, then gives up.
    await waitFor('the first run to close', async () => {
      assertRunning(worker);
      return (await runsOf(h.t.db, 'demo-a'))[0]?.status !== 'running';
    }, 150_000, 1_000);
    const [first] = await runsOf(h.t.db, 'demo-a');
    expect(first!.status).toBe('incomplete');
    expect(first!.healthReason).toMatch(/not every batch/);
    expect(first!.adsSeen).toBeLessThan(truth.length);
    expect(first!.adsGone + first!.adsMissed).toBe(0);

    // The worker rode out the restart; it stops cleanly, and one with the usual settings takes over
    // (the short finalizer timeout would also give up on a run whose batches are merely queued).
    expect(worker.child.exitCode).toBeNull();
    worker.child.kill('SIGTERM');
    h.spawn(['worker'], { ZICHT_ADS_BATCH_SIZE: '100', ZICHT_ADS_CONCURRENCY: '4', ZICHT_FINALIZE_TIMEOUT_MS: '3600000' });
    expect(await worker.exited, worker.stderr()).toBe(0);
    const secondCrawl = h.spawn(['crawl', '--site', 'demo-a']);
    expect(await exitOf(secondCrawl, []), secondCrawl.stderr()).toBe(0);
    const runs = await runsOf(h.t.db, 'demo-a');
    expect(runs.map((r) => r.status)).toEqual(['incomplete', 'succeeded']);
    expectCompleteRun(runs[1], truth);
    // Same fixture day: what the first run stored is unchanged, the rest is new; nothing counts twice.
    expect(runs[1]!.adsChanged).toBe(0);
    expect(runs[1]!.adsNew + runs[1]!.adsUnchanged).toBe(truth.length);
    expect(runs[1]!.adsNew).toBeGreaterThan(0);
    await expectStoredOnce(h.t.db, 'demo-a', truth);
    console.log(
      `Redis restarted empty after ${storedAtRestart} of ${truth.length} ads were stored, ${lostBatches} batches waiting; ` +
        `run 1 incomplete with ${first!.adsSeen} ads, run 2 succeeded with ${runs[1]!.adsSeen}`,
    );
  }, 240_000);
});

/** Waits until at least `n` ads batches wait in Redis (the crawl outpaces storing), and returns how many. */
async function waitForWaitingBatches(n: number): Promise<number> {
  const queues = openQueues(redis.url, h.prefix);
  try {
    let waiting = 0;
    await waitFor(`${n} waiting ads batches`, async () => (waiting = await queues.ads.getWaitingCount()) >= n, 150_000, 50);
    return waiting;
  } finally {
    await queues.close();
  }
}
