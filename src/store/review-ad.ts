import type { IndicatorEvidence } from '../classifier/risk/indicator.js';
import type { AdAnalysis } from '../domain/analysis.js';
import type { LicenceEvidence, LicenceStatus } from '../domain/licence.js';
import type { ReviewDecision } from '../domain/review.js';
import type { StoredAdVersion, StoredPhone } from './ad-queries.js';
import { getLicenceHistory, type LicenceHistoryEntry, type StoredLicence } from './ad-licences.js';
import type { Db } from './db.js';
import { listLinkedAds, type LinkedAds } from './review-links.js';
import { listDecisions, type StoredDecision } from './review-decisions.js';
import { isAdId, scopeDistrict, type ReviewScope } from './review-scope.js';

/** One stored indicator of the ad's risk assessment, with the evidence to highlight. */
export interface StoredIndicator {
  code: string;
  weight: number;
  contribution: number;
  evidence: IndicatorEvidence;
}

export interface StoredRisk {
  score: number;
  /** Largest contribution first. */
  indicators: StoredIndicator[];
  /** The licence compliance part, scored apart (src/classifier/risk assessScores); null before 003's first assessment. */
  compliance: unknown;
  assessedAt: Date | null;
}

/** One crawl run that saw the ad: when, where, and the place its text named then. */
export interface AdSighting {
  runId: string;
  site: string;
  seenAt: Date;
  change: 'new' | 'changed' | 'unchanged';
  versionId: string;
  municipalityCode: string | null;
  municipalityName: string | null;
}

/** Everything the ad page shows. For coordinators of the ad's district and admins only. */
export interface ReviewAd {
  id: string;
  site: string;
  siteAdId: string;
  url: string;
  status: 'live' | 'gone';
  district: string | null;
  municipalityCode: string | null;
  firstSeen: Date;
  lastSeen: Date;
  goneAt: Date | null;
  phones: StoredPhone[];
  current: StoredAdVersion | null;
  /** The other versions, oldest first: diff each with the next (and the last with `current`). */
  earlierVersions: StoredAdVersion[];
  /** The current version's analysis (extracted fields). */
  analysis: AdAnalysis | null;
  licence: StoredLicence;
  licenceHistory: LicenceHistoryEntry[];
  risk: StoredRisk;
  clusterId: string | null;
  /** Oldest first; the newest `SIGHTINGS_SHOWN` when there are more (`sightingsTotal`). */
  sightings: AdSighting[];
  sightingsTotal: number;
  linked: LinkedAds;
  /** Newest first; the first is the current decision. */
  decisions: StoredDecision[];
  reviewDecision: ReviewDecision | null;
  reviewedAt: Date | null;
}

export const SIGHTINGS_SHOWN = 500;

interface AdRow {
  id: string;
  site: string;
  site_ad_id: string;
  url: string;
  status: 'live' | 'gone';
  district: string | null;
  municipality_code: string | null;
  first_seen: Date;
  last_seen: Date;
  gone_at: Date | null;
  current_version_id: string | null;
  phones: StoredPhone[];
  licence_status: LicenceStatus | null;
  licence_permit: string | null;
  licence_evidence: LicenceEvidence[] | null;
  licence_version: string | null;
  licence_assessed_at: Date | null;
  risk_score: number;
  risk: { indicators?: StoredIndicator[]; compliance?: unknown } | null;
  risk_assessed_at: Date | null;
  cluster_id: string | null;
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
}

/** The ad row, only when it lies inside the scope: one query decides both "exists" and "may see". */
async function adInScope(db: Db, adId: string, scope: ReviewScope): Promise<AdRow | undefined> {
  const { rows } = await db.query<AdRow>(
    `SELECT a.id::text AS id, a.site, a.site_ad_id, a.url, a.status, a.district, a.municipality_code, a.first_seen,
            a.last_seen, a.gone_at, a.current_version_id::text AS current_version_id,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('e164', p.e164, 'country', p.country, 'type', p.type,
                                                          'obfuscated', p.obfuscated) ORDER BY p.e164), '[]'::jsonb)
             FROM ad_phones p WHERE p.ad_id = a.id) AS phones,
            a.licence_status, a.licence_permit, a.licence_evidence, a.licence_register_version_id::text AS licence_version,
            a.licence_assessed_at, a.risk_score, a.risk, a.risk_assessed_at, a.cluster_id::text AS cluster_id,
            a.review_decision, a.reviewed_at
     FROM ads a WHERE a.id = $1::bigint AND ($2::text IS NULL OR a.district = $2::text)`,
    [adId, scopeDistrict(scope)],
  );
  return rows[0];
}

interface VersionRow {
  id: string;
  content_hash: string;
  title: string | null;
  name: string | null;
  location: string | null;
  age_text: string | null;
  category: string | null;
  body: string;
  phone_text: string | null;
  photo_hashes: string[];
  analysis: AdAnalysis;
  first_seen: Date;
  last_seen: Date;
}

async function listVersions(db: Db, adId: string): Promise<StoredAdVersion[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT id::text AS id, content_hash, title, name, location, age_text, category, body, phone_text, photo_hashes,
            analysis, first_seen, last_seen
     FROM ad_versions WHERE ad_id = $1::bigint ORDER BY first_seen, id`,
    [adId],
  );
  return rows.map((r) => ({
    id: r.id,
    contentHash: r.content_hash,
    title: r.title,
    name: r.name,
    location: r.location,
    age: r.age_text,
    category: r.category,
    text: r.body,
    phoneText: r.phone_text,
    photoHashes: r.photo_hashes,
    analysis: r.analysis,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

async function listSightings(db: Db, adId: string): Promise<{ sightings: AdSighting[]; total: number }> {
  const { rows } = await db.query<AdSighting & { total: number }>(
    `SELECT * FROM (
       SELECT s.run_id AS "runId", r.site, s.seen_at AS "seenAt", s.change, s.version_id::text AS "versionId",
              v.analysis->'municipality'->>'code' AS "municipalityCode",
              v.analysis->'municipality'->>'name' AS "municipalityName",
              (count(*) OVER ())::int AS total
       FROM sightings s JOIN crawl_runs r ON r.id = s.run_id JOIN ad_versions v ON v.id = s.version_id
       WHERE s.ad_id = $1::bigint ORDER BY s.seen_at DESC, s.run_id DESC LIMIT $2
     ) newest ORDER BY "seenAt", "runId"`,
    [adId, SIGHTINGS_SHOWN],
  );
  return { sightings: rows.map(({ total: _total, ...sighting }) => sighting), total: rows[0]?.total ?? 0 };
}

/**
 * The ad page's data, or null when there is no such ad or it lies outside `scope` (a coordinator
 * asking for another district's ad): the route answers both with the same 404, so a URL does not
 * even reveal that the ad exists.
 */
export async function getAdForReview(db: Db, adId: string, scope: ReviewScope): Promise<ReviewAd | null> {
  if (!isAdId(adId)) return null;
  const ad = await adInScope(db, adId, scope);
  if (!ad) return null;
  const [versions, licenceHistory, sightings, linked, decisions] = await Promise.all([
    listVersions(db, adId),
    getLicenceHistory(db, adId),
    listSightings(db, adId),
    listLinkedAds(db, adId, scope),
    listDecisions(db, adId),
  ]);
  const current = versions.find((v) => v.id === ad.current_version_id) ?? null;
  return {
    id: ad.id,
    site: ad.site,
    siteAdId: ad.site_ad_id,
    url: ad.url,
    status: ad.status,
    district: ad.district,
    municipalityCode: ad.municipality_code,
    firstSeen: ad.first_seen,
    lastSeen: ad.last_seen,
    goneAt: ad.gone_at,
    phones: ad.phones,
    current,
    earlierVersions: versions.filter((v) => v !== current),
    analysis: current?.analysis ?? null,
    licence: {
      status: ad.licence_status,
      permit: ad.licence_permit,
      evidence: ad.licence_evidence ?? [],
      registerVersionId: ad.licence_version,
      assessedAt: ad.licence_assessed_at,
    },
    licenceHistory,
    risk: toRisk(ad),
    clusterId: ad.cluster_id,
    sightings: sightings.sightings,
    sightingsTotal: sightings.total,
    linked,
    decisions,
    reviewDecision: ad.review_decision,
    reviewedAt: ad.reviewed_at,
  };
}

function toRisk(ad: AdRow): StoredRisk {
  const indicators = [...(ad.risk?.indicators ?? [])].sort((a, b) => b.contribution - a.contribution || a.code.localeCompare(b.code));
  return { score: ad.risk_score, indicators, compliance: ad.risk?.compliance ?? null, assessedAt: ad.risk_assessed_at };
}
