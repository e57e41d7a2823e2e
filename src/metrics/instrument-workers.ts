import type { Job, Worker } from 'bullmq';
import { JOB } from '../queue/index.js';
import type { ZichtMetrics } from './zicht-metrics.js';

/** The job results the counters read; only numbers are taken, so older result shapes do no harm. */
interface CrawlSiteResult {
  pagesOk?: number;
  pagesFailed?: number;
  ads?: number;
  elapsedMs?: number;
}
interface FinalizeResult {
  site?: string;
  status?: string;
}
interface AdsBatchResult {
  new?: number;
  changed?: number;
  unchanged?: number;
  invalid?: number;
  alreadyRecorded?: boolean;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Counts this process's work from its workers' events, without touching the processors: crawl
 * pages, ads and durations when a `crawl-site` job completes, run statuses when a `finalize-run`
 * job closes a run, stored ads per change, and every failed attempt (final or to be retried).
 *
 * @example instrumentWorkers(metrics, [runtime.workers.crawl, runtime.workers.ads])
 */
export function instrumentWorkers(metrics: ZichtMetrics, workers: readonly Worker[]): void {
  for (const worker of workers) {
    worker.on('completed', (job: Job, result: unknown) => countCompleted(metrics, job, result));
    worker.on('failed', (job: Job | undefined, error: Error) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
      metrics.jobFailures.inc({ queue: worker.name, job: job?.name ?? 'unknown', final: String(final) });
    });
  }
}

function countCompleted(metrics: ZichtMetrics, job: Job, result: unknown): void {
  if (typeof result !== 'object' || result === null) return;
  const site = typeof job.data?.site === 'string' ? job.data.site : 'unknown';
  if (job.name === JOB.crawlSite) {
    const stats = result as CrawlSiteResult;
    metrics.crawlPages.inc({ site, outcome: 'ok' }, num(stats.pagesOk));
    metrics.crawlPages.inc({ site, outcome: 'failed' }, num(stats.pagesFailed));
    metrics.crawlAds.inc({ site }, num(stats.ads));
    metrics.crawlDuration.observe({ site }, num(stats.elapsedMs) / 1000);
  } else if (job.name === JOB.finalizeRun) {
    const summary = result as FinalizeResult;
    metrics.crawlRuns.inc({ site: summary.site ?? site, status: summary.status ?? 'unknown' });
  } else if (job.name === JOB.adsBatch) {
    const batch = result as AdsBatchResult;
    // A replayed batch stored nothing new: counting it again would inflate the totals.
    if (batch.alreadyRecorded) return;
    for (const change of ['new', 'changed', 'unchanged', 'invalid'] as const) metrics.adsStored.inc({ change }, num(batch[change]));
  }
}
