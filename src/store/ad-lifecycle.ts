import type { Db } from './db.js';

export type LifecycleEvent = 'new' | 'changed' | 'unchanged' | 'gone';
export type LifecyclePeriod = 'day' | 'week';

/** Ads per lifecycle event in one period (day, or ISO week from Monday) and site. */
export interface LifecycleCounts {
  /** First day of the period in `tz`, `YYYY-MM-DD`. */
  period: string;
  site: string;
  new: number;
  changed: number;
  unchanged: number;
  gone: number;
}

export interface LifecycleQuery {
  /** Events at or after this moment… */
  from: Date;
  /** …and before this one. */
  to: Date;
  period: LifecyclePeriod;
  site?: string | undefined;
  /** Where days begin; default Europe/Amsterdam. */
  tz?: string | undefined;
}

/**
 * Counts ads per period, site and lifecycle event, from the `ad_lifecycle_events` view: `new`,
 * `changed` and `unchanged` are sightings (a returning gone ad is `changed`), `gone` is the run that
 * declared the ad gone. An ad counts once per event kind and period, so over a week an ad seen
 * unchanged every night counts once as `unchanged`, and an ad may count as both `new` and `gone`.
 * Only periods with events are returned, oldest first.
 *
 * @example lifecycleCounts(db, { from: new Date('2025-01-06'), to: new Date('2025-02-03'), period: 'week' })
 */
export async function lifecycleCounts(db: Db, query: LifecycleQuery): Promise<LifecycleCounts[]> {
  const params: unknown[] = [query.from, query.to, query.period, query.tz ?? 'Europe/Amsterdam'];
  if (query.site !== undefined) params.push(query.site);
  const { rows } = await db.query<{ period: string; site: string; event: LifecycleEvent; ads: number }>(
    `SELECT to_char(date_trunc($3, e.at AT TIME ZONE $4), 'YYYY-MM-DD') AS period, e.site, e.event,
            count(DISTINCT e.ad_id)::int AS ads
     FROM ad_lifecycle_events e
     WHERE e.at >= $1 AND e.at < $2 ${query.site !== undefined ? 'AND e.site = $5' : ''}
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`,
    params,
  );
  const byKey = new Map<string, LifecycleCounts>();
  for (const row of rows) {
    const key = `${row.period}\u0000${row.site}`;
    const counts = byKey.get(key) ?? { period: row.period, site: row.site, new: 0, changed: 0, unchanged: 0, gone: 0 };
    counts[row.event] = row.ads;
    byKey.set(key, counts);
  }
  return [...byKey.values()];
}
