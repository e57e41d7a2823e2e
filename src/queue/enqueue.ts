import { Job, type Queue, type QueueEvents } from 'bullmq';
import type { CrawlStats } from '../crawler/index.js';
import type { CrawlRunSummary } from '../store/index.js';
import { runIdOf, type CrawlJobProgress } from './crawl-processor.js';
import { JOB, type CrawlSiteJob } from './payloads.js';
import type { Queues } from './queues.js';

export interface EnqueuedCrawl {
  site: string;
  job: Job<CrawlSiteJob>;
  runId: string;
}

/**
 * A job someone waits for is no longer in Redis: Redis restarted without persistence (or was
 * flushed). Its crawl run is never closed as succeeded (the finalizer waits for every batch);
 * running the crawl again is safe, stored ads are not duplicated.
 */
export class JobLostError extends Error {
  constructor(what: string) {
    super(`${what} vanished from Redis (restarted without persistence, or flushed?); run the crawl again: nothing is stored twice`);
    this.name = 'JobLostError';
  }
}

/** How often a waiter checks that the job it waits for still exists. */
const LOST_CHECK_MS = 5_000;

/**
 * Adds a `crawl-site` job for one site, unless one is already waiting or running: then that
 * one is returned, so two `zicht start`/`zicht crawl` at once share one run per site and the
 * site is never crawled twice at the same time (its politeness limits hold per crawl).
 */
export async function enqueueCrawl(queues: Queues, site: string): Promise<EnqueuedCrawl> {
  const added = await queues.crawl.add(JOB.crawlSite, { site }, { deduplication: { id: `crawl.${site}` } });
  // A deduplicated add answers with the existing job's id but this call's timestamp: read the real job.
  const job = ((await Job.fromId(queues.crawl, added.id!)) ?? added) as Job<CrawlSiteJob>;
  return { site, job, runId: runIdOf(job) };
}

/**
 * Waits until a crawl's run is closed (its ads stored), reporting progress on the way.
 * `events` must be QueueEvents of the crawl queue, ready before the job could finish.
 * Rejects with a {@link JobLostError} when the crawl or its finalizer vanishes from Redis.
 */
export async function waitForCrawl(
  queues: Queues,
  events: QueueEvents,
  crawl: EnqueuedCrawl,
  onProgress?: (progress: CrawlJobProgress) => void,
  lostCheckMs = LOST_CHECK_MS,
): Promise<{ stats: CrawlStats; summary: CrawlRunSummary }> {
  const listener = ({ jobId, data }: { jobId: string; data: unknown }) => {
    if (jobId === crawl.job.id && onProgress && typeof data === 'object') onProgress(data as CrawlJobProgress);
  };
  events.on('progress', listener);
  try {
    const stats = await untilFinished<CrawlStats>(queues.crawl, events, crawl.job, `the crawl job of ${crawl.site}`, lostCheckMs);
    const finalize = await Job.fromId(queues.crawl, `finalize.${crawl.runId}`);
    if (!finalize) throw new Error(`crawl ${crawl.runId} finished without a finalize job`);
    const closed = await untilFinished<CrawlRunSummary>(queues.crawl, events, finalize, `the finalizer of run ${crawl.runId}`, lostCheckMs);
    return { stats, summary: reviveDates(closed) };
  } finally {
    events.off('progress', listener);
  }
}

/** `job.waitUntilFinished`, but a job that vanished meanwhile fails the wait instead of hanging it. */
async function untilFinished<T>(queue: Queue, events: QueueEvents, job: Job, what: string, checkMs: number): Promise<T> {
  const watch = watchForLoss(queue, job, checkMs);
  const lost = watch.lost.then(() => Promise.reject(new JobLostError(what)));
  try {
    return (await Promise.race([job.waitUntilFinished(events), lost])) as T;
  } finally {
    watch.stop();
  }
}

/** `lost` resolves once the job is gone from Redis (a job with its id but another timestamp is another job). */
function watchForLoss(queue: Queue, job: Job, checkMs: number): { lost: Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const lost = new Promise<void>((resolve) => {
    const check = async () => {
      // While Redis is away this waits for it (maxRetriesPerRequest: null): an outage is not a loss.
      const current = await Job.fromId(queue, job.id!).catch(() => job);
      if (stopped) return;
      if (!current || current.timestamp !== job.timestamp) resolve();
      else timer = setTimeout(() => void check(), checkMs);
    };
    timer = setTimeout(() => void check(), checkMs);
  });
  return {
    lost,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Job results travel as JSON: dates come back as strings. */
function reviveDates(summary: CrawlRunSummary): CrawlRunSummary {
  return {
    ...summary,
    startedAt: new Date(summary.startedAt),
    finishedAt: summary.finishedAt === null ? null : new Date(summary.finishedAt),
  };
}
