import type { Settings } from '../config/settings.js';
import type { SiteConfig } from '../crawler/site-config.js';
import { analyzeAd, loadGazetteer } from '../extract/index.js';
import type { Logger } from '../log.js';
import { loadRiskConfig } from '../classifier/risk/index.js';
import { loadModelConfig } from '../classifier/model/index.js';
import { ActiveTextModel, createLicenceStep, createRiskStep, openQueues, startWorkers, type Queues, type RunningWorkers } from '../queue/index.js';
import type { Db } from '../store/index.js';

export interface WorkerRuntime {
  queues: Queues;
  workers: RunningWorkers;
  close(): Promise<void>;
}

/** The one place where queues, workers, the analysis stage and the store are wired together. */
export function startWorkerRuntime(settings: Settings, db: Db, sites: ReadonlyMap<string, SiteConfig>, log: Logger): WorkerRuntime {
  const gazetteer = loadGazetteer();
  const queues = openQueues(settings.redisUrl, settings.queuePrefix, log);
  const workers = startWorkers(
    queues,
    {
      db,
      sites,
      log,
      chromiumPath: settings.chromiumPath,
      batchSize: settings.adsBatchSize,
      finalizeTimeoutMs: settings.finalizeTimeoutMs,
      goneAfterRuns: settings.goneAfterRuns,
      minShareOfUsualAds: settings.healthMinShare,
      healthHistoryRuns: settings.healthHistoryRuns,
      analyze: (ad) => analyzeAd(ad, gazetteer),
      licence: createLicenceStep(),
      // The text model learned from reviews: off until `zicht model train` stores an active one.
      risk: createRiskStep(loadRiskConfig(), undefined, { textModel: new ActiveTextModel(loadModelConfig(), log) }),
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
