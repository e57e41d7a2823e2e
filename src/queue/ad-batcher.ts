import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { ScrapedAd } from '../domain/scraped-ad.js';
import { JOB, type AdsBatchJob } from './payloads.js';

/**
 * Collects scraped ads of one crawl run into `ads-batch` jobs.
 *
 * A batch's key is derived from the ads in it, not from a counter: when a crawl job is
 * retried after a crash it batches differently, and a counter would make a new batch look
 * like an already stored one. Per-ad idempotency is the store's job; the key only lets a
 * replayed job be skipped and the finalizer know which batches to wait for.
 */
export class AdBatcher {
  private pending: ScrapedAd[] = [];
  private readonly keys: string[] = [];

  constructor(
    private readonly queue: Queue,
    private readonly runId: string,
    private readonly site: string,
    private readonly batchSize: number,
  ) {}

  async add(ad: ScrapedAd): Promise<void> {
    this.pending.push(ad);
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const ads = this.pending;
    this.pending = [];
    const batchKey = batchKeyOf(this.runId, ads);
    const data: AdsBatchJob = { runId: this.runId, site: this.site, batchKey, ads };
    // The job id makes a re-added batch (crawl retried) a no-op in Redis too.
    await this.queue.add(JOB.adsBatch, data, { jobId: batchKey });
    this.keys.push(batchKey);
  }

  get batchKeys(): readonly string[] {
    return this.keys;
  }
}

export function batchKeyOf(runId: string, ads: readonly ScrapedAd[]): string {
  const ids = ads.map((ad) => `${ad.site}\u0000${ad.siteAdId}`).sort();
  const digest = createHash('sha1').update(ids.join('\n')).digest('hex').slice(0, 20);
  return `${runId}.${digest}`;
}
