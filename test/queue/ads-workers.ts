import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { loadRiskConfig, type RiskConfig } from '../../src/classifier/risk/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { analyzeAd, loadGazetteer } from '../../src/extract/index.js';
import { createLogger } from '../../src/log.js';
import { createLicenceStep, createRiskStep, JOB, openQueues, startWorkers, type AdsBatchResult, type Queues, type RunningWorkers } from '../../src/queue/index.js';
import { startCrawlRun, type Db } from '../../src/store/index.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';

const gazetteer = loadGazetteer();

/** Ads workers (licence and risk steps on) on real Redis and Postgres, with a queue prefix of their own. */
export interface AdsWorkers {
  queues: Queues;
  events: QueueEvents;
  /** One ads worker per `Db` given (e.g. two pools on one schema: two processes). */
  workers: RunningWorkers[];
  config: RiskConfig;
  /** Enqueues one `ads-batch` job of a new run of `ads[0].site` and waits for it. */
  store(ads: ScrapedAd[], options?: { runId?: string; batchKey?: string }): Promise<AdsBatchResult>;
  /** Waits until the ads queue has nothing waiting or running (rebuild jobs included). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export async function startAdsWorkers(dbs: Db[], options: { config?: RiskConfig; concurrency?: number } = {}): Promise<AdsWorkers> {
  const config = options.config ?? loadRiskConfig();
  const queues = openQueues(TEST_REDIS_URL, `test-${randomUUID()}`);
  const log = createLogger('silent');
  const workers = dbs.map((db) =>
    startWorkers(
      queues,
      {
        db, sites: new Map(), log, chromiumPath: '/usr/bin/chromium', batchSize: 100, analyze: (ad) => analyzeAd(ad, gazetteer),
        licence: createLicenceStep(), risk: createRiskStep(config),
      },
      { crawlConcurrency: 1, adsConcurrency: options.concurrency ?? 2 },
    ),
  );
  const events = new QueueEvents('ads', { connection: queues.connection, prefix: queues.prefix });
  await events.waitUntilReady();
  const db = dbs[0]!;
  return {
    queues,
    events,
    workers,
    config,
    async store(ads, opts = {}) {
      const site = ads[0]!.site;
      const runId = opts.runId ?? `run-${randomUUID()}`;
      await startCrawlRun(db, { id: runId, site, startedAt: new Date() });
      const job = await queues.ads.add(JOB.adsBatch, { runId, site, batchKey: opts.batchKey ?? `${runId}.b1`, ads });
      return (await job.waitUntilFinished(events)) as AdsBatchResult;
    },
    async drain() {
      for (;;) {
        const counts = await queues.ads.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await events.close();
      await Promise.all(workers.map((w) => w.close(true)));
      await queues.ads.obliterate({ force: true });
      await queues.crawl.obliterate({ force: true });
      await queues.close();
    },
  };
}
