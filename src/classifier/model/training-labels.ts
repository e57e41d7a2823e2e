import { REVIEW_CONFIRMS, type ReviewDecision } from '../../domain/review.js';
import type { ModelDoc } from './model-tokens.js';

/** A reviewed ad as the store hands it over: its current decision and the text it was decided on. */
export interface ReviewedAd {
  adId: string;
  decision: ReviewDecision;
  doc: ModelDoc;
  /** The ad's persona cluster, if any: its ads stay together in one cross-validation fold. */
  clusterId: string | null;
}

/** One training example: `confirmed` is the class the model predicts. */
export interface LabelledAd {
  adId: string;
  confirmed: boolean;
  doc: ModelDoc;
  /** Ads of one group are never split across folds (near-duplicate texts would flatter the report). */
  group: string;
}

export interface LabelCounts {
  confirmed: number;
  refuted: number;
  /** Current decisions that say neither (an inspection only planned): left out. */
  skipped: number;
}

/**
 * The labelled examples of the reviewed ads: a decision that confirms the ad deserved attention
 * (REVIEW_CONFIRMS true: inspected unlicensed, passed to police or care) is `confirmed`, one that
 * refutes it is not, and a planned inspection says nothing yet and is skipped.
 */
export function labelReviewedAds(ads: readonly ReviewedAd[]): { examples: LabelledAd[]; counts: LabelCounts } {
  const examples: LabelledAd[] = [];
  let skipped = 0;
  for (const ad of ads) {
    const confirms = REVIEW_CONFIRMS[ad.decision];
    if (confirms === null) skipped += 1;
    else examples.push({ adId: ad.adId, confirmed: confirms, doc: ad.doc, group: ad.clusterId === null ? `ad:${ad.adId}` : `cluster:${ad.clusterId}` });
  }
  return { examples, counts: { ...countLabels(examples), skipped } };
}

export function countLabels(examples: ReadonlyArray<{ confirmed: boolean }>): { confirmed: number; refuted: number } {
  const confirmed = examples.filter((e) => e.confirmed).length;
  return { confirmed, refuted: examples.length - confirmed };
}

/** The training minimum: total labelled ads, and each class. */
export interface LabelMinimum {
  minLabels: number;
  minPerClass: number;
}

/**
 * Why there are too few labels to train on, or null when there are enough. Below the minimum a
 * model would learn noise and its cross-validation would say little, so the signal stays off.
 */
export function tooFewLabels(counts: { confirmed: number; refuted: number }, minimum: LabelMinimum): string | null {
  const total = counts.confirmed + counts.refuted;
  const problems: string[] = [];
  if (total < minimum.minLabels) problems.push(`${total} labelled reviewed ads, need at least ${minimum.minLabels}`);
  if (counts.confirmed < minimum.minPerClass) problems.push(`${counts.confirmed} confirmed, need at least ${minimum.minPerClass}`);
  if (counts.refuted < minimum.minPerClass) problems.push(`${counts.refuted} refuted, need at least ${minimum.minPerClass}`);
  return problems.length === 0 ? null : problems.join('; ');
}
