import type { LicenceEvidence, LicenceStatus } from '../domain/licence.js';
import type { Db } from './db.js';

/** What the licence assessment reads of a stored ad: its current analysis, denormalised on the ad row. */
export interface AdLicenceInput {
  adId: string;
  permitNumbers: string[];
  /** The current version's phones, E.164. */
  phones: string[];
  municipalityCode: string | null;
  district: string | null;
  lastSeen: Date;
}

/** Which ads: by id, or by identity (site + the site's id), as an ads batch knows them. */
export type AdTarget = { adIds: readonly string[] } | { identities: ReadonlyArray<{ site: string; siteAdId: string }> };

export interface LicenceResult {
  adId: string;
  status: LicenceStatus;
  permit: string | null;
  evidence: LicenceEvidence[];
}

export interface StoredLicence {
  status: LicenceStatus | null;
  permit: string | null;
  evidence: LicenceEvidence[];
  registerVersionId: string | null;
  assessedAt: Date | null;
}

export interface LicenceHistoryEntry {
  status: LicenceStatus;
  permit: string | null;
  registerVersionId: string | null;
  cause: 'crawl' | 'register';
  changedAt: Date;
}

/**
 * Reads and row-locks (in id order) the ads to assess; call inside a transaction and save the
 * results in the same one, so a crawl batch and a re-assessment job never interleave on one ad.
 */
export async function lockAdsForLicence(tx: Db, target: AdTarget): Promise<AdLicenceInput[]> {
  const filter =
    'adIds' in target
      ? { sql: 'a.id = ANY($1::bigint[])', param: [...target.adIds] }
      : {
          sql: '(a.site, a.site_ad_id) IN (SELECT x.site, x."siteAdId" FROM jsonb_to_recordset($1::jsonb) AS x(site text, "siteAdId" text))',
          param: JSON.stringify(target.identities),
        };
  const { rows } = await tx.query<{ id: string; permit_numbers: string[]; phones: string[]; municipality_code: string | null; district: string | null; last_seen: Date }>(
    `SELECT a.id::text AS id, a.permit_numbers, a.municipality_code, a.district, a.last_seen,
            coalesce((SELECT array_agg(p.e164 ORDER BY p.e164) FROM ad_phones p WHERE p.ad_id = a.id), '{}') AS phones
     FROM ads a WHERE ${filter.sql} ORDER BY a.id FOR UPDATE OF a`,
    [filter.param],
  );
  return rows.map((r) => ({
    adId: r.id,
    permitNumbers: r.permit_numbers,
    phones: r.phones,
    municipalityCode: r.municipality_code,
    district: r.district,
    lastSeen: r.last_seen,
  }));
}

/**
 * Stores each ad's licence assessment and, when its status or permit differs from the stored one
 * (or there was none), appends a `licence_history` row. Returns how many changed.
 */
export async function saveLicenceAssessments(
  tx: Db,
  registerVersionId: string | null,
  results: readonly LicenceResult[],
  cause: 'crawl' | 'register',
): Promise<{ changed: number }> {
  if (results.length === 0) return { changed: 0 };
  const { rows } = await tx.query<{ changed: number }>(
    `WITH input AS (
       SELECT x."adId" AS ad_id, x.status, x.permit, x.evidence
       FROM jsonb_to_recordset($1::jsonb) AS x("adId" bigint, status text, permit text, evidence jsonb)
     ), old AS (
       SELECT a.id, a.licence_status, a.licence_permit FROM ads a JOIN input i ON i.ad_id = a.id
     ), updated AS (
       UPDATE ads a SET licence_status = i.status, licence_permit = i.permit, licence_evidence = i.evidence,
                        licence_register_version_id = $2::bigint, licence_assessed_at = now()
       FROM input i WHERE a.id = i.ad_id RETURNING a.id
     ), history AS (
       INSERT INTO licence_history (ad_id, status, permit, register_version_id, cause)
       SELECT i.ad_id, i.status, i.permit, $2::bigint, $3
       FROM input i JOIN old o ON o.id = i.ad_id
       WHERE o.licence_status IS DISTINCT FROM i.status OR o.licence_permit IS DISTINCT FROM i.permit
       ORDER BY i.ad_id
       RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM history) AS changed, (SELECT count(*)::int FROM updated) AS updated`,
    [JSON.stringify(results), registerVersionId, cause],
  );
  return { changed: rows[0]?.changed ?? 0 };
}

/** Ids of every live ad, in id order: what a register import re-assesses. */
export async function listLiveAdIds(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id::text AS id FROM ads WHERE status = 'live' ORDER BY id`);
  return rows.map((r) => r.id);
}

/** An ad's current licence assessment, by identity; null when the ad is not stored. */
export async function getAdLicence(db: Db, site: string, siteAdId: string): Promise<(StoredLicence & { adId: string }) | null> {
  const { rows } = await db.query<{ id: string; status: LicenceStatus | null; permit: string | null; evidence: LicenceEvidence[] | null; version: string | null; assessed_at: Date | null }>(
    `SELECT id::text AS id, licence_status AS status, licence_permit AS permit, licence_evidence AS evidence,
            licence_register_version_id::text AS version, licence_assessed_at AS assessed_at
     FROM ads WHERE site = $1 AND site_ad_id = $2`,
    [site, siteAdId],
  );
  const r = rows[0];
  return r ? { adId: r.id, status: r.status, permit: r.permit, evidence: r.evidence ?? [], registerVersionId: r.version, assessedAt: r.assessed_at } : null;
}

/** An ad's licence history, oldest first. */
export async function getLicenceHistory(db: Db, adId: string): Promise<LicenceHistoryEntry[]> {
  const { rows } = await db.query<{ status: LicenceStatus; permit: string | null; version: string | null; cause: 'crawl' | 'register'; changed_at: Date }>(
    `SELECT status, permit, register_version_id::text AS version, cause, changed_at
     FROM licence_history WHERE ad_id = $1 ORDER BY id`,
    [adId],
  );
  return rows.map((r) => ({ status: r.status, permit: r.permit, registerVersionId: r.version, cause: r.cause, changedAt: r.changed_at }));
}

/** Stored ads per licence status (null: not assessed yet). */
export async function countLicenceStatuses(db: Db, onlyLive = true): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string | null; n: number }>(
    `SELECT licence_status AS status, count(*)::int AS n FROM ads WHERE NOT $1 OR status = 'live' GROUP BY licence_status`,
    [onlyLive],
  );
  return Object.fromEntries(rows.map((r) => [r.status ?? 'unassessed', r.n]));
}
