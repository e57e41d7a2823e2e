import type { AdAnalysis, AdText } from '../../domain/analysis.js';
import { adIndicators, lowPrice, priceMedians, priceRegion } from './ad-indicators.js';
import { clusterAll, type ClusterInfo } from './clusters.js';
import { extractHourlyPrice } from './extract-price.js';
import type { IndicatorHit, LicenceStatus, WeightedIndicator } from './indicator.js';
import type { LinkAd } from './link-ad.js';
import { linkAll } from './link-all.js';
import { linkIndicators } from './link-indicators.js';
import type { RiskConfig } from './risk-config.js';
import { assessScores, weigh, type ComplianceAssessment, type RiskScore } from './score-risk.js';

/** One ad of a batch: its text fields, its analysis and what else is known about it. */
export interface RiskBatchItem extends AdText {
  id: string;
  analysis: AdAnalysis;
  /** When the ad was seen (ISO 8601): for the 14-day window of `multi_city`. */
  seenAt?: string | undefined;
  licenceStatus?: LicenceStatus | null | undefined;
  /** Perceptual photo hashes, when the crawler supplied them. */
  photoHashes?: readonly string[] | undefined;
  site?: string | undefined;
}

/** The risk assessment of one ad: every indicator with weight and evidence, both scores, its cluster. */
export interface RiskAssessment {
  id: string;
  indicators: WeightedIndicator[];
  risk: RiskScore;
  compliance: ComplianceAssessment;
  cluster: ClusterInfo | null;
}

/** The linker's view of a batch item. */
export function linkAdOf(item: RiskBatchItem): LinkAd {
  return {
    id: item.id,
    phones: item.analysis.phones.map((p) => p.e164),
    photoHashes: item.photoHashes,
    name: item.name,
    municipality: item.analysis.municipality?.code ?? null,
    seenAt: item.seenAt,
    site: item.site,
    text: [item.title, item.text].filter(Boolean).join('\n'),
  };
}

/**
 * Assesses a batch offline: per-ad indicators, `low_price` against the batch's regional medians,
 * and the link indicators and clusters across all ads of the batch. Pure; output in input order.
 *
 * @example assessRiskBatch(lines.map((l) => ({ ...l, analysis: analyzeAd(l, gazetteer) })), loadRiskConfig())
 */
export function assessRiskBatch(items: readonly RiskBatchItem[], config: RiskConfig): RiskAssessment[] {
  const prices = items.map((item) => extractHourlyPrice(item));
  const medians = priceMedians(
    items.flatMap((item, i) => (prices[i] ? [{ region: priceRegion(item.analysis), eurosPerHour: prices[i].eurosPerHour }] : [])),
  );
  const index = linkAll(items.map(linkAdOf), config);
  const clusters = clusterAll(index);
  return items.map((item, i) => {
    const hits: IndicatorHit[] = [
      ...adIndicators(item),
      ...[lowPrice(prices[i] ?? null, medians.get(priceRegion(item.analysis)), config.lowPrice)].filter((h) => h !== null),
      ...linkIndicators(index, item.id, config.multiCityDays),
    ];
    const indicators = weigh(hits, config.indicators);
    return { id: item.id, indicators, ...assessScores(indicators, item.licenceStatus ?? null), cluster: clusters.get(item.id) ?? null };
  });
}
