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
  countRecordedBatches,
  MAX_STORED_ERRORS,
  type CrawlRunSummary,
  type CrawlRunStatus,
  type FinishCrawlRun,
} from './crawl-runs.js';
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
