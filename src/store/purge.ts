import { audit, purgeAuditLog } from './audit.js';
import { transactionWithRetry, type Db } from './db.js';
import type { PurgeCutoffs } from './purge-policy.js';

/** What the purge removes, per category. Ads take their versions, sightings, phones and links along. */
export const PURGE_CATEGORIES = [
  'unflagged_ads',
  'flagged_unreviewed_ads',
  'reviewed_ads',
  'sessions',
  'login_throttle',
  'crawl_runs',
  'audit_log',
] as const;
export type PurgeCategory = (typeof PURGE_CATEGORIES)[number];
export type PurgeCounts = Record<PurgeCategory, number>;

/** Rows that go with the purged ads (ON DELETE CASCADE), counted for the report. */
export interface PurgeCascade {
  ad_versions: number;
  sightings: number;
  review_decisions: number;
}

export interface PurgeReport {
  dryRun: boolean;
  cutoffs: PurgeCutoffs;
  removed: PurgeCounts;
  cascade: PurgeCascade;
}

export interface PurgeOptions {
  dryRun?: boolean;
  /** Ads deleted per transaction: short transactions, so crawls storing ads meanwhile barely wait. */
  batchSize?: number;
  /** Who is recorded in the audit log (`system:purge` for the scheduled job, `cli:<user>` by hand). */
  actor?: string;
}

const FLAGGED = `(a.district IS NOT NULL AND (a.indicator_codes <> '{}' OR a.licence_status IN ('unlicensed', 'invalid_permit')))`;

/** An ad's retention category: reviewed beats flagged beats the rest. */
const CATEGORY = `CASE WHEN a.review_decision IS NOT NULL THEN 'reviewed_ads'
  WHEN ${FLAGGED} THEN 'flagged_unreviewed_ads' ELSE 'unflagged_ads' END`;

/** $1 unflagged cutoff, $2 flagged, $3 reviewed, $4 reviewed per municipality (jsonb code → timestamp). */
const EXPIRED = `CASE
  WHEN a.review_decision IS NOT NULL
    THEN greatest(a.last_seen, a.reviewed_at) < coalesce(($4::jsonb ->> a.municipality_code)::timestamptz, $3::timestamptz)
  WHEN ${FLAGGED} THEN a.last_seen < $2::timestamptz
  ELSE a.last_seen < $1::timestamptz END`;

function adParams(c: PurgeCutoffs): unknown[] {
  return [c.unflaggedAds, c.flaggedUnreviewedAds, c.reviewedAds, JSON.stringify(c.reviewedAdsByMunicipality)];
}

/**
 * Crawl runs finished before the cutoff that nothing refers to: no sighting or gone event of an ad that
 * stays (deleting a run would cascade to those), and not a site's latest health record. The dry
 * run counts the runs the ad purge would leave empty (`projected`); the real purge, run after the
 * ads are gone, only deletes runs that are empty by then.
 */
function crawlRunsExpired(projected: boolean): string {
  const staying = projected ? `JOIN ads a ON a.id = x.ad_id WHERE x.run_id = r.id AND NOT (${EXPIRED})` : 'WHERE x.run_id = r.id';
  // Projected: the ad cutoffs are $1–$4 (as in EXPIRED), so the run cutoff is $5.
  return `r.finished_at < ${projected ? '$5' : '$1'}::timestamptz
    AND NOT EXISTS (SELECT 1 FROM sightings x ${staying})
    AND NOT EXISTS (SELECT 1 FROM ad_gone_events x ${staying})
    AND NOT EXISTS (SELECT 1 FROM site_health h WHERE h.last_run_id = r.id)`;
}

/**
 * Enforces the retention policy: deletes every expired ad (with its versions, sightings, phones,
 * licence history, review decisions and links, by cascade), expired sessions and login counters,
 * crawl runs nothing refers to any more, and old audit entries; then records the counts (never
 * the data) in the audit log. With `dryRun` it only counts. Running it again removes nothing more
 * and writes no audit entry, so the nightly job leaves a trace only when something went.
 */
export async function purgeExpired(db: Db, cutoffs: PurgeCutoffs, options: PurgeOptions = {}): Promise<PurgeReport> {
  if (options.dryRun) return { dryRun: true, cutoffs, ...(await countExpired(db, cutoffs)) };
  const removed = emptyCounts();
  const cascade: PurgeCascade = { ad_versions: 0, sightings: 0, review_decisions: 0 };
  await purgeAds(db, cutoffs, options.batchSize ?? 1000, removed, cascade);
  removed.sessions = await deleteCount(db, 'DELETE FROM sessions WHERE expires_at < $1', [cutoffs.sessions]);
  removed.login_throttle = await deleteCount(
    db,
    'DELETE FROM login_throttle WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < now())',
    [cutoffs.loginThrottle],
  );
  removed.crawl_runs = await deleteCount(db, `DELETE FROM crawl_runs r WHERE ${crawlRunsExpired(false)}`, [cutoffs.crawlRuns]);
  removed.audit_log = await purgeAuditLog(db, cutoffs.auditLog);
  const report: PurgeReport = { dryRun: false, cutoffs, removed, cascade };
  if (Object.values(removed).some((n) => n > 0)) {
    await audit(db, { userId: null, username: options.actor ?? 'system:purge', action: 'purge', target: null, details: auditDetails(report) });
  }
  return report;
}

/** What would go now, without touching anything. */
async function countExpired(db: Db, cutoffs: PurgeCutoffs): Promise<Omit<PurgeReport, 'dryRun' | 'cutoffs'>> {
  const removed = emptyCounts();
  const { rows } = await db.query<{ category: PurgeCategory; ads: number; versions: number; sightings: number; decisions: number }>(
    `SELECT ${CATEGORY} AS category, count(*)::int AS ads,
       coalesce(sum((SELECT count(*) FROM ad_versions v WHERE v.ad_id = a.id)), 0)::int AS versions,
       coalesce(sum((SELECT count(*) FROM sightings s WHERE s.ad_id = a.id)), 0)::int AS sightings,
       coalesce(sum((SELECT count(*) FROM review_decisions d WHERE d.ad_id = a.id)), 0)::int AS decisions
     FROM ads a WHERE ${EXPIRED} GROUP BY 1`,
    adParams(cutoffs),
  );
  const cascade: PurgeCascade = { ad_versions: 0, sightings: 0, review_decisions: 0 };
  for (const row of rows) {
    removed[row.category] = row.ads;
    cascade.ad_versions += row.versions;
    cascade.sightings += row.sightings;
    cascade.review_decisions += row.decisions;
  }
  removed.sessions = await count(db, 'SELECT count(*)::int AS n FROM sessions WHERE expires_at < $1', [cutoffs.sessions]);
  removed.login_throttle = await count(
    db,
    'SELECT count(*)::int AS n FROM login_throttle WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < now())',
    [cutoffs.loginThrottle],
  );
  removed.crawl_runs = await count(db, `SELECT count(*)::int AS n FROM crawl_runs r WHERE ${crawlRunsExpired(true)}`, [
    ...adParams(cutoffs),
    cutoffs.crawlRuns,
  ]);
  removed.audit_log = await count(db, 'SELECT count(*)::int AS n FROM audit_log WHERE at < $1', [cutoffs.auditLog]);
  return { removed, cascade };
}

/**
 * Deletes expired ads in batches, each in its own transaction. SKIP LOCKED passes over ads a
 * crawl batch is storing right now (the next purge gets them if still expired), and the row lock
 * re-checks the expiry, so an ad seen again meanwhile is never deleted.
 */
async function purgeAds(db: Db, cutoffs: PurgeCutoffs, batchSize: number, removed: PurgeCounts, cascade: PurgeCascade): Promise<void> {
  for (;;) {
    const deleted = await transactionWithRetry(db, async (tx) => {
      const { rows } = await tx.query<{ id: string; category: PurgeCategory }>(
        `SELECT a.id::text AS id, ${CATEGORY} AS category FROM ads a WHERE ${EXPIRED}
         ORDER BY a.id LIMIT $5 FOR UPDATE OF a SKIP LOCKED`,
        [...adParams(cutoffs), batchSize],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const dependents = await countDependents(tx, ids);
      await tx.query('DELETE FROM ads WHERE id = ANY($1::bigint[])', [ids]);
      return [{ rows, dependents }];
    });
    const batch = deleted[0];
    if (!batch) return;
    for (const row of batch.rows) removed[row.category] += 1;
    cascade.ad_versions += batch.dependents.ad_versions;
    cascade.sightings += batch.dependents.sightings;
    cascade.review_decisions += batch.dependents.review_decisions;
    if (batch.rows.length < batchSize) return;
  }
}

async function countDependents(tx: Db, ids: string[]): Promise<PurgeCascade> {
  const { rows } = await tx.query<PurgeCascade>(
    `SELECT (SELECT count(*)::int FROM ad_versions WHERE ad_id = ANY($1::bigint[])) AS ad_versions,
            (SELECT count(*)::int FROM sightings WHERE ad_id = ANY($1::bigint[])) AS sightings,
            (SELECT count(*)::int FROM review_decisions WHERE ad_id = ANY($1::bigint[])) AS review_decisions`,
    [ids],
  );
  return rows[0]!;
}

async function count(db: Db, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

async function deleteCount(db: Db, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params);
  return (rows[0] as { n: number } | undefined)?.n ?? 0;
}

function emptyCounts(): PurgeCounts {
  return Object.fromEntries(PURGE_CATEGORIES.map((c) => [c, 0])) as PurgeCounts;
}

/** Counts and cutoffs only: the audit entry must not keep what the purge removed. */
function auditDetails(report: PurgeReport): Record<string, unknown> {
  const { reviewedAdsByMunicipality, ...cutoffs } = report.cutoffs;
  return {
    removed: report.removed,
    cascade: report.cascade,
    cutoffs: { ...cutoffs, reviewedAdsByMunicipality },
  };
}
