import type { Db } from './db.js';
import { scopeDistrict, type ReviewScope } from './review-scope.js';

/**
 * How two ads are linked: a phone number, a photo (perceptual hash), near-duplicate text (the ad's
 * text_duplicate indicator), or the persona cluster (linked through others by any of these).
 */
export type AdLinkKind = 'phone' | 'photo' | 'text' | 'cluster';

/** Another ad linked to the one on the page: where and when it ran. */
export interface LinkedAd {
  id: string;
  site: string;
  district: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  firstSeen: Date;
  lastSeen: Date;
  status: 'live' | 'gone';
  /** Every way it is linked, sorted. */
  links: AdLinkKind[];
  /** Whether the reader may open it; a linked ad of another district shows its town and dates only. */
  inScope: boolean;
  /** The title, only when `inScope`. */
  title: string | null;
}

export interface LinkedAds {
  /** Most links first, then most recently seen; at most `LINKED_ADS_SHOWN`. */
  ads: LinkedAd[];
  /** How many linked ads there are in all. */
  total: number;
}

export const LINKED_ADS_SHOWN = 50;

/**
 * Each source of links is an indexed lookup from the ad: its phones in ad_phones, its photo hashes
 * in the risk step's risk_keys, the ads its text_duplicate indicator names, its cluster id.
 */
const LINK_SOURCES = `
  SELECT other.ad_id AS id, 'phone' AS link
  FROM ad_phones mine JOIN ad_phones other ON other.e164 = mine.e164
  WHERE mine.ad_id = $1::bigint AND other.ad_id <> $1::bigint
  UNION
  SELECT other.ad_id, 'photo'
  FROM risk_keys mine JOIN risk_keys other ON other.kind = 'photo' AND other.key = mine.key
  WHERE mine.kind = 'photo' AND mine.ad_id = $1::bigint AND other.ad_id <> $1::bigint
  UNION
  SELECT linked.id::bigint, 'text'
  FROM ads me, jsonb_array_elements(CASE WHEN jsonb_typeof(me.risk->'indicators') = 'array' THEN me.risk->'indicators' ELSE '[]' END) i,
       jsonb_array_elements_text(CASE WHEN jsonb_typeof(i->'evidence'->'linkedAdIds') = 'array' THEN i->'evidence'->'linkedAdIds' ELSE '[]' END) linked(id)
  WHERE me.id = $1::bigint AND i->>'code' = 'text_duplicate' AND linked.id ~ '^[1-9][0-9]{0,17}$' AND linked.id <> $1::text
  UNION
  SELECT other.id, 'cluster'
  FROM ads me JOIN ads other ON other.cluster_id = me.cluster_id
  WHERE me.id = $1::bigint AND other.id <> $1::bigint`;

interface LinkedRow {
  id: string;
  site: string;
  district: string | null;
  municipality_code: string | null;
  municipality_name: string | null;
  first_seen: Date;
  last_seen: Date;
  status: 'live' | 'gone';
  links: AdLinkKind[];
  in_scope: boolean;
  title: string | null;
  total: number;
}

/** The ads linked to `adId`, capped; those outside `scope` without their title. */
export async function listLinkedAds(db: Db, adId: string, scope: ReviewScope): Promise<LinkedAds> {
  const { rows } = await db.query<LinkedRow>(
    `WITH linked AS (
       SELECT id, array_agg(DISTINCT link ORDER BY link) AS links FROM (${LINK_SOURCES}) l GROUP BY id
     )
     SELECT a.id::text AS id, a.site, a.district, a.municipality_code, v.analysis->'municipality'->>'name' AS municipality_name,
            a.first_seen, a.last_seen, a.status, l.links,
            ($2::text IS NULL OR coalesce(a.district = $2::text, false)) AS in_scope,
            CASE WHEN $2::text IS NULL OR a.district = $2::text THEN v.title END AS title,
            (count(*) OVER ())::int AS total
     FROM linked l JOIN ads a ON a.id = l.id LEFT JOIN ad_versions v ON v.id = a.current_version_id
     ORDER BY cardinality(l.links) DESC, a.last_seen DESC, a.id DESC
     LIMIT $3`,
    [adId, scopeDistrict(scope), LINKED_ADS_SHOWN],
  );
  return { ads: rows.map(toLinkedAd), total: rows[0]?.total ?? 0 };
}

function toLinkedAd(r: LinkedRow): LinkedAd {
  return {
    id: r.id,
    site: r.site,
    district: r.district,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_name,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    status: r.status,
    links: r.links,
    inScope: r.in_scope,
    title: r.title,
  };
}
