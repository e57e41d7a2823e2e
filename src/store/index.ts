/**
 * The store: PostgreSQL (via `pg`) or embedded PGlite, same schema and SQL. All SQL of the
 * application lives under this folder; this file is its only public entry.
 */
export { transactionWithRetry, type Db } from './db.js';
export { openDb, DEFAULT_PGLITE_DIR, type OpenDbOptions } from './open-db.js';
export { migrate, type MigrateOptions } from './migrate.js';
export { contentHash, CONTENT_FIELDS } from './content-hash.js';
export { recordAdBatch, type AdBatch, type BatchResult, type SightingChange } from './record-ad-batch.js';
export {
  startCrawlRun,
  finishCrawlRun,
  listCrawlRuns,
  getCrawlRun,
  countRecordedBatches,
  MAX_STORED_ERRORS,
  type CrawlRunSummary,
  type CrawlRunDetail,
  type CrawlRunStatus,
  type ClosedRunStatus,
  type FinishCrawlRun,
  type ListCrawlRunsOptions,
} from './crawl-runs.js';
export { usualAdCount, recordSiteHealth, listSiteHealth, type SiteHealth, type SiteHealthStatus } from './site-health.js';
export { listScheduleOverrides, saveScheduleOverride, deleteScheduleOverride, type ScheduleOverride } from './site-schedules.js';
export { lifecycleCounts, type LifecycleCounts, type LifecycleEvent, type LifecyclePeriod, type LifecycleQuery } from './ad-lifecycle.js';
export {
  findAdsByPhone,
  getAd,
  countAds,
  type StoredAd,
  type StoredAdRef,
  type StoredAdVersion,
  type StoredPhone,
} from './ad-queries.js';
export {
  importRegisterVersion,
  currentRegisterVersionId,
  loadCurrentRegister,
  listRegisterVersions,
  type RegisterImport,
  type RegisterVersion,
} from './register-versions.js';
export {
  lockAdsForLicence,
  saveLicenceAssessments,
  listLiveAdIds,
  getAdLicence,
  getLicenceHistory,
  countLicenceStatuses,
  type AdLicenceInput,
  type AdTarget,
  type LicenceResult,
  type StoredLicence,
  type LicenceHistoryEntry,
} from './ad-licences.js';
export {
  lockRiskIndex,
  loadRiskSources,
  loadLinkRecords,
  loadKeyMembers,
  saveLinkRecords,
  replaceLinkKeys,
  type RiskSource,
  type StoredLinkRecord,
  type RiskKeyKind,
} from './risk-index.js';
export {
  saveRiskResults,
  loadClusters,
  adsInClusters,
  refreshPriceMedians,
  storedMedians,
  adsPricedBelow,
  type StoredAssessment,
  type StoredCluster,
  type RiskWrite,
  type RegionMedian,
} from './risk-scores.js';
export {
  saveRiskModel,
  activeRiskModelId,
  loadRiskModel,
  listRiskModels,
  loadReviewedAdTexts,
  type RiskModelKind,
  type RiskModelSummary,
  type StoredRiskModel,
  type NewRiskModel,
  type ReviewedAdText,
} from './risk-models.js';
export {
  currentShingleSnapshotId,
  loadShingleSnapshot,
  saveShingleSnapshot,
  noteIndexedAds,
  pageAdTexts,
  type ShingleSnapshot,
} from './risk-stats.js';
export {
  createUser,
  findLoginAccount,
  findUser,
  listUsers,
  countUsers,
  disableUser,
  setPasswordHash,
  UsernameTakenError,
  type StoredUser,
  type LoginAccount,
  type ListedUser,
  type NewUser,
} from './accounts.js';
export {
  createSession,
  findActiveSession,
  touchSession,
  deleteSession,
  deleteExpiredSessions,
  type ActiveSession,
  type NewSession,
} from './accounts-sessions.js';
export { loadThrottles, updateThrottles, clearThrottle, type ThrottleState } from './accounts-throttle.js';
export {
  audit,
  listAuditEntries,
  countAuditActionsSince,
  purgeAuditLog,
  isAuditAction,
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type StoredAuditEntry,
} from './audit.js';
export { loadTrendEvents, type StoredTrendEvent, type TrendPeriod } from './trends.js';
export {
  purgeExpired,
  PURGE_CATEGORIES,
  type PurgeCategory,
  type PurgeCounts,
  type PurgeCascade,
  type PurgeReport,
  type PurgeOptions,
} from './purge.js';
export {
  loadRetentionPolicy,
  retentionCutoffs,
  monthsBefore,
  RetentionPolicySchema,
  DEFAULT_RETENTION,
  type RetentionPolicy,
  type PurgeCutoffs,
} from './purge-policy.js';
export { readStoreFigures, type StoreFigures, type LastRunFigures } from './metrics-figures.js';
export { ALL_DISTRICTS, districtScope, scopeDistrict, isAdId, type ReviewScope } from './review-scope.js';
export {
  workQueueQuerySchema,
  formatQueueQueryErrors,
  encodeQueueCursor,
  decodeQueueCursor,
  normalisePhoneSearch,
  QUEUE_PAGE_SIZE,
  QUEUE_MAX_PAGE_SIZE,
  type WorkQueueFilters,
  type WorkQueuePageRequest,
  type QueueCursor,
  type QueueLicenceFilter,
} from './review-queue-query.js';
export { listWorkQueue, workQueueSql, type WorkQueueRow, type WorkQueuePage } from './review-queue.js';
export { getAdForReview, SIGHTINGS_SHOWN, type ReviewAd, type StoredRisk, type StoredIndicator, type AdSighting } from './review-ad.js';
export { LINKED_ADS_SHOWN, type LinkedAd, type LinkedAds, type AdLinkKind } from './review-links.js';
export { listCrawledSites, listClusterMembers, clusterOfAd, type ClusterMember, type ClusterMembers } from './review-lookups.js';
export { diffVersions, diffWords, VERSION_TEXT_FIELDS, type DiffPart, type FieldDiff, type VersionText } from './review-diff.js';
export {
  recordDecision,
  recordClusterDecision,
  listDecisions,
  indicatorConfirmationRates,
  reviewDecisionInputSchema,
  REVIEW_NOTE_MAX,
  type StoredDecision,
  type RecordDecision,
  type RecordClusterDecision,
  type IndicatorConfirmation,
} from './review-decisions.js';
export {
  reviewOverview,
  suppressGroup,
  SMALL_COUNT,
  OVERVIEW_LICENCES,
  type ReviewOverview,
  type OverviewDistrict,
  type OverviewMunicipality,
  type OverviewCount,
  type OverviewLicence,
  type OverviewOptions,
} from './review-overview.js';
