/**
 * Risk indicators, links between ads and the explainable score (issue 5). All pure, except
 * `loadRiskConfig`, which reads config/indicators.json.
 */
export {
  adIndicators, alwaysAvailable, foreignPhone, hotelLocation, hourlyPriceOf, licenceIndicator, lowPrice, minorSuspected, nationality,
  newInTown, obfuscatedPhone, priceMedians, priceRegion, thirdParty, under21, unprotected, type AdRiskInput, type HourlyPrice, type PriceMedian,
} from './ad-indicators.js';
export {
  assessIndexedAd, assessRiskBatch, linkAdOf, priceMediansOf, type AssessContext, type RiskAssessment, type RiskBatchItem,
} from './assess-risk-batch.js';
export { clusterAll, clusterOf, type ClusterInfo } from './clusters.js';
export { compareNumericIds, walkClusters, type NeighbourLoader, type WalkedCluster } from './cluster-walk.js';
export {
  COMPLIANCE_CODES, INDICATOR_CODES, LINK_CODES, type IndicatorCode, type IndicatorEvidence, type IndicatorHit, type LicenceStatus,
  type WeightedIndicator,
} from './indicator.js';
export type { AdLink, LinkAd, LinkKind } from './link-ad.js';
export { linkAll, shingleStatsOf } from './link-all.js';
export { LinkIndex, type AddResult, type LinkIndexOptions, type LinkIndexSnapshot } from './link-index.js';
export { createTextSigner, linkRecordOf, signatureBands, signText, type TextSigner } from './link-record.js';
export { linkIndicators } from './link-indicators.js';
export {
  bandKey, indexedAdOf, keyId, keyOverGuard, keysOf, memberLimit, partialIndex, type IndexedAd, type KeyMember, type LinkKey, type LinkKeyKind,
} from './partial-index.js';
export { shingles } from './minhash.js';
export { loadRiskConfig, DEFAULT_RISK_CONFIG_PATH } from './load-risk-config.js';
export { RiskConfigSchema, type RiskConfig, type LinkGuards, type MinHashParams, type IndicatorWeights } from './risk-config.js';
export { assessScores, scoreRisk, weigh, type ComplianceAssessment, type Contribution, type RiskScore } from './score-risk.js';
export { ShingleStats } from './shingle-stats.js';
