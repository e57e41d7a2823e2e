import type { Settings } from '../config/settings.js';
import type { SiteConfig } from '../crawler/site-config.js';
import { analyzeAd, loadGazetteer } from '../extract/index.js';
import type { Logger } from '../log.js';
import { createLicenceStep, openQueues, startWorkers, type Queues, type RunningWorkers } from '../queue/index.js';
import type { Db } from '../store/index.js';

export interface WorkerRuntime {
  queues: Queues;
  workers: RunningWorkers;
  close(): Promise<void>;
}

/** The one place where queues, workers, the analysis stage and the store are wired together. */
export function startWorkerRuntime(settings: Settings, db: Db, sites: ReadonlyMap<string, SiteConfig>, log: Logger): WorkerRuntime {
  const gazetteer = loadGazetteer();
  const queues = openQueues(settings.redisUrl, settings.queuePrefix);
  const workers = startWorkers(
    queues,
    {
      db,
      sites,
      log,
      chromiumPath: settings.chromiumPath,
      batchSize: settings.adsBatchSize,
      analyze: (ad) => analyzeAd(ad, gazetteer),
      licence: createLicenceStep(),
    },
    {
      crawlConcurrency: settings.crawlConcurrency,
      adsConcurrency: settings.adsConcurrency,
      lockDurationMs: settings.lockDurationMs,
      stalledIntervalMs: settings.stalledIntervalMs,
    },
  );
  return {
    queues,
    workers,
    async close() {
      await workers.close();
      await queues.close();
    },
  };
}
