import { COMPLIANCE_CODES } from '../classifier/risk/indicator.js';
import type { LicenceStatus } from '../domain/licence.js';
import type { ReviewDecision } from '../domain/review.js';
import type { Db } from './db.js';
import {
  encodeQueueCursor,
  QUEUE_PAGE_SIZE,
  type QueueCursor,
  type WorkQueueFilters,
  type WorkQueuePageRequest,
} from './review-queue-query.js';
import { scopeDistrict, type ReviewScope } from './review-scope.js';

/** What one line of the work queue shows. No phone numbers: the queue lists, the ad page shows. */
export interface WorkQueueRow {
  id: string;
  site: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  district: string | null;
  title: string | null;
  firstSeen: Date;
  lastSeen: Date;
  status: 'live' | 'gone';
  licenceStatus: LicenceStatus | null;
  riskScore: number;
  /** The indicators contributing most to the risk score, largest first (at most 3; licence breaches are compliance, not risk). */
  topIndicators: string[];
  clusterId: string | null;
  reviewDecision: ReviewDecision | null;
  reviewedAt: Date | null;
}

export interface WorkQueuePage {
  rows: WorkQueueRow[];
  /** Pass as `page.cursor` (or the `cursor` query parameter) for the next page; null on the last page. */
  nextCursor: string | null;
  hasNext: boolean;
}

/** Dates in filters are Dutch calendar days, whatever the server's time zone. */
const ZONE = `'Europe/Amsterdam'`;

/** Collects `$n` parameters while the WHERE clause is built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type Condition = (f: WorkQueueFilters, p: Params) => string | null;

/** One SQL condition per filter; each is a plain column test the queue's indexes can serve. */
const CONDITIONS: Condition[] = [
  (f, p) => (f.licence === undefined ? null : f.licence === 'unassessed' ? 'a.licence_status IS NULL' : `a.licence_status = ${p.add(f.licence)}`),
  (f, p) => (f.indicator === undefined ? null : `a.indicator_codes @> ARRAY[${p.add(f.indicator)}::text]`),
  (f, p) => (f.municipality === undefined ? null : `a.municipality_code = ${p.add(f.municipality)}`),
  (f, p) => (f.district === undefined ? null : `a.district = ${p.add(f.district)}`),
  (f, p) => (f.site === undefined ? null : `a.site = ${p.add(f.site)}`),
  (f, p) => (f.firstSeenFrom === undefined ? null : `a.first_seen >= ${dayStart(p.add(f.firstSeenFrom))}`),
  (f, p) => (f.firstSeenTo === undefined ? null : `a.first_seen < ${dayStart(p.add(f.firstSeenTo), 1)}`),
  (f, p) => (f.lastSeenFrom === undefined ? null : `a.last_seen >= ${dayStart(p.add(f.lastSeenFrom))}`),
  (f, p) => (f.lastSeenTo === undefined ? null : `a.last_seen < ${dayStart(p.add(f.lastSeenTo), 1)}`),
  (f) => (f.reviewed === undefined ? null : f.reviewed === 'yes' ? 'a.review_decision IS NOT NULL' : 'a.review_decision IS NULL'),
  // `=` implies IS NOT NULL, so the planner may use the partial "reviewed" indexes; spelling that
  // out would make it count the NOT NULL twice and misjudge how many rows match.
  (f, p) => (f.decision === undefined ? null : `a.review_decision = ${p.add(f.decision)}`),
  (f, p) => (f.status === undefined ? null : `a.status = ${p.add(f.status)}`),
  (f, p) => (f.phone === undefined ? null : `a.id IN (SELECT ph.ad_id FROM ad_phones ph WHERE ph.e164 = ${p.add(f.phone)})`),
  (f, p) => (f.permit === undefined ? null : `ad_permit_keys(a.permit_numbers, a.licence_permit) @> ARRAY[${p.add(f.permit)}::text]`),
];

function dayStart(param: string, plusDays = 0): string {
  return `((${param}::date + ${plusDays})::timestamp AT TIME ZONE ${ZONE})`;
}

function whereClause(scope: ReviewScope, filters: WorkQueueFilters, cursor: QueueCursor | undefined, p: Params): string {
  const district = scopeDistrict(scope);
  const conditions = [
    district === null ? null : `a.district = ${p.add(district)}`,
    ...CONDITIONS.map((condition) => condition(filters, p)),
    // Keyset: strictly after the previous page's last row in (score, id) order — an index range, at any depth.
    cursor === undefined ? null : `(a.risk_score, a.id) < (${p.add(cursor.score)}::real, ${p.add(cursor.id)}::bigint)`,
  ].filter((c): c is string => c !== null);
  return conditions.length === 0 ? 'true' : conditions.join('\n   AND ');
}

interface QueueSqlRow {
  id: string;
  site: string;
  municipality_code: string | null;
  municipality_name: string | null;
  district: string | null;
  title: string | null;
  first_seen: Date;
  last_seen: Date;
  status: 'live' | 'gone';
  licence_status: LicenceStatus | null;
  risk_score: number;
  top_indicators: string[];
  cluster_id: string | null;
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
}

/**
 * The SQL of one queue page: the ranked ads first (index-only work, LIMIT applied), then the
 * display columns of just those rows from their current versions.
 */
export function workQueueSql(scope: ReviewScope, filters: WorkQueueFilters, page: WorkQueuePageRequest = {}): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = whereClause(scope, filters, page.cursor, p);
  const limit = p.add((page.limit ?? QUEUE_PAGE_SIZE) + 1);
  // The licence breaches are scored apart (compliance): they are not what makes the risk score.
  const compliance = p.add([...COMPLIANCE_CODES]);
  const sql = `WITH page AS (
  SELECT a.id, a.site, a.municipality_code, a.district, a.first_seen, a.last_seen, a.status, a.licence_status,
         a.risk_score, a.risk, a.indicator_codes, a.cluster_id, a.review_decision, a.reviewed_at, a.current_version_id
  FROM ads a
  WHERE ${where}
  ORDER BY a.risk_score DESC, a.id DESC
  LIMIT ${limit}
)
SELECT page.id::text AS id, page.site, page.municipality_code, v.analysis->'municipality'->>'name' AS municipality_name,
       page.district, v.title, page.first_seen, page.last_seen, page.status, page.licence_status, page.risk_score,
       CASE WHEN jsonb_typeof(page.risk->'indicators') = 'array'
            THEN ARRAY(SELECT i->>'code' FROM jsonb_array_elements(page.risk->'indicators') i
                       WHERE NOT (i->>'code' = ANY(${compliance}::text[]))
                       ORDER BY (i->>'contribution')::float8 DESC NULLS LAST LIMIT 3)
            ELSE ARRAY(SELECT c FROM unnest(page.indicator_codes) c WHERE NOT (c = ANY(${compliance}::text[])) LIMIT 3) END AS top_indicators,
       page.cluster_id::text AS cluster_id, page.review_decision, page.reviewed_at
FROM page LEFT JOIN ad_versions v ON v.id = page.current_version_id
ORDER BY page.risk_score DESC, page.id DESC`;
  return { sql, params: p.values };
}

/**
 * One page of the work queue of `scope` (a district, or all for an admin), ranked by risk score
 * (highest first, ties by newest id), with keyset paging: the cursor is the last row's (score, id),
 * so a deep page costs what the first does and rows never repeat or go missing between pages.
 *
 * @example
 * const first = await listWorkQueue(db, districtScope('Kennemerland'), { reviewed: 'no', status: 'live' });
 * const next = await listWorkQueue(db, scope, filters, { cursor: decodeQueueCursor(first.nextCursor!)! });
 */
export async function listWorkQueue(db: Db, scope: ReviewScope, filters: WorkQueueFilters, page: WorkQueuePageRequest = {}): Promise<WorkQueuePage> {
  const limit = page.limit ?? QUEUE_PAGE_SIZE;
  const { sql, params } = workQueueSql(scope, filters, { ...page, limit });
  const { rows } = await db.query<QueueSqlRow>(sql, params);
  const hasNext = rows.length > limit;
  const shown = rows.slice(0, limit).map(toQueueRow);
  const last = shown.at(-1);
  return { rows: shown, hasNext, nextCursor: hasNext && last ? encodeQueueCursor({ score: last.riskScore, id: last.id }) : null };
}

function toQueueRow(r: QueueSqlRow): WorkQueueRow {
  return {
    id: r.id,
    site: r.site,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_name,
    district: r.district,
    title: r.title,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    status: r.status,
    licenceStatus: r.licence_status,
    riskScore: r.risk_score,
    topIndicators: r.top_indicators,
    clusterId: r.cluster_id,
    reviewDecision: r.review_decision,
    reviewedAt: r.reviewed_at,
  };
}
