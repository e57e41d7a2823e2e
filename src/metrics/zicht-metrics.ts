import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, one registry each (no global one: a test or a second runtime in the same
 * process gets its own). Counters are of this process's own work (its workers' crawls, job
 * failures, purges); the gauges of queues, ads and last runs are read at scrape time from Redis
 * and Postgres (scrape.ts), so any process that can reach them reports the same.
 */
export interface ZichtMetrics {
  registry: Registry;
  crawlPages: Counter<'site' | 'outcome'>;
  crawlAds: Counter<'site'>;
  crawlDuration: Histogram<'site'>;
  crawlRuns: Counter<'site' | 'status'>;
  adsStored: Counter<'change'>;
  jobFailures: Counter<'queue' | 'job' | 'final'>;
  purgeRemoved: Counter<'category'>;
  scrapeErrors: Counter<'source'>;
  up: Gauge<'component'>;
  queueJobs: Gauge<'queue' | 'state'>;
  ads: Gauge<'status'>;
  runningRuns: Gauge;
  lastRunInfo: Gauge<'site' | 'status'>;
  lastRunTimestamp: Gauge<'site'>;
  lastRunDuration: Gauge<'site'>;
  lastRunPages: Gauge<'site' | 'outcome'>;
  lastRunAds: Gauge<'site' | 'change'>;
  lastRunErrors: Gauge<'site'>;
  lastPurgeTimestamp: Gauge;
  lastPurgeRemoved: Gauge<'category'>;
}

/** Creates the registry with every zicht series and Node's process metrics (CPU, memory, event loop). */
export function createMetrics(options: { processMetrics?: boolean } = {}): ZichtMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge<L>({ name, help, labelNames, registers });
  return {
    registry,
    crawlPages: counter('zicht_crawl_pages_total', 'Pages read by this process\'s crawls, by outcome (ok, failed)', ['site', 'outcome']),
    crawlAds: counter('zicht_crawl_ads_seen_total', 'Ads scraped by this process\'s crawls', ['site']),
    crawlDuration: new Histogram({
      name: 'zicht_crawl_duration_seconds',
      help: 'Duration of this process\'s site crawls (fetching, before the ads are stored)',
      labelNames: ['site'],
      buckets: [10, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200],
      registers,
    }),
    crawlRuns: counter('zicht_crawl_runs_total', 'Crawl runs closed by this process, by status', ['site', 'status']),
    adsStored: counter('zicht_ads_stored_total', 'Ads stored by this process\'s ads jobs, by change (new, changed, unchanged, invalid)', ['change']),
    jobFailures: counter('zicht_job_failures_total', 'Failed job attempts in this process; final="true" when no retry is left', ['queue', 'job', 'final']),
    purgeRemoved: counter('zicht_purge_removed_total', 'Rows removed by retention purges run in this process, by category', ['category']),
    scrapeErrors: counter('zicht_metrics_scrape_errors_total', 'Scrapes that could not read a source (postgres, redis)', ['source']),
    up: gauge('zicht_up', 'Whether the source answered at the last scrape (1) or not (0)', ['component']),
    queueJobs: gauge('zicht_queue_jobs', 'Jobs per queue and state (waiting, active, delayed, failed, …) at scrape time', ['queue', 'state']),
    ads: gauge('zicht_ads', 'Ads stored, by status (live, gone)', ['status']),
    runningRuns: gauge('zicht_crawl_runs_running', 'Crawl runs started and not yet closed', []),
    lastRunInfo: gauge('zicht_crawl_last_run_status', 'Status of each site\'s newest closed run (1 for its status)', ['site', 'status']),
    lastRunTimestamp: gauge('zicht_crawl_last_run_timestamp_seconds', 'When each site\'s newest closed run finished (Unix time)', ['site']),
    lastRunDuration: gauge('zicht_crawl_last_run_duration_seconds', 'Start to close of each site\'s newest closed run', ['site']),
    lastRunPages: gauge('zicht_crawl_last_run_pages', 'Pages of each site\'s newest closed run, by outcome (ok, failed)', ['site', 'outcome']),
    lastRunAds: gauge('zicht_crawl_last_run_ads', 'Ads of each site\'s newest closed run, by change (seen, new, changed, unchanged, gone)', ['site', 'change']),
    lastRunErrors: gauge('zicht_crawl_last_run_errors', 'Errors of each site\'s newest closed run', ['site']),
    lastPurgeTimestamp: gauge('zicht_purge_last_timestamp_seconds', 'When the newest purge that removed anything ran (Unix time)', []),
    lastPurgeRemoved: gauge('zicht_purge_last_removed', 'Rows that newest purge removed, by category', ['category']),
  };
}
