import { DelayedError, type Job, type Queue } from 'bullmq';
import type { CrawlProgress, CrawlStats } from '../crawler/index.js';
import { crawlSite } from '../crawler/index.js';
import type { SiteConfig } from '../crawler/site-config.js';
import type { Logger } from '../log.js';
import { countRecordedBatches, finishCrawlRun, startCrawlRun, type CrawlRunSummary, type Db } from '../store/index.js';
import { AdBatcher } from './ad-batcher.js';
import { parsePayload, permanent } from './errors.js';
import { CrawlSiteJobSchema, FinalizeRunJobSchema, JOB, type FinalizeRunJob } from './payloads.js';

export interface CrawlProcessorDeps {
  db: Db;
  adsQueue: Queue;
  crawlQueue: Queue;
  sites: ReadonlyMap<string, SiteConfig>;
  log: Logger;
  chromiumPath: string;
  batchSize: number;
  /** How long a finalizer waits for the ads of its run before closing it as incomplete. */
  finalizeTimeoutMs?: number;
  /** A run with more failed pages than this share is closed as incomplete: no ads are marked gone. */
  maxFailedPageShare?: number;
  /** Aborted when this process shuts down: a crawl cut short must be retried, never closed as complete. */
  shutdownSignal?: AbortSignal;
}

/** Progress published on the crawl job, read by `zicht crawl` and `zicht start`. */
export type CrawlJobProgress = CrawlProgress & { site: string; runId: string };

/** Stable across retries of the same job, unique across Redis flushes (job ids restart at 1). */
export function runIdOf(job: Job): string {
  return `${job.data?.site ?? 'site'}.${job.id}.${job.timestamp}`;
}

export function createCrawlProcessor(deps: CrawlProcessorDeps) {
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
    if (job.name === JOB.finalizeRun) return finalizeRun(deps, job, token);
    if (job.name === JOB.crawlSite) return crawlSiteJob(deps, job, signal);
    throw permanent(`unknown job name on the crawl queue: ${job.name}`);
  };
}

async function crawlSiteJob(deps: CrawlProcessorDeps, job: Job, signal?: AbortSignal): Promise<CrawlStats> {
  const { site: siteId } = parsePayload(CrawlSiteJobSchema, job.data, 'crawl-site');
  const site = deps.sites.get(siteId);
  if (!site) throw permanent(`unknown site "${siteId}": not in this worker's site configuration`);
  const runId = runIdOf(job);
  // The crawler adds `site` to its own log lines.
  const log = deps.log.child({ runId, jobId: job.id });
  await startCrawlRun(deps.db, { id: runId, site: siteId, startedAt: new Date(job.processedOn ?? Date.now()) });
  const batcher = new AdBatcher(deps.adsQueue, runId, siteId, deps.batchSize);
  const signals = [signal, deps.shutdownSignal].filter((s): s is AbortSignal => s !== undefined);
  const stats = await crawlSite(site, {
    onAd: (ad) => batcher.add(ad),
    onProgress: (progress) => void job.updateProgress({ ...progress, site: siteId, runId }).catch(() => undefined),
    log,
    chromiumPath: deps.chromiumPath,
    ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
  });
  // A partial crawl would mark every ad it did not reach as gone: retry it instead.
  if (deps.shutdownSignal?.aborted || signal?.aborted) throw new Error('crawl interrupted by shutdown; it will be retried');
  await batcher.flush();
  const finalize: FinalizeRunJob = {
    runId,
    site: siteId,
    batchKeys: [...batcher.batchKeys],
    pages: stats.pagesOk + stats.pagesFailed,
    pagesFailed: stats.pagesFailed,
    errors: stats.errors.slice(0, 200),
    crawledAt: Date.now(),
  };
  await deps.crawlQueue.add(JOB.finalizeRun, finalize, { jobId: `finalize.${runId}`, attempts: 20 });
  return stats;
}

async function finalizeRun(deps: CrawlProcessorDeps, job: Job, token?: string): Promise<CrawlRunSummary> {
  const data = parsePayload(FinalizeRunJobSchema, job.data, 'finalize-run');
  const recorded = await countRecordedBatches(deps.db, data.runId, data.batchKeys);
  const complete = recorded >= data.batchKeys.length;
  const waited = Date.now() - data.crawledAt;
  if (!complete && waited < (deps.finalizeTimeoutMs ?? 3_600_000) && token) {
    // Ads jobs still running: look again shortly, without spending an attempt.
    await job.moveToDelayed(Date.now() + 1_000, token);
    throw new DelayedError();
  }
  const failedShare = data.pages === 0 ? 1 : data.pagesFailed / data.pages;
  const healthy = complete && failedShare <= (deps.maxFailedPageShare ?? 0.02);
  const summary = await finishCrawlRun(deps.db, {
    runId: data.runId,
    status: healthy ? 'succeeded' : 'incomplete',
    pages: data.pages,
    pagesFailed: data.pagesFailed,
    errors: data.errors,
    finishedAt: new Date(),
  });
  deps.log.info({ ...summary, batches: data.batchKeys.length, recorded }, 'crawl run closed');
  return summary;
}
