import type { Job, Queue } from 'bullmq';
import { shingles, ShingleStats } from '../classifier/risk/index.js';
import { pageAdTexts, saveShingleSnapshot, type Db } from '../store/index.js';
import { parsePayload } from './errors.js';
import { JOB, RebuildRiskIndexJobSchema } from './payloads.js';
import type { RiskStep } from './risk-step.js';

/** Ads per re-index transaction of a rebuild: short enough that crawl batches wait little for the lock. */
export const REBUILD_CHUNK = 500;
const TEXT_PAGE = 2_000;

export interface RebuildResult {
  statsId: string;
  /** Ads the statistics were counted over. */
  ads: number;
  boilerplateShingles: number;
  assessed: number;
  changed: number;
}

/**
 * Counts the boilerplate statistics over every stored ad's current text, stores them as the new
 * snapshot, then re-indexes and re-scores every ad with it through the risk step, in chunks. The
 * ids are listed after the snapshot is stored, so an ad indexed with the previous one is always
 * among them. Also the way to apply a changed config/indicators.json to every stored ad.
 */
export async function rebuildRiskIndex(db: Db, step: RiskStep): Promise<RebuildResult> {
  const stats = new ShingleStats();
  for await (const page of pages(db)) {
    for (const ad of page) stats.addDocument(shingles([ad.title, ad.text].filter(Boolean).join('\n'), step.config.minhash.shingleSize));
  }
  const boilerplate = stats.boilerplateSlots(stats.threshold(step.config.guards));
  const statsId = await saveShingleSnapshot(db, { ads: stats.ads, bits: stats.bits, boilerplate });
  let assessed = 0;
  let changed = 0;
  for await (const page of pages(db, REBUILD_CHUNK)) {
    const result = await step.assess(db, { adIds: page.map((ad) => ad.id) });
    assessed += result.assessed;
    changed += result.changed;
  }
  return { statsId, ads: stats.ads, boilerplateShingles: boilerplate.length, assessed, changed };
}

async function* pages(db: Db, size = TEXT_PAGE): AsyncGenerator<Array<{ id: string; title: string | null; text: string }>> {
  for (let after = '0'; ; ) {
    const page = await pageAdTexts(db, after, size);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}

/** Handles a `rebuild-risk-index` job of the ads queue. */
export async function rebuildRiskIndexJob(deps: { db: Db; risk: RiskStep }, job: Job): Promise<RebuildResult> {
  parsePayload(RebuildRiskIndexJobSchema, job.data, 'rebuild-risk-index');
  return rebuildRiskIndex(deps.db, deps.risk);
}

/**
 * Enqueues a rebuild once per doubling of the index (the job id is the power of two reached), so
 * batches that all notice the same growth add one job, and the rebuilds cost about twice the
 * history in all.
 */
export async function enqueueRiskRebuild(queue: Queue, indexed: number): Promise<void> {
  const level = 2 ** Math.floor(Math.log2(Math.max(1, indexed)));
  await queue.add(JOB.rebuildRiskIndex, { indexed }, { jobId: `risk-rebuild.${level}` });
}
