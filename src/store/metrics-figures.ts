import type { Db } from './db.js';

/** The newest closed run of a site, for the `zicht_crawl_last_run_*` metrics. */
export interface LastRunFigures {
  site: string;
  status: string;
  startedAt: Date;
  finishedAt: Date;
  pages: number;
  pagesFailed: number;
  adsSeen: number;
  adsNew: number;
  adsChanged: number;
  adsUnchanged: number;
  adsGone: number;
  errors: number;
}

/** What a Prometheus scrape reads from Postgres: small aggregates, no ad data. */
export interface StoreFigures {
  ads: { live: number; gone: number };
  runningRuns: number;
  lastRuns: LastRunFigures[];
  /** The newest purge that removed something: when, and its counts per category. */
  lastPurge: { at: Date; removed: Record<string, number> } | null;
}

/** Reads the figures in three short queries (a scrape every 15–60 s must stay cheap). */
export async function readStoreFigures(db: Db): Promise<StoreFigures> {
  const [ads, runs, purge] = await Promise.all([
    db.query<{ live: number; gone: number; running: number }>(
      `SELECT count(*) FILTER (WHERE status = 'live')::int AS live, count(*) FILTER (WHERE status = 'gone')::int AS gone,
              (SELECT count(*)::int FROM crawl_runs WHERE finished_at IS NULL) AS running
       FROM ads`,
    ),
    db.query<LastRunFigures>(
      `SELECT DISTINCT ON (site) site, status, started_at AS "startedAt", finished_at AS "finishedAt", pages,
              pages_failed AS "pagesFailed", ads_seen AS "adsSeen", ads_new AS "adsNew", ads_changed AS "adsChanged",
              ads_unchanged AS "adsUnchanged", ads_gone AS "adsGone", error_count AS errors
       FROM crawl_runs WHERE finished_at IS NOT NULL ORDER BY site, started_at DESC`,
    ),
    db.query<{ at: Date; removed: Record<string, number> | null }>(
      `SELECT at, details->'removed' AS removed FROM audit_log WHERE action = 'purge' ORDER BY id DESC LIMIT 1`,
    ),
  ]);
  const counts = ads.rows[0] ?? { live: 0, gone: 0, running: 0 };
  const last = purge.rows[0];
  return {
    ads: { live: counts.live, gone: counts.gone },
    runningRuns: counts.running,
    lastRuns: runs.rows,
    lastPurge: last ? { at: last.at, removed: last.removed ?? {} } : null,
  };
}
