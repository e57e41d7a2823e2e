import type { CrawlRunStatus, CrawlRunSummary } from './crawl-runs.js';
import type { Db } from './db.js';

/**
 * - `healthy`: the latest run succeeded;
 * - `suspect`: it found far fewer ads than usual, or none: the site's layout probably changed and
 *   its selectors no longer match (the classic case: pages fetched, zero ads);
 * - `failing`: too many pages failed, or the run's ads were not all stored.
 */
export type SiteHealthStatus = 'healthy' | 'suspect' | 'failing';

/** A site's health as of its latest closed run: what the admin page alerts on. */
export interface SiteHealth {
  site: string;
  status: SiteHealthStatus;
  /** Why it is not healthy, in words; null when healthy. */
  reason: string | null;
  /** When the site entered this status, and how many closed runs in a row had it. */
  since: Date;
  runsInStatus: number;
  lastRunId: string;
  lastRunStartedAt: Date;
  adsSeen: number;
  usualAds: number | null;
  checkedAt: Date;
}

const HEALTH_OF_RUN: Partial<Record<CrawlRunStatus, SiteHealthStatus>> = {
  succeeded: 'healthy',
  suspect: 'suspect',
  incomplete: 'failing',
  failed: 'failing',
};

/**
 * The site's usual number of ads: the median `ads_seen` of its last `runs` succeeded runs that
 * started before `before`. Suspect and incomplete runs never count, so a broken site cannot make
 * its own low count the new normal. Null when the site has no succeeded run yet.
 */
export async function usualAdCount(db: Db, site: string, options: { runs: number; before: Date }): Promise<number | null> {
  const { rows } = await db.query<{ usual: number | null }>(
    `SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ads_seen))::int AS usual
     FROM (SELECT ads_seen FROM crawl_runs
           WHERE site = $1 AND status = 'succeeded' AND started_at < $2
           ORDER BY started_at DESC LIMIT $3) recent`,
    [site, options.before, options.runs],
  );
  return rows[0]?.usual ?? null;
}

/**
 * Records a closed run's verdict as its site's health. Idempotent (recording the same run again
 * changes nothing), and a run older than the one already recorded (a late finalizer) is ignored.
 */
export async function recordSiteHealth(db: Db, run: CrawlRunSummary): Promise<SiteHealth | null> {
  const status = HEALTH_OF_RUN[run.status as CrawlRunStatus];
  if (!status || run.finishedAt === null) return null;
  await db.query(
    `INSERT INTO site_health AS h (site, status, reason, since, runs_in_status, last_run_id, run_started_at, ads_seen, usual_ads, checked_at)
     VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $4)
     ON CONFLICT (site) DO UPDATE SET
       status = excluded.status,
       reason = excluded.reason,
       since = CASE WHEN h.status = excluded.status THEN h.since ELSE excluded.since END,
       runs_in_status = CASE WHEN h.status = excluded.status THEN h.runs_in_status + 1 ELSE 1 END,
       last_run_id = excluded.last_run_id,
       run_started_at = excluded.run_started_at,
       ads_seen = excluded.ads_seen,
       usual_ads = excluded.usual_ads,
       checked_at = excluded.checked_at
     WHERE h.last_run_id <> excluded.last_run_id AND h.run_started_at <= excluded.run_started_at`,
    [run.site, status, status === 'healthy' ? null : run.healthReason, run.finishedAt, run.runId, run.startedAt, run.adsSeen, run.usualAds],
  );
  return (await readHealth(db, 'WHERE site = $1', [run.site]))[0] ?? null;
}

/**
 * Every site's health, the unhealthy ones first (longest-standing first), then by site.
 * For the admin page's alerts and `zicht sites`.
 *
 * @example (await listSiteHealth(db)).filter((h) => h.status !== 'healthy')
 */
export async function listSiteHealth(db: Db): Promise<SiteHealth[]> {
  return readHealth(db, `ORDER BY (status = 'healthy'), CASE WHEN status = 'healthy' THEN NULL ELSE since END, site`, []);
}

interface HealthRow {
  site: string;
  status: SiteHealthStatus;
  reason: string | null;
  since: Date;
  runs_in_status: number;
  last_run_id: string;
  run_started_at: Date;
  ads_seen: number;
  usual_ads: number | null;
  checked_at: Date;
}

async function readHealth(db: Db, tail: string, params: unknown[]): Promise<SiteHealth[]> {
  const { rows } = await db.query<HealthRow>(
    `SELECT site, status, reason, since, runs_in_status, last_run_id, run_started_at, ads_seen, usual_ads, checked_at
     FROM site_health ${tail}`,
    params,
  );
  return rows.map((row) => ({
    site: row.site,
    status: row.status,
    reason: row.reason,
    since: row.since,
    runsInStatus: row.runs_in_status,
    lastRunId: row.last_run_id,
    lastRunStartedAt: row.run_started_at,
    adsSeen: row.ads_seen,
    usualAds: row.usual_ads,
    checkedAt: row.checked_at,
  }));
}
