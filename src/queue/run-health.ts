import type { ClosedRunStatus } from '../store/index.js';

/** When a crawl run counts as healthy enough to mark the ads it did not see as missing. */
export interface RunHealthPolicy {
  /** A run with more failed pages than this share is `incomplete`. Default 0.02. */
  maxFailedPageShare: number;
  /** A run with fewer ads than this share of the site's usual count is `suspect`. Default 0.5. */
  minShareOfUsual: number;
}

export const DEFAULT_RUN_HEALTH: RunHealthPolicy = { maxFailedPageShare: 0.02, minShareOfUsual: 0.5 };

/** What is known about a crawl run when it is closed. */
export interface RunFacts {
  /** Every ads batch of the run is stored. */
  complete: boolean;
  pages: number;
  pagesFailed: number;
  /** Distinct ads the run sighted. */
  adsSeen: number;
  /** The site's usual ad count (median of its last succeeded runs); null for a first crawl. */
  usualAds: number | null;
}

export interface RunVerdict {
  status: Extract<ClosedRunStatus, 'succeeded' | 'suspect' | 'incomplete'>;
  /** Why it is not `succeeded`, for the admin; null when it is. */
  reason: string | null;
}

/**
 * Judges a finished crawl (pure). Only a `succeeded` run marks the ads it did not see as missing,
 * so anything that makes "not seen" unreliable keeps a run out of it:
 * - `incomplete`: ads not all stored, no pages, or too many failed pages;
 * - `suspect`: pages came back fine but held no ads, or far fewer than usual — the site's layout
 *   probably changed and its selectors match nothing; marking its ads gone would be wrong.
 *
 * @example judgeRun({ complete: true, pages: 3, pagesFailed: 0, adsSeen: 0, usualAds: 240 }, DEFAULT_RUN_HEALTH)
 * // → { status: 'suspect', reason: 'no ads on 3 pages: …' }
 */
export function judgeRun(facts: RunFacts, policy: RunHealthPolicy = DEFAULT_RUN_HEALTH): RunVerdict {
  if (!facts.complete) return { status: 'incomplete', reason: 'not every batch of ads was stored before the finalizer gave up' };
  if (facts.pages === 0) return { status: 'incomplete', reason: 'no page could be fetched' };
  const failedShare = facts.pagesFailed / facts.pages;
  if (failedShare > policy.maxFailedPageShare) {
    return { status: 'incomplete', reason: `${facts.pagesFailed} of ${facts.pages} pages failed (${percent(failedShare)}; at most ${percent(policy.maxFailedPageShare)} allowed)` };
  }
  if (facts.adsSeen === 0) {
    return { status: 'suspect', reason: `no ads on ${facts.pages} pages: the site's selectors probably no longer match its layout` };
  }
  if (facts.usualAds !== null && facts.adsSeen < facts.usualAds * policy.minShareOfUsual) {
    return {
      status: 'suspect',
      reason: `${facts.adsSeen} ads where ${facts.usualAds} are usual (below ${percent(policy.minShareOfUsual)}): the site's layout may have changed`,
    };
  }
  return { status: 'succeeded', reason: null };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
