import { Job, type QueueEvents } from 'bullmq';
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

/** Adds a `crawl-site` job for one site. */
export async function enqueueCrawl(queues: Queues, site: string): Promise<EnqueuedCrawl> {
  const job = (await queues.crawl.add(JOB.crawlSite, { site })) as Job<CrawlSiteJob>;
  return { site, job, runId: runIdOf(job) };
}

/**
 * Waits until a crawl's run is closed (its ads stored), reporting progress on the way.
 * `events` must be QueueEvents of the crawl queue, ready before the job could finish.
 */
export async function waitForCrawl(
  queues: Queues,
  events: QueueEvents,
  crawl: EnqueuedCrawl,
  onProgress?: (progress: CrawlJobProgress) => void,
): Promise<{ stats: CrawlStats; summary: CrawlRunSummary }> {
  const listener = ({ jobId, data }: { jobId: string; data: unknown }) => {
    if (jobId === crawl.job.id && onProgress && typeof data === 'object') onProgress(data as CrawlJobProgress);
  };
  events.on('progress', listener);
  try {
    const stats = (await crawl.job.waitUntilFinished(events)) as CrawlStats;
    const finalize = await Job.fromId(queues.crawl, `finalize.${crawl.runId}`);
    if (!finalize) throw new Error(`crawl ${crawl.runId} finished without a finalize job`);
    const summary = reviveDates((await finalize.waitUntilFinished(events)) as CrawlRunSummary);
    return { stats, summary };
  } finally {
    events.off('progress', listener);
  }
}

/** Job results travel as JSON: dates come back as strings. */
function reviveDates(summary: CrawlRunSummary): CrawlRunSummary {
  return {
    ...summary,
    startedAt: new Date(summary.startedAt),
    finishedAt: summary.finishedAt === null ? null : new Date(summary.finishedAt),
  };
}
