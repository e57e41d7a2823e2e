import { z } from 'zod';
import { ScrapedAdSchema } from '../domain/scraped-ad.js';

/** `crawl` queue, job `crawl-site`: crawl one configured site now. */
export const CrawlSiteJobSchema = z.object({ site: z.string().min(1) });
export type CrawlSiteJob = z.infer<typeof CrawlSiteJobSchema>;

/**
 * `ads` queue, job `ads-batch`: analyse and store a batch of scraped ads of one crawl run.
 * Ads are validated one by one in the worker, so one bad ad does not sink its batch.
 */
export const AdsBatchJobSchema = z.object({
  runId: z.string().min(1),
  site: z.string().min(1),
  batchKey: z.string().min(1),
  ads: z.array(z.unknown()).min(1),
});
export type AdsBatchJob = z.infer<typeof AdsBatchJobSchema>;
export { ScrapedAdSchema };

/** `crawl` queue, job `finalize-run`: close a run once all its batches are stored. */
export const FinalizeRunJobSchema = z.object({
  runId: z.string().min(1),
  site: z.string().min(1),
  batchKeys: z.array(z.string()),
  pages: z.number().int().min(0),
  pagesFailed: z.number().int().min(0),
  errors: z.array(z.object({ url: z.string().optional(), message: z.string() })),
  crawledAt: z.number().int(),
});
export type FinalizeRunJob = z.infer<typeof FinalizeRunJobSchema>;

/**
 * `ads` queue, job `reassess-licence`: assess these ads again against the current register, after
 * register version `registerVersionId` was imported. Idempotent: an unchanged status writes no history.
 */
export const ReassessLicenceJobSchema = z.object({
  registerVersionId: z.string().regex(/^\d+$/),
  adIds: z.array(z.string().regex(/^\d+$/)).min(1),
});
export type ReassessLicenceJob = z.infer<typeof ReassessLicenceJobSchema>;

/**
 * `ads` queue, job `rebuild-risk-index`: count the boilerplate statistics again over the stored
 * ads and re-index every ad with them (enqueued by the risk step when the index has doubled).
 */
export const RebuildRiskIndexJobSchema = z.object({ indexed: z.number().int().min(0) });
export type RebuildRiskIndexJob = z.infer<typeof RebuildRiskIndexJobSchema>;

export const JOB = {
  crawlSite: 'crawl-site',
  finalizeRun: 'finalize-run',
  adsBatch: 'ads-batch',
  reassessLicence: 'reassess-licence',
  rebuildRiskIndex: 'rebuild-risk-index',
} as const;
