import type { AdAnalysis, MunicipalityMatch, PhoneType } from '../domain/analysis.js';
import type { Db } from './db.js';

/** An ad in a list (e.g. all ads with one phone number). Ids are bigints as decimal strings. */
export interface StoredAdRef {
  id: string;
  site: string;
  siteAdId: string;
  url: string;
  status: 'live' | 'gone';
  municipalityCode: string | null;
  district: string | null;
  firstSeen: Date;
  lastSeen: Date;
}

export interface StoredPhone {
  e164: string;
  country: string;
  type: PhoneType;
  obfuscated: boolean;
}

/** The text snapshot of the ad's current content version. */
export interface StoredAdVersion {
  id: string;
  contentHash: string;
  title: string | null;
  name: string | null;
  location: string | null;
  age: string | null;
  category: string | null;
  text: string;
  phoneText: string | null;
  photoHashes: string[];
  analysis: AdAnalysis;
  firstSeen: Date;
  lastSeen: Date;
}

export interface StoredAd extends StoredAdRef {
  goneAt: Date | null;
  missedRuns: number;
  age: number | null;
  permitNumbers: string[];
  /** From the current version's analysis; null when no place was recognised. */
  municipality: MunicipalityMatch | null;
  /** The current version's phones. */
  phones: StoredPhone[];
  current: StoredAdVersion | null;
  versionCount: number;
}

const REF_COLUMNS = `a.id::text AS id, a.site, a.site_ad_id, a.url, a.status, a.municipality_code, a.district,
  a.first_seen, a.last_seen`;

interface RefRow {
  id: string;
  site: string;
  site_ad_id: string;
  url: string;
  status: 'live' | 'gone';
  municipality_code: string | null;
  district: string | null;
  first_seen: Date;
  last_seen: Date;
}

/** Every ad whose current version shows this number (E.164), most recently seen first; one index lookup. */
export async function findAdsByPhone(db: Db, e164: string): Promise<StoredAdRef[]> {
  const { rows } = await db.query<RefRow>(
    `SELECT ${REF_COLUMNS} FROM ad_phones p JOIN ads a ON a.id = p.ad_id
     WHERE p.e164 = $1 ORDER BY a.last_seen DESC, a.id`,
    [e164],
  );
  return rows.map(toRef);
}

interface AdRow extends RefRow {
  gone_at: Date | null;
  missed_runs: number;
  age: number | null;
  permit_numbers: string[];
  version_count: number;
  phones: StoredPhone[];
  v_id: string | null;
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
  v_first_seen: Date;
  v_last_seen: Date;
}

/** One ad by its identity, with its current version, phones, place, status and history size. */
export async function getAd(db: Db, site: string, siteAdId: string): Promise<StoredAd | null> {
  const { rows } = await db.query<AdRow>(
    `SELECT ${REF_COLUMNS}, a.gone_at, a.missed_runs, a.age, a.permit_numbers,
       (SELECT count(*)::int FROM ad_versions c WHERE c.ad_id = a.id) AS version_count,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('e164', p.e164, 'country', p.country, 'type', p.type,
                                                     'obfuscated', p.obfuscated) ORDER BY p.e164), '[]'::jsonb)
        FROM ad_phones p WHERE p.ad_id = a.id) AS phones,
       v.id::text AS v_id, v.content_hash, v.title, v.name, v.location, v.age_text, v.category, v.body,
       v.phone_text, v.photo_hashes, v.analysis, v.first_seen AS v_first_seen, v.last_seen AS v_last_seen
     FROM ads a LEFT JOIN ad_versions v ON v.id = a.current_version_id
     WHERE a.site = $1 AND a.site_ad_id = $2`,
    [site, siteAdId],
  );
  const row = rows[0];
  if (!row) return null;
  const current = toVersion(row);
  return {
    ...toRef(row),
    goneAt: row.gone_at,
    missedRuns: row.missed_runs,
    age: row.age,
    permitNumbers: row.permit_numbers,
    municipality: current?.analysis.municipality ?? null,
    phones: row.phones,
    current,
    versionCount: row.version_count,
  };
}

/** Ads stored, optionally for one site. */
export async function countAds(db: Db, site?: string): Promise<{ total: number; live: number; gone: number }> {
  const { rows } = await db.query<{ total: number; live: number; gone: number }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE status = 'live')::int AS live,
            count(*) FILTER (WHERE status = 'gone')::int AS gone
     FROM ads WHERE ($1::text IS NULL OR site = $1::text)`,
    [site ?? null],
  );
  return rows[0] ?? { total: 0, live: 0, gone: 0 };
}

function toRef(row: RefRow): StoredAdRef {
  return {
    id: row.id,
    site: row.site,
    siteAdId: row.site_ad_id,
    url: row.url,
    status: row.status,
    municipalityCode: row.municipality_code,
    district: row.district,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

function toVersion(row: AdRow): StoredAdVersion | null {
  if (row.v_id === null) return null;
  return {
    id: row.v_id,
    contentHash: row.content_hash,
    title: row.title,
    name: row.name,
    location: row.location,
    age: row.age_text,
    category: row.category,
    text: row.body,
    phoneText: row.phone_text,
    photoHashes: row.photo_hashes,
    analysis: row.analysis,
    firstSeen: row.v_first_seen,
    lastSeen: row.v_last_seen,
  };
}
