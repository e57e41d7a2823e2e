import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { CrawlProgress, CrawlStats } from '../crawler/index.js';
import { crawlSite } from '../crawler/index.js';
import type { SiteConfig } from '../crawler/site-config.js';
import type { Logger } from '../log.js';
import {
  countRecordedBatches,
  finishCrawlRun,
  getCrawlRun,
  recordSiteHealth,
  startCrawlRun,
  usualAdCount,
  type CrawlRunSummary,
  type Db,
  type SiteHealth,
} from '../store/index.js';
import { AdBatcher } from './ad-batcher.js';
import { parsePayload, permanent } from './errors.js';
import { CrawlSiteJobSchema, FinalizeRunJobSchema, JOB, type FinalizeRunJob } from './payloads.js';
import { DEFAULT_RUN_HEALTH, judgeRun } from './run-health.js';

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
  /** A run with fewer ads than this share of the site's usual count is suspect: no ads are marked gone. */
  minShareOfUsualAds?: number;
  /** Succeeded runs whose median ad count is the site's usual count. Default 7. */
  healthHistoryRuns?: number;
  /** Successful runs in a row an ad must be missing from before it is gone. Default 2. */
  goneAfterRuns?: number;
  /** Aborted when this process shuts down: a crawl cut short must be retried, never closed as complete. */
  shutdownSignal?: AbortSignal;
}

/** Progress published on the crawl job, read by `zicht crawl` and `zicht start`. */
export type CrawlJobProgress = CrawlProgress & { site: string; runId: string };

/**
 * Stable across retries of the same job, unique across Redis flushes (job ids restart at 1) and
 * per firing of a job scheduler (its job ids are `repeat:<scheduler>:<due ms>`). Colons become dots:
 * the run id goes into job ids of its own (finalizer, ads batches), where BullMQ refuses colons.
 */
export function runIdOf(job: Job): string {
  return `${job.data?.site ?? 'site'}.${String(job.id).replaceAll(':', '.')}.${job.timestamp}`;
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
  try {
    return await crawlRun(deps, job, site, runId, log, signal);
  } catch (error) {
    if (error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await closeFailedRun(deps, runId, error, log);
    throw error;
  }
}

/** Crawls the site into ads batches and hands the run to its finalizer. */
async function crawlRun(deps: CrawlProcessorDeps, job: Job, site: SiteConfig, runId: string, log: Logger, signal?: AbortSignal): Promise<CrawlStats> {
  const batcher = new AdBatcher(deps.adsQueue, runId, site.id, deps.batchSize);
  const signals = [signal, deps.shutdownSignal].filter((s): s is AbortSignal => s !== undefined);
  const stats = await crawlSite(site, {
    onAd: (ad) => batcher.add(ad),
    onProgress: (progress) => void job.updateProgress({ ...progress, site: site.id, runId }).catch(() => undefined),
    log,
    chromiumPath: deps.chromiumPath,
    ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
  });
  // A partial crawl would mark every ad it did not reach as gone: retry it instead (attempts left).
  if (deps.shutdownSignal?.aborted || signal?.aborted) throw new Error('crawl interrupted by shutdown');
  await batcher.flush();
  const finalize: FinalizeRunJob = {
    runId,
    site: site.id,
    batchKeys: [...batcher.batchKeys],
    pages: stats.pagesOk + stats.pagesFailed,
    pagesFailed: stats.pagesFailed,
    errors: stats.errors.slice(0, 200),
    crawledAt: Date.now(),
  };
  await deps.crawlQueue.add(JOB.finalizeRun, finalize, { jobId: `finalize.${runId}`, attempts: 20 });
  return stats;
}

/**
 * The crawl job's last attempt failed: close its run as `failed` (no ads marked missing) so the run
 * history and the site's health say so, instead of a run that stays `running` for ever.
 */
async function closeFailedRun(deps: CrawlProcessorDeps, runId: string, error: unknown, log: Logger): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const summary = await finishCrawlRun(deps.db, {
      runId, status: 'failed', pages: 0, pagesFailed: 0, errors: [{ message }], finishedAt: new Date(), healthReason: `the crawl failed: ${message}`,
    });
    const health = await recordSiteHealth(deps.db, summary);
    log.warn({ site: summary.site, siteHealth: health?.status, err: message }, 'crawl run failed after its last attempt');
  } catch (closing) {
    // The job's own error is what counts; the run stays `running` (e.g. the database is away).
    log.debug({ err: String(closing) }, 'could not close the failed crawl run');
  }
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
  const summary = await closeRun(deps, data, complete);
  // Its own step, idempotent: a finalizer retried after the run closed still records the health.
  const health = await recordSiteHealth(deps.db, summary);
  logClosedRun(deps.log, summary, health, { batches: data.batchKeys.length, recorded });
  return summary;
}

/** Judges the run against the site's usual ad count and closes it; a closed run is returned as stored. */
async function closeRun(deps: CrawlProcessorDeps, data: FinalizeRunJob, complete: boolean): Promise<CrawlRunSummary> {
  const run = await getCrawlRun(deps.db, data.runId);
  if (!run) throw permanent(`finalize-run for unknown crawl run "${data.runId}"`);
  const usualAds = run.finishedAt === null ? await usualAdCount(deps.db, data.site, { runs: deps.healthHistoryRuns ?? 7, before: run.startedAt }) : run.usualAds;
  const verdict = judgeRun(
    { complete, pages: data.pages, pagesFailed: data.pagesFailed, adsSeen: run.adsSeen, usualAds },
    {
      maxFailedPageShare: deps.maxFailedPageShare ?? DEFAULT_RUN_HEALTH.maxFailedPageShare,
      minShareOfUsual: deps.minShareOfUsualAds ?? DEFAULT_RUN_HEALTH.minShareOfUsual,
    },
  );
  return finishCrawlRun(deps.db, {
    runId: data.runId,
    status: verdict.status,
    healthReason: verdict.reason,
    usualAds,
    pages: data.pages,
    pagesFailed: data.pagesFailed,
    errors: data.errors,
    finishedAt: new Date(),
    missedRunsBeforeGone: deps.goneAfterRuns ?? 2,
  });
}

/** One line per closed run; a warning when the run could not mark ads missing, so the site needs a look. */
function logClosedRun(log: Logger, summary: CrawlRunSummary, health: SiteHealth | null, batches: { batches: number; recorded: number }): void {
  const fields = { ...summary, ...batches, siteHealth: health?.status, runsInStatus: health?.runsInStatus };
  if (summary.status === 'suspect') log.warn(fields, 'site possibly broken: crawl run suspect, no ads marked missing');
  else if (summary.status !== 'succeeded') log.warn(fields, 'crawl run incomplete: no ads marked missing');
  else log.info(fields, 'crawl run closed');
}
