import type { Job, Queue } from 'bullmq';
import type { Db } from '../store/index.js';
import { parsePayload } from './errors.js';
import type { LicenceStep, LicenceStepResult } from './licence-step.js';
import { JOB, ReassessLicenceJobSchema, type ReassessLicenceJob } from './payloads.js';
import type { RiskStep } from './risk-step.js';

/** Ads per `reassess-licence` job: one transaction each, well under a second. */
export const REASSESS_BATCH_SIZE = 500;

/**
 * Handles a `reassess-licence` job of the ads queue: the licence step, then (in its own
 * transaction, after the statuses are committed) the risk step, since a status is an input of the
 * compliance score and of the `invalid_permit` / `unlicensed` indicators.
 */
export async function reassessLicenceJob(
  deps: { db: Db; licence: LicenceStep; risk?: RiskStep | undefined },
  job: Job,
): Promise<LicenceStepResult & { riskChanged?: number }> {
  const data = parsePayload(ReassessLicenceJobSchema, job.data, 'reassess-licence');
  const result = await deps.licence.assess(deps.db, { adIds: data.adIds }, 'register');
  if (!deps.risk) return result;
  return { ...result, riskChanged: (await deps.risk.assess(deps.db, { adIds: data.adIds })).changed };
}

/**
 * Enqueues the re-assessment of `adIds` after register version `registerVersionId`, in batches.
 * Job ids derive from the version and batch, so enqueueing the same again is a no-op.
 */
export async function enqueueReassessment(
  queue: Queue,
  registerVersionId: string,
  adIds: readonly string[],
  batchSize = REASSESS_BATCH_SIZE,
): Promise<{ jobs: number; ads: number; jobIds: string[] }> {
  const jobs: Array<{ name: string; data: ReassessLicenceJob; opts: { jobId: string } }> = [];
  for (let start = 0; start < adIds.length; start += batchSize) {
    const data = { registerVersionId, adIds: adIds.slice(start, start + batchSize) };
    jobs.push({ name: JOB.reassessLicence, data, opts: { jobId: `reassess.${registerVersionId}.${jobs.length}` } });
  }
  if (jobs.length > 0) await queue.addBulk(jobs);
  return { jobs: jobs.length, ads: adIds.length, jobIds: jobs.map((j) => j.opts.jobId) };
}
