import type { Db } from './db.js';

/** Local dates (Europe/Amsterdam), inclusive: `YYYY-MM-DD`. */
export interface TrendPeriod {
  from: string;
  to: string;
}

/**
 * One event of an ad in one ISO week, as stored. `phones` are the E.164 numbers of the version
 * that describes the event: the caller turns them into keyed hashes at once and drops them.
 */
export interface StoredTrendEvent {
  /** The internal ad id: for distinct counting only, never exported. */
  adKey: string;
  /** `seen`: the ad was sighted in the week (its latest sighting in that week describes it);
   *  `gone`: the ad was marked gone in the week (described by its last version). */
  kind: 'seen' | 'gone';
  /** ISO week label, `2025-W02`. */
  week: string;
  /** Monday of the week, `2025-01-06`. */
  weekStart: string;
  /** Only on `seen` events: this is the week the ad was first seen. */
  isNew: boolean;
  site: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  district: string | null;
  licenceStatus: string | null;
  indicatorCodes: string[];
  phones: string[];
}

interface EventRow {
  ad_key: string;
  kind: 'seen' | 'gone';
  week: string;
  week_start: string;
  is_new: boolean;
  site: string;
  municipality_code: string | null;
  municipality_name: string | null;
  district: string | null;
  licence_status: string | null;
  indicator_codes: string[];
  phones: string[];
}

const LOCAL = `'Europe/Amsterdam'`;

/**
 * The trend events of a period: per ad and ISO week, its latest sighting in that week (`seen`),
 * and each time an ad was declared gone in the period (`ad_gone_events`, kept when the ad comes
 * back), its gone week (`gone`, described by the version last seen before). Place and phones come from the
 * version seen then — not the ad's current one — so an ad that moved town counts where it was.
 * The licence status is the one in force at the end of the week (licence history), or the first
 * one assessed when that came later; indicators are the ad's current ones (no history is kept).
 */
export async function loadTrendEvents(db: Db, period: TrendPeriod): Promise<StoredTrendEvent[]> {
  const { rows } = await db.query<EventRow>(
    `WITH bounds AS (
       SELECT ($1::date::timestamp AT TIME ZONE ${LOCAL}) AS lo, (($2::date + 1)::timestamp AT TIME ZONE ${LOCAL}) AS hi
     ),
     seen AS (
       SELECT DISTINCT ON (s.ad_id, date_trunc('week', s.seen_at AT TIME ZONE ${LOCAL}))
              s.ad_id, s.version_id, s.seen_at AS at, 'seen' AS kind
       FROM sightings s CROSS JOIN bounds b
       WHERE s.seen_at >= b.lo AND s.seen_at < b.hi
       ORDER BY s.ad_id, date_trunc('week', s.seen_at AT TIME ZONE ${LOCAL}), s.seen_at DESC
     ),
     gone AS (
       SELECT g.ad_id,
              coalesce((SELECT s.version_id FROM sightings s WHERE s.ad_id = g.ad_id AND s.seen_at <= g.gone_at
                        ORDER BY s.seen_at DESC LIMIT 1), a.current_version_id) AS version_id,
              g.gone_at AS at, 'gone' AS kind
       FROM ad_gone_events g JOIN ads a ON a.id = g.ad_id CROSS JOIN bounds b
       WHERE g.gone_at >= b.lo AND g.gone_at < b.hi
     ),
     events AS (
       SELECT e.*, date_trunc('week', e.at AT TIME ZONE ${LOCAL}) AS local_week
       FROM (SELECT * FROM seen UNION ALL SELECT * FROM gone) e
     )
     SELECT e.ad_id::text AS ad_key, e.kind,
       to_char(e.local_week, 'IYYY-"W"IW') AS week,
       to_char(e.local_week, 'YYYY-MM-DD') AS week_start,
       (e.kind = 'seen' AND a.first_seen >= b.lo
         AND date_trunc('week', a.first_seen AT TIME ZONE ${LOCAL}) = e.local_week) AS is_new,
       a.site,
       v.analysis->'municipality'->>'code' AS municipality_code,
       v.analysis->'municipality'->>'name' AS municipality_name,
       v.analysis->>'district' AS district,
       coalesce(
         (SELECT h.status FROM licence_history h
          WHERE h.ad_id = e.ad_id AND h.changed_at < (e.local_week + interval '7 days') AT TIME ZONE ${LOCAL}
          ORDER BY h.id DESC LIMIT 1),
         (SELECT h.status FROM licence_history h WHERE h.ad_id = e.ad_id ORDER BY h.id LIMIT 1),
         a.licence_status) AS licence_status,
       a.indicator_codes,
       CASE WHEN e.kind = 'seen'
         THEN ARRAY(SELECT DISTINCT p->>'e164' FROM jsonb_array_elements(coalesce(v.analysis->'phones', '[]'::jsonb)) p)
         ELSE '{}'::text[] END AS phones
     FROM events e
     JOIN ads a ON a.id = e.ad_id
     LEFT JOIN ad_versions v ON v.id = e.version_id
     CROSS JOIN bounds b`,
    [period.from, period.to],
  );
  return rows.map(toEvent);
}

function toEvent(row: EventRow): StoredTrendEvent {
  return {
    adKey: row.ad_key,
    kind: row.kind,
    week: row.week,
    weekStart: row.week_start,
    isNew: row.is_new,
    site: row.site,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    district: row.district,
    licenceStatus: row.licence_status,
    indicatorCodes: row.indicator_codes ?? [],
    phones: row.phones.filter((p) => p !== null),
  };
}
