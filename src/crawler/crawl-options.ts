import type { ScrapedAd } from '../domain/scraped-ad.js';
import type { Logger } from '../log.js';
import type { CrawlProgress } from './crawl-stats.js';

/** Debian's chromium: we never download a browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** What a caller of `crawlSite` provides. */
export interface CrawlOptions {
  /** Called once per detail page read; the crawl awaits it, so a slow consumer slows the crawl (backpressure). */
  onAd(ad: ScrapedAd): Promise<void>;
  /** Called about once a second while the crawl runs. */
  onProgress?(progress: CrawlProgress): void;
  /** Our pino logger; the crawler adds `{ site, url }` fields. */
  log: Logger;
  /** Browser for `playwright` sites; default `/usr/bin/chromium`. */
  chromiumPath?: string;
  /** Aborting stops the crawl cleanly: pages in flight finish, nothing new starts, stats are returned. */
  signal?: AbortSignal;
  /** Safety cap on the number of pages (listing + detail) fetched. */
  maxPages?: number;
}
