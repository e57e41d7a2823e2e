export { AdBatcher, batchKeyOf } from './ad-batcher.js';
export { createAdsProcessor, type AdsBatchResult } from './ads-processor.js';
export { createCrawlProcessor, runIdOf, type CrawlJobProgress } from './crawl-processor.js';
export { enqueueCrawl, JobLostError, waitForCrawl, type EnqueuedCrawl } from './enqueue.js';
export { parsePayload, permanent } from './errors.js';
export { JOB } from './payloads.js';
export { openQueueEvents, openQueues, QUEUE_NAMES, redisConnection, type Queues } from './queues.js';
export { defaultWorkerName, startWorkers, type RunningWorkers, type WorkerOptions } from './workers.js';
export { ensureRedis, pingRedis, RedisUnavailableError } from './local-redis.js';
export { createLicenceStep, RegisterCache, type LicenceStep, type LicenceStepResult } from './licence-step.js';
export { enqueueReassessment, REASSESS_BATCH_SIZE } from './reassess-licence.js';
export { createRiskStep, ShingleStatsCache, storedAssessmentOf, type RiskStep, type RiskStepResult } from './risk-step.js';
export { ActiveTextModel, type TextModelSource } from './text-model-source.js';
export { enqueueRiskRebuild, rebuildRiskIndex, REBUILD_CHUNK, type RebuildResult } from './risk-rebuild.js';
export { riskItemOf } from './risk-neighbourhood.js';
export { judgeRun, DEFAULT_RUN_HEALTH, type RunFacts, type RunHealthPolicy, type RunVerdict } from './run-health.js';
export {
  cronProblem,
  defaultPattern,
  nextFiring,
  resolveSchedules,
  schedulerIdOf,
  SCHEDULER_ID_PREFIX,
  type ScheduleInput,
  type ScheduleSource,
  type SiteSchedule,
} from './schedules.js';
export {
  listCrawlSchedulers,
  removeCrawlScheduler,
  syncCrawlSchedulers,
  upsertCrawlScheduler,
  type CrawlScheduler,
  type ScheduleSync,
} from './schedules-bullmq.js';
export {
  openMaintenanceQueue,
  schedulePurge,
  createPurgeProcessor,
  startMaintenanceWorker,
  MAINTENANCE_QUEUE,
  PURGE_JOB,
  PURGE_SCHEDULER_ID,
  type PurgeJobDeps,
  type MaintenanceOptions,
} from './purge-queue.js';
