import type { Job, Queue } from 'bullmq';
import type { AdAnalysis } from '../domain/analysis.js';
import { ScrapedAdSchema, type ScrapedAd } from '../domain/scraped-ad.js';
import type { Logger } from '../log.js';
import { recordAdBatch, type AdTarget, type BatchResult, type Db } from '../store/index.js';
import { parsePayload, permanent } from './errors.js';
import type { LicenceStep } from './licence-step.js';
import { AdsBatchJobSchema, JOB } from './payloads.js';
import { reassessLicenceJob } from './reassess-licence.js';
import { enqueueRiskRebuild, rebuildRiskIndexJob } from './risk-rebuild.js';
import type { RiskStep, RiskStepResult } from './risk-step.js';

export interface AdsProcessorDeps {
  db: Db;
  log: Logger;
  /** The pure analysis stage (extract → classify), injected so the queue knows nothing of it. */
  analyze(ad: ScrapedAd): AdAnalysis;
  /** The licence stage; without it ads are stored unassessed and `reassess-licence` jobs fail. */
  licence?: LicenceStep | undefined;
  /** The risk stage (links, score, clusters); without it ads are stored unscored. */
  risk?: RiskStep | undefined;
  /** Where the risk stage enqueues its index rebuilds (the ads queue itself). */
  adsQueue?: Queue | undefined;
}

export type AdsBatchResult = BatchResult & { invalid: number; licenceChanged?: number; risk?: Omit<RiskStepResult, 'rebuildDue'> };

/**
 * Validates each ad, analyses it (pure) and stores the batch in one transaction.
 * A malformed ad is logged and skipped; the rest of its batch is stored.
 */
export function createAdsProcessor(deps: AdsProcessorDeps) {
  return async (job: Job): Promise<unknown> => {
    if (job.name === JOB.reassessLicence && deps.licence) return reassessLicenceJob({ db: deps.db, licence: deps.licence, risk: deps.risk }, job);
    if (job.name === JOB.rebuildRiskIndex && deps.risk) return rebuildRiskIndexJob({ db: deps.db, risk: deps.risk }, job);
    if (job.name !== JOB.adsBatch) throw permanent(`unknown job name on the ads queue: ${job.name}`);
    const batch = parsePayload(AdsBatchJobSchema, job.data, 'ads-batch');
    const ads: Array<{ scraped: ScrapedAd; analysis: AdAnalysis }> = [];
    let invalid = 0;
    for (const [index, raw] of batch.ads.entries()) {
      const parsed = ScrapedAdSchema.safeParse(raw);
      if (!parsed.success) {
        invalid += 1;
        deps.log.warn({ runId: batch.runId, jobId: job.id, index, issues: parsed.error.issues.slice(0, 5) }, 'invalid scraped ad skipped');
        continue;
      }
      ads.push({ scraped: parsed.data, analysis: deps.analyze(parsed.data) });
    }
    const result: AdsBatchResult = { ...(await recordAdBatch(deps.db, { runId: batch.runId, batchKey: batch.batchKey, ads })), invalid };
    if (ads.length === 0) return result;
    const identities = ads.map(({ scraped }) => ({ site: scraped.site, siteAdId: scraped.siteAdId }));
    // Also on a replayed batch: the licence step is idempotent, and a crash may have come between the two.
    if (deps.licence) result.licenceChanged = (await deps.licence.assess(deps.db, { identities }, 'crawl')).changed;
    // After the licence step (its status is an input), and again on a replay: it writes only what changed.
    if (deps.risk) result.risk = await assessRisk(deps, { identities });
    return result;
  };
}

/** Runs the risk step and enqueues the index rebuild it asks for. */
async function assessRisk(deps: AdsProcessorDeps, target: AdTarget): Promise<Omit<RiskStepResult, 'rebuildDue'>> {
  const { rebuildDue, ...result } = await deps.risk!.assess(deps.db, target);
  if (rebuildDue && deps.adsQueue) await enqueueRiskRebuild(deps.adsQueue, rebuildDue.indexed);
  return result;
}
