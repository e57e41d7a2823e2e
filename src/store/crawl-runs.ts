import { transactionWithRetry, type Db } from './db.js';

/**
 * `suspect`: crawled, but far fewer ads than usual or none (selectors no longer match?);
 * `incomplete`: too many failed pages or ads not all stored. Only `succeeded` marks ads missing.
 */
export type CrawlRunStatus = 'running' | 'succeeded' | 'suspect' | 'failed' | 'incomplete';
export type ClosedRunStatus = Exclude<CrawlRunStatus, 'running'>;

/** A crawl run as reported to people: `errors` is the number of errors (all, not only the stored ones). */
export interface CrawlRunSummary {
  runId: string;
  site: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  pagesFailed: number;
  adsSeen: number;
  adsNew: number;
  adsChanged: number;
  adsUnchanged: number;
  adsGone: number;
  /** Live ads the run did not see (each missed one more run; `adsGone` of them became gone). */
  adsMissed: number;
  errors: number;
  /** The site's usual ad count when the run closed, if it had successful runs before. */
  usualAds: number | null;
  /** Why the run is not `succeeded`, for people; null when it is. */
  healthReason: string | null;
}

/** A run with the errors it stored (the first {@link MAX_STORED_ERRORS}), for the admin page. */
export interface CrawlRunDetail extends CrawlRunSummary {
  errorList: Array<{ url?: string; message: string }>;
}

export interface FinishCrawlRun {
  runId: string;
  status: ClosedRunStatus;
  pages: number;
  pagesFailed: number;
  errors: Array<{ url?: string | undefined; message: string }>;
  finishedAt: Date;
  /** Successful runs in a row that must miss a live ad before it counts as gone. Default 1. */
  missedRunsBeforeGone?: number | undefined;
  usualAds?: number | null | undefined;
  healthReason?: string | null | undefined;
}

/** At most this many errors are kept per run; `error_count` has the total. */
export const MAX_STORED_ERRORS = 200;
const MAX_ERROR_MESSAGE = 1_000;

/** Records that a run started. Idempotent: a retried crawl job keeps the first row. */
export async function startCrawlRun(db: Db, run: { id: string; site: string; startedAt: Date }): Promise<void> {
  await db.query(
    `INSERT INTO crawl_runs (id, site, started_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
    [run.id, run.site, run.startedAt],
  );
}

/** How many of `batchKeys` are stored for the run: the finalizer closes a run when all are. */
export async function countRecordedBatches(db: Db, runId: string, batchKeys: string[]): Promise<number> {
  if (batchKeys.length === 0) return 0;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM crawl_batches WHERE run_id = $1 AND batch_key = ANY($2::text[])`,
    [runId, batchKeys],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Closes a run: counts come from its sightings. Only a `succeeded` run marks ads missing (a
 * `suspect` or `incomplete` one saw too little to say an ad is not there any more):
 * each live ad of the site it did not see (and nobody saw since the run started) misses one
 * more run, and becomes `gone` at `missedRunsBeforeGone` misses. Calling it again for a closed
 * run changes nothing and returns the stored summary.
 */
export async function finishCrawlRun(db: Db, run: FinishCrawlRun): Promise<CrawlRunSummary> {
  const threshold = run.missedRunsBeforeGone ?? 1;
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error(`missedRunsBeforeGone must be a positive integer, got ${threshold}`);
  return transactionWithRetry(db, async (tx) => {
    const { rows } = await tx.query<{ site: string; started_at: Date; finished_at: Date | null }>(
      'SELECT site, started_at, finished_at FROM crawl_runs WHERE id = $1 FOR UPDATE',
      [run.runId],
    );
    const stored = rows[0];
    if (!stored) throw new Error(`unknown crawl run "${run.runId}"`);
    if (stored.finished_at === null) {
      const missed = run.status === 'succeeded' ? await markMissedAds(tx, run, stored, threshold) : { missed: 0, gone: 0 };
      await closeRun(tx, run, missed);
    }
    const summary = await readSummaries(tx, 'WHERE r.id = $1', [run.runId]);
    return summary[0]!;
  });
}

export interface ListCrawlRunsOptions {
  site?: string | undefined;
  status?: CrawlRunStatus | undefined;
  /** Only runs started before this (paging: pass the last row's `startedAt`). */
  before?: Date | undefined;
  /** 1..10000, default 50. */
  limit?: number | undefined;
}

/**
 * Runs newest first; a running run's ad counts are live from its sightings. The run history of
 * `zicht runs` and the admin page.
 *
 * @example listCrawlRuns(db, { site: 'demo-a', status: 'suspect', limit: 20 })
 */
export async function listCrawlRuns(db: Db, options: ListCrawlRunsOptions = {}): Promise<CrawlRunSummary[]> {
  const limit = Math.max(1, Math.min(options.limit ?? 50, 10_000));
  const params: unknown[] = [];
  const where: string[] = [];
  const filter = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (options.site !== undefined) filter('r.site = ?', options.site);
  if (options.status !== undefined) filter('r.status = ?', options.status);
  if (options.before !== undefined) filter('r.started_at < ?', options.before);
  params.push(limit);
  const tail = `${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.started_at DESC, r.id LIMIT $${params.length}`;
  return readSummaries(db, tail, params);
}

/** One run with its stored errors, or null when there is no such run. */
export async function getCrawlRun(db: Db, runId: string): Promise<CrawlRunDetail | null> {
  const [summary] = await readSummaries(db, 'WHERE r.id = $1', [runId]);
  if (!summary) return null;
  const { rows } = await db.query<{ errors: Array<{ url?: string; message: string }> }>('SELECT errors FROM crawl_runs WHERE id = $1', [runId]);
  return { ...summary, errorList: rows[0]?.errors ?? [] };
}

/**
 * Counts one more missed run for each live ad of the site this run did not see (and nobody saw
 * since it started); those reaching `threshold` become gone, with a gone event for the trends.
 */
async function markMissedAds(
  tx: Db,
  run: FinishCrawlRun,
  stored: { site: string; started_at: Date },
  threshold: number,
): Promise<{ missed: number; gone: number }> {
  // Locks in identity order, as recordAdBatch does, so the two cannot deadlock.
  const { rows } = await tx.query<{ missed: number; gone: number }>(
    `WITH missed AS (
       SELECT a.id FROM ads a
       WHERE a.site = $1 AND a.status = 'live' AND a.last_seen < $2
         AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.run_id = $3 AND s.ad_id = a.id)
       ORDER BY a.site, a.site_ad_id
       FOR UPDATE
     ), updated AS (
       UPDATE ads a SET
         missed_runs = a.missed_runs + 1,
         status = CASE WHEN a.missed_runs + 1 >= $4 THEN 'gone' ELSE a.status END,
         gone_at = CASE WHEN a.missed_runs + 1 >= $4 THEN $5::timestamptz ELSE a.gone_at END,
         updated_at = now()
       FROM missed WHERE a.id = missed.id
       RETURNING a.id, a.status
     ), gone_events AS (
       INSERT INTO ad_gone_events (ad_id, run_id, gone_at)
       SELECT id, $3, $5::timestamptz FROM updated WHERE status = 'gone'
       ON CONFLICT DO NOTHING
     )
     SELECT count(*)::int AS missed, count(*) FILTER (WHERE status = 'gone')::int AS gone FROM updated`,
    [stored.site, stored.started_at, run.runId, threshold, run.finishedAt],
  );
  return rows[0] ?? { missed: 0, gone: 0 };
}

async function closeRun(tx: Db, run: FinishCrawlRun, missed: { missed: number; gone: number }): Promise<void> {
  const errors = run.errors.slice(0, MAX_STORED_ERRORS).map((error) => ({
    ...(error.url === undefined ? {} : { url: error.url }),
    message: error.message.slice(0, MAX_ERROR_MESSAGE),
  }));
  await tx.query(
    `UPDATE crawl_runs r SET status = $2, finished_at = $3, pages = $4, pages_failed = $5,
       errors = $6::jsonb, error_count = $7, ads_gone = $8, ads_missed = $9, usual_ads = $10, health_reason = $11,
       ads_seen = s.seen, ads_new = s.new, ads_changed = s.changed, ads_unchanged = s.unchanged
     FROM (SELECT count(*)::int AS seen,
                  count(*) FILTER (WHERE change = 'new')::int AS new,
                  count(*) FILTER (WHERE change = 'changed')::int AS changed,
                  count(*) FILTER (WHERE change = 'unchanged')::int AS unchanged
           FROM sightings WHERE run_id = $1) s
     WHERE r.id = $1`,
    [
      run.runId, run.status, run.finishedAt, run.pages, run.pagesFailed, JSON.stringify(errors), run.errors.length,
      missed.gone, missed.missed, run.usualAds ?? null, run.healthReason ?? null,
    ],
  );
}

interface SummaryRow {
  id: string;
  site: string;
  status: string;
  started_at: Date;
  finished_at: Date | null;
  pages: number;
  pages_failed: number;
  ads_seen: number;
  ads_new: number;
  ads_changed: number;
  ads_unchanged: number;
  ads_gone: number;
  ads_missed: number;
  error_count: number;
  usual_ads: number | null;
  health_reason: string | null;
}

async function readSummaries(db: Db, tail: string, params: unknown[]): Promise<CrawlRunSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT r.id, r.site, r.status, r.started_at, r.finished_at, r.pages, r.pages_failed,
            CASE WHEN r.finished_at IS NULL THEN s.seen ELSE r.ads_seen END AS ads_seen,
            CASE WHEN r.finished_at IS NULL THEN s.new ELSE r.ads_new END AS ads_new,
            CASE WHEN r.finished_at IS NULL THEN s.changed ELSE r.ads_changed END AS ads_changed,
            CASE WHEN r.finished_at IS NULL THEN s.unchanged ELSE r.ads_unchanged END AS ads_unchanged,
            r.ads_gone, r.ads_missed, r.error_count, r.usual_ads, r.health_reason
     FROM crawl_runs r
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS seen,
              count(*) FILTER (WHERE change = 'new')::int AS new,
              count(*) FILTER (WHERE change = 'changed')::int AS changed,
              count(*) FILTER (WHERE change = 'unchanged')::int AS unchanged
       FROM sightings WHERE run_id = r.id AND r.finished_at IS NULL
     ) s
     ${tail}`,
    params,
  );
  return rows.map(toSummary);
}

function toSummary(row: SummaryRow): CrawlRunSummary {
  return {
    runId: row.id,
    site: row.site,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    pages: row.pages,
    pagesFailed: row.pages_failed,
    adsSeen: row.ads_seen,
    adsNew: row.ads_new,
    adsChanged: row.ads_changed,
    adsUnchanged: row.ads_unchanged,
    adsGone: row.ads_gone,
    adsMissed: row.ads_missed,
    errors: row.error_count,
    usualAds: row.usual_ads,
    healthReason: row.health_reason,
  };
}
