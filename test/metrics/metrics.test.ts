import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlAndWait } from '../../src/cli/crawl-all.js';
import {
  createMetrics,
  instrumentWorkers,
  metricsAccessDenied,
  metricsText,
  startMetricsServer,
  type MetricsServer,
  type ZichtMetrics,
} from '../../src/metrics/index.js';
import type { CrawlRunSummary } from '../../src/store/index.js';
import { startPipeline, type PipelineHarness } from '../helpers/pipeline.js';
import { parseExposition, sampleValue, type Sample } from './parse-exposition.js';

// /metrics after a real crawl of a fixture site through BullMQ into Postgres.
const SITE = 'demo-a';
const TOKEN = 'metrics-token-0123456789';
let h: PipelineHarness;
let metrics: ZichtMetrics;
let open: MetricsServer;
let guarded: MetricsServer;
let summary: CrawlRunSummary;
let truthCount: number;

async function scrape(server: MetricsServer, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/**
 * Scrapes until `ready` holds (at most 5 s): a worker's own 'completed' event may come a moment after
 * the queue reported the job done, and after the finalizer saw its batch in Postgres.
 */
async function scrapeUntil(ready: (samples: Sample[]) => boolean): Promise<Sample[]> {
  for (let attempt = 0; ; attempt++) {
    const samples = parseExposition((await scrape(open)).text);
    if (ready(samples) || attempt >= 50) return samples;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  h = await startPipeline({ ads: 120, seed: 7, day: 0, chaos: false }, [SITE]);
  metrics = createMetrics();
  instrumentWorkers(metrics, [h.runtime.workers.crawl, h.runtime.workers.ads]);
  const sources = { db: h.db, queues: [h.runtime.queues.crawl, h.runtime.queues.ads] };
  open = await startMetricsServer(metrics, sources, { port: 0 });
  guarded = await startMetricsServer(metrics, sources, { port: 0, token: TOKEN });
  [summary] = (await crawlAndWait(h.runtime.queues, [SITE], false)) as [CrawlRunSummary];
  truthCount = ((await (await fetch(`${h.demo.urls[SITE]}/_truth`)).json()) as unknown[]).length;
}, 300_000);

afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await h?.close();
});

describe('GET /metrics after a crawl', () => {
  it('serves the text format, which parses line by line', async () => {
    const { status, type, text } = await scrape(open);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(parseExposition(text).length).toBeGreaterThan(50);
  });

  it('counts the crawl: pages, ads, duration, run status and stored ads', async () => {
    const samples = await scrapeUntil(
      (s) =>
        sampleValue(s, 'zicht_crawl_runs_total', { site: SITE, status: 'succeeded' }) === 1 &&
        sampleValue(s, 'zicht_ads_stored_total', { change: 'new' }) === truthCount,
    );
    expect(summary.status).toBe('succeeded');
    const ok = sampleValue(samples, 'zicht_crawl_pages_total', { site: SITE, outcome: 'ok' });
    const failed = sampleValue(samples, 'zicht_crawl_pages_total', { site: SITE, outcome: 'failed' });
    expect(ok! + failed!).toBe(summary.pages);
    expect(failed).toBe(summary.pagesFailed);
    expect(sampleValue(samples, 'zicht_crawl_ads_seen_total', { site: SITE })).toBeGreaterThanOrEqual(truthCount);
    expect(sampleValue(samples, 'zicht_crawl_duration_seconds_count', { site: SITE })).toBe(1);
    expect(sampleValue(samples, 'zicht_crawl_runs_total', { site: SITE, status: 'succeeded' })).toBe(1);
    expect(sampleValue(samples, 'zicht_ads_stored_total', { change: 'new' })).toBe(truthCount);
    expect(sampleValue(samples, 'zicht_job_failures_total', { final: 'true' })).toBeUndefined();
  });

  it('reads queues and Postgres at scrape time: ads stored, the last run, job counts, both sources up', async () => {
    const samples = parseExposition((await scrape(open)).text);
    expect(sampleValue(samples, 'zicht_ads', { status: 'live' })).toBe(truthCount);
    expect(sampleValue(samples, 'zicht_crawl_last_run_status', { site: SITE, status: 'succeeded' })).toBe(1);
    expect(sampleValue(samples, 'zicht_crawl_last_run_ads', { site: SITE, change: 'new' })).toBe(summary.adsNew);
    expect(sampleValue(samples, 'zicht_crawl_last_run_pages', { site: SITE, outcome: 'ok' })).toBe(summary.pages - summary.pagesFailed);
    expect(sampleValue(samples, 'zicht_crawl_last_run_duration_seconds', { site: SITE })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'zicht_queue_jobs', { queue: 'crawl', state: 'completed' })).toBe(2);
    expect(sampleValue(samples, 'zicht_queue_jobs', { queue: 'ads', state: 'failed' })).toBe(0);
    expect(sampleValue(samples, 'zicht_up', { component: 'postgres' })).toBe(1);
    expect(sampleValue(samples, 'zicht_up', { component: 'redis' })).toBe(1);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('who may read /metrics', () => {
  it('with a token set: only requests that bring it, from anywhere', async () => {
    expect((await scrape(guarded)).status).toBe(401);
    expect((await scrape(guarded, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await scrape(guarded, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('without a token: loopback clients only', () => {
    expect(metricsAccessDenied({}, { remoteAddress: '127.0.0.1' })).toBeNull();
    expect(metricsAccessDenied({}, { remoteAddress: '::ffff:127.0.0.1' })).toBeNull();
    expect(metricsAccessDenied({}, { remoteAddress: '192.0.2.10' })).toBe(403);
    expect(metricsAccessDenied({ token: TOKEN }, { remoteAddress: '127.0.0.1' })).toBe(401);
  });
});

describe('a source that is down', () => {
  it('reports zicht_up 0 for it and still answers', async () => {
    // Nothing listens on port 1: ioredis keeps reconnecting and queues the command. Our own client,
    // so the test can stop its reconnecting (a Queue's own connection would wait for Redis to close).
    const client = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, retryStrategy: () => 200 });
    client.on('error', () => undefined);
    const dead = new Queue('crawl', { connection: client });
    dead.on('error', () => undefined);
    try {
      const own = createMetrics({ processMetrics: false });
      const samples = parseExposition(await metricsText(own, { db: h.db, queues: [dead], timeoutMs: 300 }));
      expect(sampleValue(samples, 'zicht_up', { component: 'redis' })).toBe(0);
      expect(sampleValue(samples, 'zicht_up', { component: 'postgres' })).toBe(1);
      expect(sampleValue(samples, 'zicht_metrics_scrape_errors_total', { source: 'redis' })).toBe(1);
      expect(sampleValue(samples, 'zicht_queue_jobs', { queue: 'crawl', state: 'waiting' })).toBeUndefined();
    } finally {
      client.disconnect();
      await dead.close();
    }
  });
});

describe('GET /metrics in the web app', () => {
  it('is served beside the pages under the same access rule', async () => {
    const { buildWebApp } = await import('../../src/web/app.js');
    const { loadSettings } = await import('../../src/config/settings.js');
    const { createLogger } = await import('../../src/log.js');
    const settings = loadSettings({}, {});
    const endpoint = (token?: string) => ({ metrics, sources: { db: h.db, queues: [h.runtime.queues.crawl] }, access: { token } });
    const app = await buildWebApp({ db: h.db, log: createLogger('silent'), settings, metrics: endpoint() });
    const guardedApp = await buildWebApp({ db: h.db, log: createLogger('silent'), settings, metrics: endpoint(TOKEN) });
    try {
      const local = await app.inject({ method: 'GET', url: '/metrics' });
      expect(local.statusCode).toBe(200);
      expect(sampleValue(parseExposition(local.body), 'zicht_ads', { status: 'live' })).toBe(truthCount);
      expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.0.2.10' })).statusCode).toBe(403);
      // A forged X-Forwarded-For does not make an outside client local.
      expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode).toBe(403);
      expect((await guardedApp.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      expect((await guardedApp.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.0.2.10', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    } finally {
      await app.close();
      await guardedApp.close();
    }
  });
});
