import { COMPLIANCE_CODES, type IndicatorCode, type IndicatorHit, type LicenceStatus, type WeightedIndicator } from './indicator.js';
import type { IndicatorWeights } from './risk-config.js';

/** One indicator's share of a score. The contributions of a score add up to the score. */
export interface Contribution {
  code: IndicatorCode;
  weight: number;
  contribution: number;
}

export interface RiskScore {
  /** In [0, 1]: 1 − Π(1 − wᵢ) over the indicators that fired (noisy-OR). */
  score: number;
  /** Largest first. */
  contributions: Contribution[];
}

/** Licence compliance, kept apart from exploitation risk (DOMAIN.md: a compliance signal is not evidence of trafficking). */
export interface ComplianceAssessment extends RiskScore {
  status: LicenceStatus | null;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Noisy-OR: each indicator is read as an independent chance `w` that the ad needs a look, so
 * score = 1 − Π(1 − wᵢ). It stays in [0, 1], never drops when a signal is added, and each extra
 * signal adds less — ten weak keywords do not outrank one strong link. The score is split over the
 * indicators in proportion to −ln(1 − wᵢ), the term each adds to −ln(1 − score), so the
 * contributions sum exactly to the score and do not depend on order.
 *
 * Weights come from `weights` (config; disabled codes are left out) or, without it, from each indicator.
 *
 * @example scoreRisk([{ code: 'phone_shared', weight: 0.45 }, { code: 'new_in_town', weight: 0.03 }])
 * // → { score: 0.4665, contributions: [{ code: 'phone_shared', weight: 0.45, contribution: 0.4399 }, …] }
 */
export function scoreRisk(indicators: ReadonlyArray<{ code: IndicatorCode; weight?: number }>, weights?: IndicatorWeights): RiskScore {
  const weighted = indicators
    .filter((i) => !weights || weights[i.code].enabled)
    .map((i) => ({ code: i.code, weight: weights ? weights[i.code].weight : (i.weight ?? 0) }));
  const terms = weighted.map((i) => ({ ...i, term: -Math.log1p(-Math.min(i.weight, 0.999)) }));
  const total = terms.reduce((sum, t) => sum + t.term, 0);
  const score = 1 - Math.exp(-total);
  const contributions = terms
    .map((t) => ({ code: t.code, weight: t.weight, contribution: total === 0 ? 0 : round((score * t.term) / total) }))
    .sort((a, b) => b.contribution - a.contribution || a.code.localeCompare(b.code));
  return { score: round(score), contributions };
}

/** Attaches configured weights to the hits, dropping disabled codes (e.g. `nationality` by default). */
export function weigh(hits: readonly IndicatorHit[], weights: IndicatorWeights): WeightedIndicator[] {
  return hits.filter((h) => weights[h.code].enabled).map((h) => ({ code: h.code, weight: weights[h.code].weight, evidence: h.evidence }));
}

/** Splits weighted indicators into the exploitation `risk` score and the licence `compliance` assessment. */
export function assessScores(indicators: readonly WeightedIndicator[], status: LicenceStatus | null): { risk: RiskScore; compliance: ComplianceAssessment } {
  const risk = scoreRisk(indicators.filter((i) => !COMPLIANCE_CODES.has(i.code)));
  const compliance = { status, ...scoreRisk(indicators.filter((i) => COMPLIANCE_CODES.has(i.code))) };
  return { risk, compliance };
}
