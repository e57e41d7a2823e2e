import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, openQueues, type Queues } from '../../src/queue/index.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { assertRunning, exitOf, expectCompleteRun, expectStoredOnce, runsOf, startProcessCrawl, waitFor, type ProcessCrawl } from '../helpers/process-crawl.js';

// Scale-out on one machine: three `zicht worker` processes against one Redis and one Postgres crawl
// the three demo sites. Each job records the worker that ran it (BullMQ's processedBy, `host:pid`):
// every worker ran a crawl and stored ads batches, and no ad is stored twice.
const SITES = ['demo-a', 'demo-b', 'demo-c'];
let h: ProcessCrawl;
let queues: Queues;

describe('three workers share the work', () => {
  beforeAll(async () => {
    h = await startProcessCrawl({
      demo: { ads: 240, seed: 61, day: 0, chaos: false },
      redisUrl: TEST_REDIS_URL,
      // One crawl per worker at a time, and small batches: the three crawls land on three workers.
      env: { ZICHT_CRAWL_CONCURRENCY: '1', ZICHT_ADS_BATCH_SIZE: '10' },
    });
    queues = openQueues(TEST_REDIS_URL, h.prefix);
  });
  afterAll(async () => {
    await queues?.close();
    await h?.close();
  });

  it('every worker takes part, no ad is duplicated', async () => {
    const workers = [h.spawn(['worker']), h.spawn(['worker']), h.spawn(['worker'])];
    const pids = workers.map((w) => w.child.pid);
    await waitFor('three workers on the crawl queue', async () => {
      assertRunning(...workers);
      // `rawname` is the client's name, which ends in the worker's `host:pid`.
      return new Set((await queues.crawl.getWorkers()).map((w) => w.rawname)).size >= 3;
    }, 150_000, 250);
    const crawl = h.spawn(['crawl']);
    expect(await exitOf(crawl, workers), crawl.stderr()).toBe(0);

    const crawlsBy = await processedBy(queues, 'crawl', JOB.crawlSite);
    const batchesBy = await processedBy(queues, 'ads', JOB.adsBatch);
    const names = [...crawlsBy.keys()].sort();
    expect(names, 'each worker ran one crawl').toHaveLength(3);
    expect(names.map((n) => Number(n.split(':').pop())).sort()).toEqual([...pids].sort());
    for (const name of names) {
      expect(crawlsBy.get(name)).toBe(1);
      expect(batchesBy.get(name) ?? 0, `ads batches stored by ${name}`).toBeGreaterThan(0);
    }
    for (const site of SITES) {
      const truth = await h.truth(site);
      const runs = await runsOf(h.t.db, site);
      expect(runs, `${site}: one run`).toHaveLength(1);
      expectCompleteRun(runs[0], truth);
      expect(runs[0]!.adsNew).toBe(truth.length);
      await expectStoredOnce(h.t.db, site, truth);
    }
    const share = names.map((n) => `${n}: ${crawlsBy.get(n)} crawl, ${batchesBy.get(n)} batches`).join('; ');
    console.log(`three workers: ${share}`);
  }, 240_000);
});

/** Completed jobs of one name, counted per worker that ran them. */
async function processedBy(q: Queues, queue: 'crawl' | 'ads', name: string): Promise<Map<string, number>> {
  const jobs = (await q[queue].getJobs(['completed'], 0, -1)).filter((job) => job.name === name);
  const counts = new Map<string, number>();
  for (const job of jobs) {
    const by = job.processedBy ?? '(unknown)';
    counts.set(by, (counts.get(by) ?? 0) + 1);
  }
  return counts;
}
