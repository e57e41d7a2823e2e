export { AdBatcher, batchKeyOf } from './ad-batcher.js';
export { createAdsProcessor, type AdsBatchResult } from './ads-processor.js';
export { createCrawlProcessor, runIdOf, type CrawlJobProgress } from './crawl-processor.js';
export { enqueueCrawl, waitForCrawl, type EnqueuedCrawl } from './enqueue.js';
export { parsePayload, permanent } from './errors.js';
export { JOB } from './payloads.js';
export { openQueueEvents, openQueues, QUEUE_NAMES, redisConnection, type Queues } from './queues.js';
export { startWorkers, type RunningWorkers, type WorkerOptions } from './workers.js';
export { ensureRedis, pingRedis, RedisUnavailableError } from './local-redis.js';
