import type { AdAnalysis, AdText } from '../../domain/analysis.js';
import { adIndicators, hourlyPriceOf, lowPrice, priceMedians, priceRegion, type PriceMedian } from './ad-indicators.js';
import { clusterAll, type ClusterInfo } from './clusters.js';
import type { IndicatorHit, LicenceStatus, WeightedIndicator } from './indicator.js';
import type { LinkAd } from './link-ad.js';
import { linkAll } from './link-all.js';
import type { LinkIndex } from './link-index.js';
import { linkIndicators } from './link-indicators.js';
import type { RiskConfig } from './risk-config.js';
import { assessScores, weigh, type ComplianceAssessment, type RiskScore } from './score-risk.js';
import type { ShingleStats } from './shingle-stats.js';

/** One ad of a batch: its text fields, its analysis and what else is known about it. */
export interface RiskBatchItem extends AdText {
  id: string;
  analysis: AdAnalysis;
  /** When the ad was (last) seen (ISO 8601): for the 14-day window of `multi_city`. */
  seenAt?: string | undefined;
  /** When it was first seen, if it was seen over a period (see `LinkAd.firstSeenAt`). */
  firstSeenAt?: string | undefined;
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
    firstSeenAt: item.firstSeenAt,
    site: item.site,
    text: [item.title, item.text].filter(Boolean).join('\n'),
  };
}

/** The regional medians of the items' hourly prices (`pricePerHour` of the analysis). */
export function priceMediansOf(items: readonly Pick<RiskBatchItem, 'analysis'>[]): Map<string, PriceMedian> {
  return priceMedians(
    items.flatMap((item) => {
      const price = hourlyPriceOf(item.analysis);
      return price ? [{ region: priceRegion(item.analysis), eurosPerHour: price.eurosPerHour }] : [];
    }),
  );
}

/** What scoring one ad needs beyond the ad itself: its links, the regional price medians and its cluster. */
export interface AssessContext {
  /** An index holding the ad and every ad it links to (the whole batch, or the part a store loaded). */
  index: LinkIndex;
  medians: ReadonlyMap<string, PriceMedian>;
  config: RiskConfig;
  cluster: ClusterInfo | null;
}

/**
 * One ad's assessment: its own indicators, `low_price` against its region's median and the link
 * indicators from the index. The batch and the pipeline both score through here.
 */
export function assessIndexedAd(item: RiskBatchItem, context: AssessContext): RiskAssessment {
  const { config } = context;
  const price = lowPrice(hourlyPriceOf(item.analysis), context.medians.get(priceRegion(item.analysis)), config.lowPrice);
  const hits: IndicatorHit[] = [...adIndicators(item), ...(price ? [price] : []), ...linkIndicators(context.index, item.id, config.multiCityDays)];
  const indicators = weigh(hits, config.indicators);
  return { id: item.id, indicators, ...assessScores(indicators, item.licenceStatus ?? null), cluster: context.cluster };
}

/**
 * Assesses a batch offline: per-ad indicators, `low_price` against the batch's regional medians,
 * and the link indicators and clusters across all ads of the batch. Pure; output in input order.
 * `shingleStats` fixes the boilerplate statistics (default: counted over the batch's own texts).
 *
 * @example assessRiskBatch(lines.map((l) => ({ ...l, analysis: analyzeAd(l, gazetteer) })), loadRiskConfig())
 */
export function assessRiskBatch(items: readonly RiskBatchItem[], config: RiskConfig, options: { shingleStats?: ShingleStats } = {}): RiskAssessment[] {
  const medians = priceMediansOf(items);
  const index = linkAll(items.map(linkAdOf), { ...config, ...options });
  const clusters = clusterAll(index);
  return items.map((item) => assessIndexedAd(item, { index, medians, config, cluster: clusters.get(item.id) ?? null }));
}
