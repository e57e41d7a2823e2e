import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Configuration, GotScrapingHttpClient, RequestQueue } from '@crawlee/core';
import type { Logger } from '../log.js';
import { PhotoHasher } from './ad-photos.js';
import { createCheerioCrawler } from './cheerio-site.js';
import { DEFAULT_CHROMIUM_PATH, type CrawlOptions } from './crawl-options.js';
import { CrawlCounter, type CrawlStats } from './crawl-stats.js';
import { quietCrawleeGlobalLog } from './crawlee-log.js';
import { createPlaywrightCrawler } from './playwright-site.js';
import { SitePacer } from './politeness.js';
import { RobotsPolicy } from './robots-policy.js';
import { LISTING, allowedByRobots, type SiteRun } from './site-run.js';
import type { SiteConfig } from './site-config.js';

const PROGRESS_INTERVAL_MS = 1_000;

/** The browser a playwright site needs is missing: an installation problem, not a page error. */
export class ChromiumMissingError extends Error {
  readonly code = 'CHROMIUM_MISSING';
  constructor(chromiumPath: string) {
    super(`no chromium at ${chromiumPath}: install it (apt-get install -y chromium) or pass chromiumPath`);
    this.name = 'ChromiumMissingError';
  }
}

async function assertExecutable(file: string): Promise<void> {
  try {
    await access(file, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(file);
  }
}

/** Storage for one crawl: in memory, isolated from every other crawl, with a temp dir if anything spills. */
async function openStorage(siteId: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zicht-crawl-'));
  const config = new Configuration({
    persistStorage: false,
    storageClientOptions: { localDataDirectory: dataDir, persistStorage: false, writeMetadata: false },
  });
  const queue = await RequestQueue.open(`zicht-${siteId}-${randomUUID()}`, { config });
  const close = async () => {
    await queue.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  return { config, queue, close };
}

/** Longest robots.txt `Crawl-delay` we follow; a larger one would never let a nightly crawl finish. */
const MAX_CRAWL_DELAY_SECS = 30;

/**
 * The pacer every request to the site waits for, pages and photos alike: request starts spaced by
 * `maxRequestsPerMinute` (crawlee's own limit counts only pages), and a robots.txt `Crawl-delay`
 * means one request at a time, started at least that far apart.
 * Returns the site config to crawl with and the pacer for its requests.
 */
async function pacing(site: SiteConfig, robots: RobotsPolicy, log: Logger) {
  const spacingMs = 60_000 / site.politeness.maxRequestsPerMinute;
  const delay = (await robots.rulesFor(site.startUrls[0]!)).crawlDelaySecs;
  if (!delay || delay <= 0) return { site, pacer: new SitePacer(spacingMs) };
  const secs = Math.min(delay, MAX_CRAWL_DELAY_SECS);
  log.info({ crawlDelaySecs: secs }, 'robots.txt asks for a crawl delay');
  const oneAtATime = { ...site, politeness: { ...site.politeness, maxConcurrency: 1 } };
  return { site: oneAtATime, pacer: new SitePacer(Math.max(secs * 1000, spacingMs)) };
}

/** The photo hasher of a site that names its photos. */
function photoHasher(run: Omit<SiteRun, 'photos'>): PhotoHasher | undefined {
  const photos = run.site.detail.photos;
  return photos ? new PhotoHasher({ ...run, photos }) : undefined;
}

/** Builds the crawler of the site's kind, runs it to the end and returns how many requests were left. */
async function runCrawler(run: SiteRun, chromiumPath: string): Promise<number> {
  const storage = await openStorage(run.site.id);
  const crawler =
    run.site.kind === 'cheerio'
      ? createCheerioCrawler(run, storage.queue, storage.config)
      : createPlaywrightCrawler(run, storage.queue, storage.config, chromiumPath);
  const stopCrawler = () => crawler.stop('aborted');
  run.signal.addEventListener('abort', stopCrawler, { once: true });
  const report = () => run.options.onProgress?.(run.counter.progress(storage.queue.getPendingCount()));
  const reporter = setInterval(report, PROGRESS_INTERVAL_MS);
  try {
    const startRequests = await allowedByRobots(run.site.startUrls.map((url) => ({ url, label: LISTING })), run);
    if (!run.signal.aborted) await crawler.run(startRequests);
    return storage.queue.getPendingCount();
  } finally {
    clearInterval(reporter);
    run.signal.removeEventListener('abort', stopCrawler);
    await storage.close();
  }
}

/**
 * Crawls one site now: start URLs as listings, pagination and detail links followed (same origin),
 * every detail page read with {@link readDetail} and handed to `onAd` (awaited: backpressure).
 * Politeness, robots.txt and retries follow the site's config. Page failures never fail the crawl:
 * they are logged, counted and listed in the result (an `onAd` that throws fails its page the same
 * way, after retries). Aborting `signal` stops the crawl cleanly: pages in flight finish, then the
 * stats are returned. Throws only when the installation is broken (e.g. {@link ChromiumMissingError}).
 *
 * @example
 * const stats = await crawlSite(site, { log, onAd: async (ad) => queue.add(ad) });
 * log.info({ ads: stats.ads, failed: stats.pagesFailed }, 'crawl done');
 */
export async function crawlSite(site: SiteConfig, options: CrawlOptions): Promise<CrawlStats> {
  const chromiumPath = options.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
  if (site.kind === 'playwright') await assertExecutable(chromiumPath);
  quietCrawleeGlobalLog();
  const log = options.log.child({ site: site.id });
  const counter = new CrawlCounter();
  const stop = new AbortController();
  const onAbort = () => {
    log.info('crawl aborted');
    stop.abort();
  };
  if (options.signal?.aborted) return counter.stats(0);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  log.info({ kind: site.kind, startUrls: site.startUrls }, 'crawl started');
  let queued: number;
  try {
    const robots = new RobotsPolicy(site.politeness.robotsTxt, site.politeness.userAgent, log, stop.signal);
    const paced = await pacing(site, robots, log);
    const base = { ...paced, options, log, counter, robots, delivered: new Set<string>(), signal: stop.signal, httpClient: new GotScrapingHttpClient() };
    queued = await runCrawler({ ...base, photos: photoHasher(base) }, chromiumPath);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stop.abort(); // ends every wait still pending
  }
  const stats = counter.stats(queued);
  options.onProgress?.(counter.progress(queued));
  const { errors, ...summary } = stats;
  log.info({ ...summary, failedUrls: errors.length }, 'crawl finished');
  return stats;
}
