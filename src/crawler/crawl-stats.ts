/** A snapshot of a running crawl, reported about once a second. */
export interface CrawlProgress {
  /** Pages read successfully (listing and detail). */
  pagesOk: number;
  /** Pages given up on (after their retries, or at once for 404/410). */
  pagesFailed: number;
  /** Ads handed to `onAd`. */
  ads: number;
  /** Requests waiting in the queue. */
  queued: number;
  elapsedMs: number;
  /** (pagesOk + pagesFailed) per second since the start. */
  pagesPerSec: number;
}

/** The result of a crawl: the final progress, the failed URLs and what robots.txt kept us from. */
export interface CrawlStats extends CrawlProgress {
  /** One entry per failed URL (the first {@link MAX_ERRORS_KEPT}; `pagesFailed` counts them all). */
  errors: Array<{ url: string; message: string }>;
  /** URLs not fetched because robots.txt disallows them for our user agent. */
  skippedByRobots: number;
  /** Ad photos downloaded and hashed (each URL once per crawl). */
  photosHashed: number;
  /** Ad photos given up on: broken, too large, not an image, disallowed, out of time. */
  photosSkipped: number;
}

/** Failed URLs kept in the stats; a broken site must not grow the result without bound. */
export const MAX_ERRORS_KEPT = 1000;

/** Counts what one crawl did. Not shared between crawls. */
export class CrawlCounter {
  private readonly startedAt = Date.now();
  private pagesOk = 0;
  private pagesFailed = 0;
  private ads = 0;
  private readonly errors: CrawlStats['errors'] = [];
  private readonly robotsSkipped = new Set<string>();
  private photosHashed = 0;
  private photosSkipped = 0;

  pageOk(): void {
    this.pagesOk += 1;
  }

  adRead(): void {
    this.ads += 1;
  }

  pageFailed(url: string, message: string): void {
    this.pagesFailed += 1;
    if (this.errors.length < MAX_ERRORS_KEPT) this.errors.push({ url, message });
  }

  photoHashed(): void {
    this.photosHashed += 1;
  }

  photoSkipped(): void {
    this.photosSkipped += 1;
  }

  skippedByRobots(url: string): void {
    this.robotsSkipped.add(url);
  }

  progress(queued: number): CrawlProgress {
    const elapsedMs = Date.now() - this.startedAt;
    const pages = this.pagesOk + this.pagesFailed;
    const pagesPerSec = elapsedMs > 0 ? Math.round((pages / elapsedMs) * 10_000) / 10 : 0;
    return { pagesOk: this.pagesOk, pagesFailed: this.pagesFailed, ads: this.ads, queued, elapsedMs, pagesPerSec };
  }

  stats(queued: number): CrawlStats {
    return {
      ...this.progress(queued),
      errors: [...this.errors],
      skippedByRobots: this.robotsSkipped.size,
      photosHashed: this.photosHashed,
      photosSkipped: this.photosSkipped,
    };
  }
}
