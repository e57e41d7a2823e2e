import type { Queue } from 'bullmq';
import { readStoreFigures, type Db, type StoreFigures } from '../store/index.js';
import type { ZichtMetrics } from './zicht-metrics.js';

/** Where a scrape reads the shared figures; either may be absent (e.g. a web process without queues). */
export interface MetricsSources {
  db?: Db | undefined;
  queues?: readonly Queue[] | undefined;
  /** A source slower than this counts as down for this scrape. Default 3 s. */
  timeoutMs?: number | undefined;
}

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/**
 * The exposition text (Prometheus text format 0.0.4) after reading queues and Postgres. A source
 * that fails or hangs is reported as `zicht_up{component} 0` and its gauges are left out: the
 * endpoint answers most usefully exactly when something is down.
 */
export async function metricsText(metrics: ZichtMetrics, sources: MetricsSources): Promise<string> {
  await refreshMetrics(metrics, sources);
  return metrics.registry.metrics();
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export async function refreshMetrics(metrics: ZichtMetrics, sources: MetricsSources): Promise<void> {
  const timeoutMs = sources.timeoutMs ?? 3_000;
  await Promise.all([
    sources.queues ? refreshQueues(metrics, sources.queues, timeoutMs) : undefined,
    sources.db ? refreshStore(metrics, sources.db, timeoutMs) : undefined,
  ]);
}

async function refreshQueues(metrics: ZichtMetrics, queues: readonly Queue[], timeoutMs: number): Promise<void> {
  metrics.queueJobs.reset();
  try {
    const counts = await withTimeout(Promise.all(queues.map((q) => q.getJobCounts(...QUEUE_STATES))), timeoutMs);
    queues.forEach((queue, i) => {
      for (const state of QUEUE_STATES) metrics.queueJobs.set({ queue: queue.name, state }, counts[i]?.[state] ?? 0);
    });
    metrics.up.set({ component: 'redis' }, 1);
  } catch {
    metrics.up.set({ component: 'redis' }, 0);
    metrics.scrapeErrors.inc({ source: 'redis' });
  }
}

async function refreshStore(metrics: ZichtMetrics, db: Db, timeoutMs: number): Promise<void> {
  for (const gauge of [metrics.ads, metrics.lastRunInfo, metrics.lastRunTimestamp, metrics.lastRunDuration, metrics.lastRunPages,
    metrics.lastRunAds, metrics.lastRunErrors, metrics.lastPurgeRemoved, metrics.lastPurgeTimestamp, metrics.runningRuns]) {
    gauge.reset();
  }
  try {
    setStoreGauges(metrics, await withTimeout(readStoreFigures(db), timeoutMs));
    metrics.up.set({ component: 'postgres' }, 1);
  } catch {
    metrics.up.set({ component: 'postgres' }, 0);
    metrics.scrapeErrors.inc({ source: 'postgres' });
  }
}

function setStoreGauges(metrics: ZichtMetrics, figures: StoreFigures): void {
  metrics.ads.set({ status: 'live' }, figures.ads.live);
  metrics.ads.set({ status: 'gone' }, figures.ads.gone);
  metrics.runningRuns.set(figures.runningRuns);
  for (const run of figures.lastRuns) {
    const site = run.site;
    metrics.lastRunInfo.set({ site, status: run.status }, 1);
    metrics.lastRunTimestamp.set({ site }, run.finishedAt.getTime() / 1000);
    metrics.lastRunDuration.set({ site }, (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
    metrics.lastRunPages.set({ site, outcome: 'ok' }, run.pages - run.pagesFailed);
    metrics.lastRunPages.set({ site, outcome: 'failed' }, run.pagesFailed);
    const ads = { seen: run.adsSeen, new: run.adsNew, changed: run.adsChanged, unchanged: run.adsUnchanged, gone: run.adsGone };
    for (const [change, n] of Object.entries(ads)) metrics.lastRunAds.set({ site, change }, n);
    metrics.lastRunErrors.set({ site }, run.errors);
  }
  if (figures.lastPurge) {
    metrics.lastPurgeTimestamp.set(figures.lastPurge.at.getTime() / 1000);
    for (const [category, n] of Object.entries(figures.lastPurge.removed)) metrics.lastPurgeRemoved.set({ category }, n);
  }
}

/** Rejects after `ms`: ioredis queues commands while Redis is down, which would hang the scrape. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
