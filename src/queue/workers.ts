import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { Logger } from '../log.js';
import { createAdsProcessor, type AdsProcessorDeps } from './ads-processor.js';
import { createCrawlProcessor, type CrawlProcessorDeps } from './crawl-processor.js';
import { cappedBackoffMs, QUEUE_NAMES, type Queues } from './queues.js';

export interface WorkerOptions {
  crawlConcurrency: number;
  adsConcurrency: number;
  /** How long a job's lock lives without renewal; a killed worker's job is taken over after it. */
  lockDurationMs?: number;
  /** How often stalled jobs (of killed workers) are looked for. */
  stalledIntervalMs?: number;
  /** Recorded on every job this process takes (BullMQ's `processedBy`). Default `host:pid`. */
  workerName?: string;
}

export interface RunningWorkers {
  crawl: Worker;
  ads: Worker;
  /** Waits for active jobs to finish (or `force` stops at once), then disconnects. */
  close(force?: boolean): Promise<void>;
}

type Deps = Omit<CrawlProcessorDeps, 'adsQueue' | 'crawlQueue'> & AdsProcessorDeps;

/** Starts the crawl and ads workers of one process. Several processes may share Redis and Postgres. */
export function startWorkers(queues: Queues, deps: Deps, options: WorkerOptions): RunningWorkers {
  const common = {
    connection: queues.connection,
    prefix: queues.prefix,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    // A job whose worker was killed is retried a few times before it counts as failed.
    maxStalledCount: 3,
    // Which process ran a job, for people and for the scale-out test: each replica has its own.
    name: options.workerName ?? defaultWorkerName(),
    settings: { backoffStrategy: cappedBackoffMs },
  };
  const shutdown = new AbortController();
  const crawl = new Worker(
    QUEUE_NAMES.crawl,
    createCrawlProcessor({ ...deps, adsQueue: queues.ads, crawlQueue: queues.crawl, shutdownSignal: shutdown.signal }),
    { ...common, concurrency: options.crawlConcurrency },
  );
  const ads = new Worker(QUEUE_NAMES.ads, createAdsProcessor({ ...deps, adsQueue: queues.ads }), { ...common, concurrency: options.adsConcurrency });
  for (const worker of [crawl, ads]) logFailures(worker, deps.log);
  return {
    crawl,
    ads,
    close: async (force = false) => {
      shutdown.abort();
      await Promise.all([crawl.close(force), ads.close(force)]);
    },
  };
}

/** `host:pid`: unique per process, also per container (the host name is the container id). */
export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** Logs a job failure once, on its last attempt; earlier ones at debug level (STYLE.md). */
function logFailures(worker: Worker, log: Logger): void {
  worker.on('failed', (job: Job | undefined, error: Error) => {
    const attempts = job?.opts.attempts ?? 1;
    const final = !job || job.attemptsMade >= attempts || error.name === 'UnrecoverableError';
    const fields = { queue: worker.name, jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: error.message };
    if (final) log.error(fields, 'job failed');
    else log.debug(fields, 'job attempt failed, will retry');
  });
  // Redis went away (BullMQ reconnects), or a job's key vanished with it (restarted without persistence).
  worker.on('error', (error) => log.warn({ queue: worker.name, err: error.message }, 'worker error'));
}
