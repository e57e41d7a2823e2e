import { assessLicence, createRegister, type Register } from '../classifier/licence/index.js';
import {
  currentRegisterVersionId,
  loadCurrentRegister,
  lockAdsForLicence,
  saveLicenceAssessments,
  transactionWithRetry,
  type AdTarget,
  type Db,
} from '../store/index.js';

/**
 * A worker's copy of the current register. `current` costs one `max(id)` query when nothing
 * changed, and reloads the whole register when a newer version was imported.
 */
export class RegisterCache {
  private cached: Register | null = null;

  async current(db: Db): Promise<Register> {
    const versionId = await currentRegisterVersionId(db);
    if (this.cached && this.cached.versionId === versionId) return this.cached;
    const loaded = await loadCurrentRegister(db);
    this.cached = createRegister(loaded.permits, loaded.versionId);
    return this.cached;
  }
}

export interface LicenceStepResult {
  assessed: number;
  /** Ads whose status or permit changed (a history row each). */
  changed: number;
  registerVersionId: string | null;
}

/** Assesses stored ads against the current register and saves the results (with history). */
export interface LicenceStep {
  assess(db: Db, target: AdTarget, cause: 'crawl' | 'register'): Promise<LicenceStepResult>;
}

/**
 * The licence stage of the ads worker: in one transaction, lock the ads, assess each from its
 * stored current analysis (pure `assessLicence`, dated by the ad's last sighting) and save.
 * The crawl path and the re-assessment job share it, so both give the same answer.
 */
export function createLicenceStep(cache: RegisterCache = new RegisterCache()): LicenceStep {
  return {
    assess: (db, target, cause) =>
      transactionWithRetry(db, async (tx) => {
        const register = await cache.current(tx);
        const ads = await lockAdsForLicence(tx, target);
        const results = ads.map((ad) => {
          const { status, permit, evidence } = assessLicence({ ...ad, seenAt: ad.lastSeen }, register);
          return { adId: ad.adId, status, permit, evidence };
        });
        const { changed } = await saveLicenceAssessments(tx, register.versionId, results, cause);
        return { assessed: ads.length, changed, registerVersionId: register.versionId };
      }),
  };
}
