import { DISTRICTS } from '../domain/districts.js';
import { LICENCE_STATUSES } from '../domain/licence.js';
import type { Db } from './db.js';
import { scopeDistrict, type ReviewScope } from './review-scope.js';

/** Counts from 1 to this minus one are withheld where suppression applies (DOMAIN.md: fewer than 5). */
export const SMALL_COUNT = 5;

/** A count that may be withheld: `count` null and `suppressed` true. Zero is never withheld. */
export interface OverviewCount {
  count: number | null;
  suppressed: boolean;
}

export type OverviewLicence = (typeof LICENCE_STATUSES)[number] | 'unassessed';
export const OVERVIEW_LICENCES: readonly OverviewLicence[] = [...LICENCE_STATUSES, 'unassessed'];

export interface OverviewMunicipality {
  district: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  /** Live ads per licence status. */
  byLicence: Record<OverviewLicence, OverviewCount>;
  live: OverviewCount;
  newThisWeek: OverviewCount;
  goneThisWeek: OverviewCount;
}

export interface OverviewDistrict {
  /** Null: ads outside the three districts or without a recognised place (only in the all-districts overview). */
  district: string | null;
  live: OverviewCount;
  newThisWeek: OverviewCount;
  goneThisWeek: OverviewCount;
  municipalities: OverviewMunicipality[];
}

export interface ReviewOverview {
  /** The week: [since, until). */
  since: Date;
  until: Date;
  districts: OverviewDistrict[];
  /** Whether any count was withheld. */
  suppressed: boolean;
}

export interface OverviewOptions {
  /** Withhold counts below 5 (the analyst's view, exports). */
  suppressSmallCounts?: boolean | undefined;
  /** End of the week counted; default now. The week is the 7 days before it. */
  now?: Date | undefined;
}

interface CellRow {
  district: string | null;
  municipality_code: string | null;
  municipality_name: string | null;
  licence: OverviewLicence;
  live: number;
  new_week: number;
  gone_week: number;
}

/**
 * Aggregates for the overview page of `scope` (a district, or all for an admin or analyst): live
 * ads per municipality × licence status, and ads new or gone in the week before `now`. Counts
 * only — nothing that identifies an ad or a person.
 */
export async function reviewOverview(db: Db, scope: ReviewScope, options: OverviewOptions = {}): Promise<ReviewOverview> {
  const until = options.now ?? new Date();
  const since = new Date(until.getTime() - 7 * 86_400_000);
  const { rows } = await db.query<CellRow>(
    `WITH cells AS (
       SELECT a.district, a.municipality_code, coalesce(a.licence_status, 'unassessed') AS licence,
              count(*) FILTER (WHERE a.status = 'live')::int AS live,
              count(*) FILTER (WHERE a.first_seen >= $2 AND a.first_seen < $3)::int AS new_week,
              count(*) FILTER (WHERE a.status = 'gone' AND a.gone_at >= $2 AND a.gone_at < $3)::int AS gone_week
       FROM ads a
       WHERE ($1::text IS NULL OR a.district = $1::text)
         AND (a.status = 'live' OR a.first_seen >= $2 OR a.gone_at >= $2)
       GROUP BY 1, 2, 3
     ),
     -- The name as the extraction spelled it, from any ad of the municipality: one index probe each.
     names AS (
       SELECT code, (SELECT v.analysis->'municipality'->>'name' FROM ads m JOIN ad_versions v ON v.id = m.current_version_id
                     WHERE m.municipality_code = code LIMIT 1) AS name
       FROM (SELECT DISTINCT municipality_code AS code FROM cells WHERE municipality_code IS NOT NULL) codes
     )
     SELECT c.*, n.name AS municipality_name FROM cells c LEFT JOIN names n ON n.code = c.municipality_code`,
    [scopeDistrict(scope), since, until],
  );
  const districts = buildDistricts(rows);
  if (!(options.suppressSmallCounts ?? false)) return { since, until, districts, suppressed: false };
  const withheld = suppressDistricts(districts);
  return { since, until, districts: withheld, suppressed: hasSuppressed(withheld) };
}

const shown = (count: number): OverviewCount => ({ count, suppressed: false });

function emptyMunicipality(row: CellRow): OverviewMunicipality {
  const byLicence = Object.fromEntries(OVERVIEW_LICENCES.map((l) => [l, shown(0)])) as Record<OverviewLicence, OverviewCount>;
  return { district: row.district, municipalityCode: row.municipality_code, municipalityName: row.municipality_name, byLicence, live: shown(0), newThisWeek: shown(0), goneThisWeek: shown(0) };
}

/** Rows of (district, municipality, licence) → districts in DISTRICTS order, municipalities by name. */
function buildDistricts(rows: CellRow[]): OverviewDistrict[] {
  const municipalities = new Map<string, OverviewMunicipality>();
  for (const row of rows) {
    const key = `${row.district ?? ''}\u0000${row.municipality_code ?? ''}`;
    const m = municipalities.get(key) ?? emptyMunicipality(row);
    municipalities.set(key, m);
    m.byLicence[row.licence] = shown(row.live);
    m.live = shown(m.live.count! + row.live);
    m.newThisWeek = shown(m.newThisWeek.count! + row.new_week);
    m.goneThisWeek = shown(m.goneThisWeek.count! + row.gone_week);
  }
  const order = (d: string | null) => (d === null ? DISTRICTS.length : DISTRICTS.indexOf(d as (typeof DISTRICTS)[number]));
  const byDistrict = new Map<string | null, OverviewMunicipality[]>();
  for (const m of municipalities.values()) byDistrict.set(m.district, [...(byDistrict.get(m.district) ?? []), m]);
  return [...byDistrict.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([district, list]) => ({
      district,
      live: shown(sum(list.map((m) => m.live.count!))),
      newThisWeek: shown(sum(list.map((m) => m.newThisWeek.count!))),
      goneThisWeek: shown(sum(list.map((m) => m.goneThisWeek.count!))),
      municipalities: list.sort((a, b) => (a.municipalityName ?? '\uffff').localeCompare(b.municipalityName ?? '\uffff', 'nl')),
    }));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Withholds small counts within one group whose total is published. Primary: every count from 1
 * to 4. Secondary: if that leaves exactly one withheld cell, the smallest other non-zero cell is
 * withheld too — otherwise total minus the rest would give the withheld count back.
 */
export function suppressGroup(counts: readonly number[]): OverviewCount[] {
  const small = counts.map((n) => n > 0 && n < SMALL_COUNT);
  if (small.filter(Boolean).length === 1) {
    const others = counts.map((n, i) => ({ n, i })).filter(({ n, i }) => n > 0 && !small[i]);
    const smallest = others.sort((a, b) => a.n - b.n)[0];
    if (smallest) small[smallest.i] = true;
  }
  return counts.map((n, i) => (small[i] ? { count: null, suppressed: true } : shown(n)));
}

/**
 * Applies `suppressGroup` to each published group: a municipality's licence cells (total: its live
 * count), a district's municipalities per measure (total: the district's), and the districts
 * themselves. A district or municipality total that is itself small is withheld by the outer group.
 */
function suppressDistricts(districts: OverviewDistrict[]): OverviewDistrict[] {
  const measures = ['live', 'newThisWeek', 'goneThisWeek'] as const;
  const outer = Object.fromEntries(measures.map((k) => [k, suppressGroup(districts.map((d) => d[k].count!))]));
  return districts.map((d, di) => {
    const inner = Object.fromEntries(measures.map((k) => [k, hideParts(outer[k]![di]!, suppressGroup(d.municipalities.map((m) => m[k].count!)))]));
    const municipalities = d.municipalities.map((m, mi) => {
      const cells = hideParts(inner.live![mi]!, suppressGroup(OVERVIEW_LICENCES.map((l) => m.byLicence[l].count!)));
      const byLicence = Object.fromEntries(OVERVIEW_LICENCES.map((l, li) => [l, cells[li]!])) as Record<OverviewLicence, OverviewCount>;
      return { ...m, byLicence, live: inner.live![mi]!, newThisWeek: inner.newThisWeek![mi]!, goneThisWeek: inner.goneThisWeek![mi]! };
    });
    return { ...d, municipalities, live: outer.live![di]!, newThisWeek: outer.newThisWeek![di]!, goneThisWeek: outer.goneThisWeek![di]! };
  });
}

/**
 * A withheld total withholds its non-zero parts too: published parts would add up to it (a
 * district of one municipality would show the district's withheld count in that row).
 */
function hideParts(total: OverviewCount, parts: OverviewCount[]): OverviewCount[] {
  if (!total.suppressed) return parts;
  return parts.map((p) => (p.suppressed || p.count === 0 ? p : { count: null, suppressed: true }));
}

function hasSuppressed(districts: OverviewDistrict[]): boolean {
  const counts = districts.flatMap((d) => [
    d.live,
    d.newThisWeek,
    d.goneThisWeek,
    ...d.municipalities.flatMap((m) => [m.live, m.newThisWeek, m.goneThisWeek, ...Object.values(m.byLicence)]),
  ]);
  return counts.some((c) => c.suppressed);
}
