import { Queue, QueueEvents, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { Logger } from '../log.js';

export const QUEUE_NAMES = { crawl: 'crawl', ads: 'ads' } as const;

export interface Queues {
  crawl: Queue;
  ads: Queue;
  prefix: string;
  connection: ConnectionOptions;
  /** Where the queues' (and their events') Redis connection errors are reported. */
  log?: Pick<Logger, 'warn'> | undefined;
  close(): Promise<void>;
}

const KEEP = { removeOnComplete: { age: 24 * 3600, count: 5000 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** Backoff type of our own (the workers know it): exponential from `delay`, but never more than 15 s. */
export const CAPPED_BACKOFF = 'capped-exponential';
const MAX_BACKOFF_MS = 15_000;

/**
 * The workers' backoff strategy for {@link CAPPED_BACKOFF}: 1, 2, 4, 8, 15, 15, … s (for a `delay`
 * of 1 s). Storage work resumes at most 15 s after Postgres is back, however long it was away.
 */
export function cappedBackoffMs(attemptsMade: number, _type?: string, _error?: Error, job?: { opts: { backoff?: number | { delay?: number } } }): number {
  const backoff = job?.opts.backoff;
  const first = (typeof backoff === 'object' ? backoff.delay : backoff) ?? 1_000;
  return Math.min(first * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

/** A crawl is expensive: few attempts, long backoff. */
export const CRAWL_JOB_OPTIONS: DefaultJobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...KEEP };
/**
 * Storing ads is cheap and idempotent: retry often, e.g. while Postgres restarts or fails over.
 * 40 attempts of at most 15 s apart outlast about 9 minutes of Postgres being away.
 */
export const ADS_JOB_OPTIONS: DefaultJobOptions = { attempts: 40, backoff: { type: CAPPED_BACKOFF, delay: 1_000 }, ...KEEP };

/** Reconnect delay after the n-th failed attempt: quick at first, then every 5 s for as long as it takes. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(attempt * 500, 5_000);
}

/**
 * Connection options rather than a shared client: BullMQ then opens (and closes) the
 * connections it needs itself, including the blocking ones of workers and queue events.
 * `maxRetriesPerRequest: null` is what BullMQ workers require, and what lets a crawl that adds
 * batches simply wait while Redis restarts instead of failing. BullMQ's own reconnect delay
 * grows to 20 s; ours stays at most 5 s, so work resumes soon after Redis is back.
 */
export function redisConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelayMs };
}

/**
 * Opens the crawl and ads queues. With `log`, their Redis connection errors (a restart, an
 * outage) are logged; BullMQ reconnects by itself, so they are warnings, never fatal.
 */
export function openQueues(redisUrl: string, prefix: string, log?: Pick<Logger, 'warn'>): Queues {
  const connection = redisConnection(redisUrl);
  const crawl = new Queue(QUEUE_NAMES.crawl, { connection, prefix, defaultJobOptions: CRAWL_JOB_OPTIONS });
  const ads = new Queue(QUEUE_NAMES.ads, { connection, prefix, defaultJobOptions: ADS_JOB_OPTIONS });
  for (const queue of [crawl, ads]) reportConnectionErrors(queue, `queue ${queue.name}`, log);
  return {
    crawl,
    ads,
    prefix,
    connection,
    log,
    close: async () => void (await Promise.all([crawl.close(), ads.close()])),
  };
}

export function openQueueEvents(queues: Queues, name: keyof typeof QUEUE_NAMES): QueueEvents {
  const events = new QueueEvents(QUEUE_NAMES[name], { connection: queues.connection, prefix: queues.prefix });
  reportConnectionErrors(events, `queue events ${name}`, queues.log);
  return events;
}

/** Without a listener BullMQ prints each connection error to the console; with one they go to the JSON log. */
function reportConnectionErrors(emitter: Pick<NodeJS.EventEmitter, 'on'>, what: string, log: Pick<Logger, 'warn'> | undefined): void {
  if (log) emitter.on('error', (error: Error) => log.warn({ client: what, err: error.message }, 'redis connection error'));
}
