import type { BaseHttpClient, Request, RequestOptions, RequestQueue } from '@crawlee/core';
import type { CheerioAPI } from 'cheerio';
import type { Logger } from '../log.js';
import type { PhotoHasher } from './ad-photos.js';
import type { CrawlOptions } from './crawl-options.js';
import type { CrawlCounter } from './crawl-stats.js';
import { crawleeLogFor } from './crawlee-log.js';
import { readLinks } from './field-selector.js';
import {
  MAX_RETRY_AFTER_MS,
  PermanentPageError,
  ThrottledError,
  TransientPageError,
  backoffMs,
  sleep,
  type SitePacer,
} from './politeness.js';
import { readDetailFrom, siteAdIdOf } from './read-detail.js';
import type { RobotsPolicy } from './robots-policy.js';
import type { SiteConfig } from './site-config.js';

/** Request labels: start URLs and pagination are listings, ad pages are details. */
export const LISTING = 'LISTING';
export const DETAIL = 'DETAIL';

/** Everything the page handlers of one crawl share. Never shared between crawls. */
export interface SiteRun {
  site: SiteConfig;
  options: CrawlOptions;
  /** `options.log` with the `site` field bound. */
  log: Logger;
  counter: CrawlCounter;
  pacer: SitePacer;
  robots: RobotsPolicy;
  /** siteAdIds handed to `onAd` in this crawl. */
  delivered: Set<string>;
  /** Aborted when the crawl stops (caller's signal or end of run): cuts short every wait. */
  signal: AbortSignal;
  /** The crawler's HTTP client: pages of cheerio sites and every site's photos. */
  httpClient: BaseHttpClient;
  /** Hashes the ads' photos; absent when the site config names no photos. */
  photos?: PhotoHasher;
}

/** Detail links (matching `detail.urlPattern`) and further listing pages of a listing page, same origin only. */
export function listingRequests($: CheerioAPI, pageUrl: string, site: SiteConfig): RequestOptions[] {
  const details: RequestOptions[] = [];
  for (const url of readLinks($, site.listing.detailLinks, pageUrl)) {
    const id = siteAdIdOf(url, site);
    // Keyed by the ad's id, not its URL: an ad listed under two categories or slugs is fetched once.
    if (id !== undefined) details.push({ url, label: DETAIL, uniqueKey: `${DETAIL}:${id}` });
  }
  const pages = site.listing.pageLinks ? readLinks($, site.listing.pageLinks, pageUrl) : [];
  return [...details, ...pages.map((url) => ({ url, label: LISTING }))];
}

/** The requests robots.txt lets us fetch; the others are counted as skipped. */
export async function allowedByRobots(requests: RequestOptions[], run: SiteRun): Promise<RequestOptions[]> {
  const allowed: RequestOptions[] = [];
  for (const request of requests) {
    if (await run.robots.isAllowed(request.url)) allowed.push(request);
    else run.counter.skippedByRobots(request.url);
  }
  return allowed;
}

/** Queues the links of a listing page that robots.txt allows, and waits until all are in the queue. */
export async function enqueueListing(
  $: CheerioAPI,
  pageUrl: string,
  run: SiteRun,
  crawler: { addRequests(requests: RequestOptions[], options: { waitForAllRequestsToBeAdded: boolean }): Promise<unknown> },
): Promise<void> {
  const requests = await allowedByRobots(listingRequests($, pageUrl, run.site), run);
  // Waiting matters: the crawl must not look finished while links are still being added.
  await crawler.addRequests(requests, { waitForAllRequestsToBeAdded: true });
}

/**
 * Reads the ad on a detail page, hashes its photos and hands it on; a page without ad text is a
 * permanent error for its URL. Photos that cannot be hashed are left out, never fail the ad.
 */
export async function deliverAd($: CheerioAPI, url: string, run: SiteRun): Promise<void> {
  const ad = readDetailFrom($, url, run.site, new Date());
  if (!ad) throw new PermanentPageError('NO_AD_TEXT', 'detail page without ad text');
  if (run.delivered.has(ad.siteAdId)) return; // reached again through a redirect: one ad, one delivery
  if (run.photos) ad.photoHashes = await run.photos.hashesOf($, url, run.signal);
  await run.options.onAd(ad);
  run.delivered.add(ad.siteAdId);
  run.counter.adRead();
}

/** How many 429s this request has had (kept in its userData across retries). */
export function throttledCount(request: Request): number {
  return Number(request.userData.throttled ?? 0);
}

/** Before a retry: a 429 pauses the whole site and costs no attempt; anything else backs off. */
async function beforeRetry(request: Request, error: Error, run: SiteRun): Promise<void> {
  if (error instanceof ThrottledError) {
    request.userData.throttled = throttledCount(request) + 1;
    request.retryCount -= 1; // crawlee adds it back right after this handler
    if (run.pacer.remainingMs() === 0) run.log.info({ url: request.url, waitMs: error.retryAfterMs }, 'site throttled the crawl');
    run.pacer.pause(error.retryAfterMs);
    return;
  }
  if (error instanceof TransientPageError && error.retryAfterMs) run.pacer.pause(error.retryAfterMs);
  run.log.debug({ url: request.url, attempt: request.retryCount + 1, err: error.message }, 'page failed, retrying');
  await sleep(backoffMs(request.retryCount), run.signal);
}

/**
 * Crawler options both kinds share: politeness (concurrency, rate, retries, robots.txt), our error
 * policy, a per-run queue and a quiet crawlee log. Time for waiting out a 429 is added to the handler
 * timeout because the wait happens inside the request's own budget.
 */
export function sharedCrawlerOptions(run: SiteRun, requestQueue: RequestQueue) {
  const { politeness } = run.site;
  return {
    requestQueue,
    httpClient: run.httpClient,
    // crawlee's autoscaling reads a busy 2-core machine as overloaded and drops to one page at a time;
    // HTTP pages are cheap, so cheerio runs at the configured concurrency, a browser at least at 2.
    minConcurrency: run.site.kind === 'cheerio' ? politeness.maxConcurrency : Math.min(politeness.maxConcurrency, 2),
    maxConcurrency: politeness.maxConcurrency,
    maxRequestsPerMinute: politeness.maxRequestsPerMinute,
    maxRequestRetries: politeness.maxRetries,
    maxRequestsPerCrawl: run.options.maxPages,
    autoscaledPoolOptions: { desiredConcurrency: politeness.maxConcurrency },
    navigationTimeoutSecs: politeness.requestTimeoutSecs,
    requestHandlerTimeoutSecs: politeness.requestTimeoutSecs + MAX_RETRY_AFTER_MS / 1000,
    // Sessions exist to rotate proxies and would retire (and relaunch a browser) on every 429;
    // we have no proxies and treat status codes ourselves.
    useSessionPool: false,
    errorHandler: async ({ request }: { request: Request }, error: Error) => beforeRetry(request, error, run),
    failedRequestHandler: async ({ request }: { request: Request }, error: Error) => {
      run.counter.pageFailed(request.url, error.message);
      run.log.warn({ url: request.url, attempts: request.retryCount + 1, err: error.message }, 'page failed');
    },
    log: crawleeLogFor(run.log),
  };
}
