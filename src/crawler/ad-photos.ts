import type { BaseHttpClient } from '@crawlee/core';
import type { CheerioAPI } from 'cheerio';
import type { Logger } from '../log.js';
import type { CrawlCounter } from './crawl-stats.js';
import { PhotoFetchError, fetchPhoto } from './photo-fetch.js';
import { PhotoRejectedError, photoHash } from './photo-hash.js';
import { photoHostAllowed, readPhotoUrls } from './photo-urls.js';
import { MAX_THROTTLED_ATTEMPTS, backoffMs, sleep, type SitePacer } from './politeness.js';
import type { RobotsPolicy } from './robots-policy.js';
import type { PhotosConfig, SiteConfig } from './site-config.js';

/** Downloads of one photo before it is given up (server and network errors; 429s do not count). */
const ATTEMPTS = 3;
/** Photo URLs whose outcome one crawl remembers: a stock photo shown in many ads is fetched once. */
const MAX_REMEMBERED = 50_000;

/** What a photo hasher needs from its crawl. */
export interface PhotoHasherDeps {
  site: SiteConfig;
  photos: PhotosConfig;
  httpClient: BaseHttpClient;
  pacer: SitePacer;
  robots: RobotsPolicy;
  counter: CrawlCounter;
  log: Logger;
}

type Outcome = { hash: string } | { skipped: string; final: boolean };
/** Why a photo gave no hash, and whether that is final for its URL in this crawl. */
type Skip = { code: string; message: string; final: boolean };

/** An error's code and whether trying again could help. */
function classify(error: unknown): Skip {
  if (error instanceof PhotoRejectedError) return { code: error.code, message: error.message, final: true };
  if (error instanceof PhotoFetchError) return { code: error.code, message: error.message, final: !error.transient };
  return { code: 'ERROR', message: (error as Error).message, final: false };
}

/**
 * The photos of one crawl: downloads each photo through the site's politeness (robots.txt, the
 * shared pacer that spaces every request to the site and honours 429 pauses, timeouts), hashes it
 * with {@link photoHash} and drops the bytes. A photo that cannot be hashed is logged, counted and
 * skipped; it never fails its ad. Outcomes are remembered per URL for the crawl (hashes only).
 */
export class PhotoHasher {
  private readonly outcomes = new Map<string, Outcome>();
  private readonly inFlight = new Map<string, Promise<Outcome>>();

  constructor(private readonly deps: PhotoHasherDeps) {}

  /**
   * The hashes of the ad's photos on a parsed detail page, in page order, each once. All its downloads
   * share one budget of the site's `requestTimeoutSecs`, so a slow image host cannot time out the page.
   */
  async hashesOf($: CheerioAPI, pageUrl: string, crawlSignal: AbortSignal): Promise<string[]> {
    const { urls, offHost } = readPhotoUrls($, pageUrl, this.deps.photos);
    if (offHost > 0) this.deps.log.debug({ url: pageUrl, offHost }, 'photos on other hosts skipped (photos.extraHosts)');
    const budget = this.budgetFor(crawlSignal);
    const hashes = new Set<string>();
    try {
      for (const url of urls) {
        const outcome = await this.outcomeOf(url, pageUrl, budget.signal);
        if ('hash' in outcome) hashes.add(outcome.hash);
      }
    } finally {
      budget.release();
    }
    return [...hashes];
  }

  /**
   * A signal for one ad's downloads: aborted by the crawl's signal or after `requestTimeoutSecs`.
   * `release` detaches it from the crawl's signal (which lives for the whole crawl) once the ad is done,
   * so nothing of the ad's downloads stays reachable from it.
   */
  private budgetFor(crawlSignal: AbortSignal): { signal: AbortSignal; release(): void } {
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, this.deps.site.politeness.requestTimeoutSecs * 1000);
    crawlSignal.addEventListener('abort', abort, { once: true });
    if (crawlSignal.aborted) abort();
    return {
      signal: controller.signal,
      release: () => {
        clearTimeout(timer);
        crawlSignal.removeEventListener('abort', abort);
      },
    };
  }

  /**
   * The outcome for a URL: remembered, in flight for another ad, or fetched now. Only plain outcomes
   * are remembered, never promises: a promise made inside a page handler carries that handler's async
   * context (crawlee's, with the whole page), so a cache of promises would keep every page in memory.
   */
  private async outcomeOf(url: string, pageUrl: string, signal: AbortSignal): Promise<Outcome> {
    const known = this.outcomes.get(url) ?? (await this.inFlight.get(url));
    if (known) return known;
    const pending = this.hashOne(url, pageUrl, signal);
    this.inFlight.set(url, pending);
    try {
      const outcome = await pending;
      if ('hash' in outcome || outcome.final) this.remember(url, outcome);
      return outcome;
    } finally {
      this.inFlight.delete(url);
    }
  }

  private remember(url: string, outcome: Outcome): void {
    if (this.outcomes.size >= MAX_REMEMBERED) this.outcomes.delete(this.outcomes.keys().next().value!);
    this.outcomes.set(url, outcome);
  }

  private async hashOne(url: string, pageUrl: string, signal: AbortSignal): Promise<Outcome> {
    const result = (await this.deps.robots.isAllowed(url))
      ? await this.download(url, pageUrl, signal)
      : { code: 'ROBOTS', message: 'disallowed by robots.txt', final: true };
    if (typeof result === 'string') {
      this.deps.counter.photoHashed();
      return { hash: result };
    }
    this.deps.counter.photoSkipped();
    const level = result.code === 'ROBOTS' ? 'info' : 'warn';
    this.deps.log[level]({ url: pageUrl, photoUrl: url, code: result.code, err: result.message }, 'photo skipped');
    return { skipped: result.code, final: result.final };
  }

  /**
   * Downloads and hashes one photo: the hash, or why not. 429s are waited out without spending an
   * attempt (as for pages); server and network errors are tried {@link ATTEMPTS} times.
   */
  private async download(url: string, pageUrl: string, signal: AbortSignal): Promise<string | Skip> {
    let last: Skip = { code: 'ABORTED', message: 'crawl stopped or photo budget used up', final: false };
    let attempts = 0;
    let throttled = 0;
    while (!signal.aborted) {
      try {
        return await photoHash(await this.fetchOnce(url, pageUrl, signal));
      } catch (error) {
        if (signal.aborted) break;
        last = classify(error);
        const isThrottle = error instanceof PhotoFetchError && error.code === 'THROTTLED' && throttled < MAX_THROTTLED_ATTEMPTS;
        if (isThrottle) throttled += 1;
        else attempts += 1;
        if (last.final || attempts >= ATTEMPTS) break;
        await this.beforeRetry(error, Math.max(0, attempts - 1), signal);
      }
    }
    return last;
  }

  /** One request, after the site's pacer lets it start. */
  private async fetchOnce(url: string, pageUrl: string, signal: AbortSignal): Promise<Buffer> {
    const { site, photos, pacer, httpClient } = this.deps;
    await pacer.wait(signal);
    if (signal.aborted) throw new PhotoFetchError('NETWORK', 'aborted', true);
    return fetchPhoto(httpClient, {
      url,
      referer: pageUrl,
      userAgent: site.politeness.userAgent,
      maxBytes: photos.maxBytes,
      timeoutMs: site.politeness.requestTimeoutSecs * 1000,
      signal,
      redirectAllowed: (target) => /^https?:$/.test(target.protocol) && photoHostAllowed(target, pageUrl, photos),
    });
  }

  /** A 429 pauses the whole site (pages too), as for pages; other transient errors back off. */
  private async beforeRetry(error: unknown, attempt: number, signal: AbortSignal): Promise<void> {
    if (error instanceof PhotoFetchError && error.retryAfterMs !== undefined) this.deps.pacer.pause(error.retryAfterMs);
    else await sleep(backoffMs(attempt), signal);
  }
}
