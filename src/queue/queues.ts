import { Queue, QueueEvents, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';

export const QUEUE_NAMES = { crawl: 'crawl', ads: 'ads' } as const;

export interface Queues {
  crawl: Queue;
  ads: Queue;
  prefix: string;
  connection: ConnectionOptions;
  close(): Promise<void>;
}

const KEEP = { removeOnComplete: { age: 24 * 3600, count: 5000 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** A crawl is expensive: few attempts, long backoff. */
export const CRAWL_JOB_OPTIONS: DefaultJobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...KEEP };
/** Storing ads is cheap and idempotent: retry often, e.g. while Postgres restarts. */
export const ADS_JOB_OPTIONS: DefaultJobOptions = { attempts: 12, backoff: { type: 'exponential', delay: 1_000 }, ...KEEP };

/**
 * Connection options rather than a shared client: BullMQ then opens (and closes) the
 * connections it needs itself, including the blocking ones of workers and queue events.
 * `maxRetriesPerRequest: null` is what BullMQ workers require.
 */
export function redisConnection(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null };
}

export function openQueues(redisUrl: string, prefix: string): Queues {
  const connection = redisConnection(redisUrl);
  const crawl = new Queue(QUEUE_NAMES.crawl, { connection, prefix, defaultJobOptions: CRAWL_JOB_OPTIONS });
  const ads = new Queue(QUEUE_NAMES.ads, { connection, prefix, defaultJobOptions: ADS_JOB_OPTIONS });
  return {
    crawl,
    ads,
    prefix,
    connection,
    close: async () => void (await Promise.all([crawl.close(), ads.close()])),
  };
}

export function openQueueEvents(queues: Queues, name: keyof typeof QUEUE_NAMES): QueueEvents {
  return new QueueEvents(QUEUE_NAMES[name], { connection: queues.connection, prefix: queues.prefix });
}
