import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAd, loadGazetteer } from '../../src/extract/index.js';
import { createLogger } from '../../src/log.js';
import { AdBatcher, JOB, openQueues, startWorkers, type Queues, type RunningWorkers } from '../../src/queue/index.js';
import { countAds, countRecordedBatches, startCrawlRun } from '../../src/store/index.js';
import { buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

// The ads queue on real Redis and Postgres: validation per ad, permanent failures, idempotent replays.
let t: TestDb;
let queues: Queues;
let workers: RunningWorkers;
let events: QueueEvents;
const gazetteer = loadGazetteer();

describe('ads-batch jobs', () => {
  beforeAll(async () => {
    t = await createTestDb();
    queues = openQueues(TEST_REDIS_URL, `test-${randomUUID()}`);
    const log = createLogger('silent');
    workers = startWorkers(
      queues,
      { db: t.db, sites: new Map(), log, chromiumPath: '/usr/bin/chromium', batchSize: 10, analyze: (ad) => analyzeAd(ad, gazetteer) },
      { crawlConcurrency: 1, adsConcurrency: 2 },
    );
    events = new QueueEvents('ads', { connection: queues.connection, prefix: queues.prefix });
    await events.waitUntilReady();
    await startCrawlRun(t.db, { id: 'run-1', site: 'demo-a', startedAt: new Date() });
  });
  afterAll(async () => {
    await events?.close();
    await workers?.close(true);
    await queues?.ads.obliterate({ force: true });
    await queues?.crawl.obliterate({ force: true });
    await queues?.close();
    await t?.cleanup();
  });

  it('stores the valid ads of a batch and skips the malformed one', async () => {
    const ads = [buildScrapedAd({ text: 'Bel 06-12345678, ontvangst in Hoorn' }), { site: 'demo-a', text: 42 }, buildScrapedAd()];
    const job = await queues.ads.add(JOB.adsBatch, { runId: 'run-1', site: 'demo-a', batchKey: 'run-1.b1', ads });
    const result = (await job.waitUntilFinished(events)) as { new: number; invalid: number };
    expect(result).toMatchObject({ new: 2, invalid: 1 });
    expect(await countRecordedBatches(t.db, 'run-1', ['run-1.b1'])).toBe(1);
  });

  it('fails a malformed payload for good, without retries', async () => {
    const job = await queues.ads.add(JOB.adsBatch, { site: 'demo-a', ads: [] });
    await expect(job.waitUntilFinished(events)).rejects.toThrow(/invalid ads-batch payload/);
    const failed = await queues.ads.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
  });

  it('stores an ad batched twice (a retried crawl) once', async () => {
    const before = (await countAds(t.db)).total;
    const ads = Array.from({ length: 15 }, (_, i) => buildScrapedAd({ siteAdId: `dup-${i}` }));
    for (const attempt of [1, 2]) {
      // A retried crawl batches the same ads differently: different keys, same ads.
      const batcher = new AdBatcher(queues.ads, 'run-1', 'demo-a', attempt === 1 ? 4 : 6);
      for (const ad of ads) await batcher.add(ad);
      await batcher.flush();
      for (const key of batcher.batchKeys) {
        const job = await queues.ads.getJob(key);
        await job!.waitUntilFinished(events);
      }
      expect(await countRecordedBatches(t.db, 'run-1', [...batcher.batchKeys])).toBe(batcher.batchKeys.length);
    }
    expect((await countAds(t.db)).total).toBe(before + 15);
  });
});
