import { randomUUID } from 'node:crypto';
import { finishCrawlRun, recordAdBatch, startCrawlRun, type CrawlRunSummary, type Db, type FinishCrawlRun } from '../../src/store/index.js';
import { buildAnalysis, buildScrapedAd } from './build-scraped-ad.js';

/** 2025-01-DD at HH:00 UTC. */
export function dayAt(day: number, hour: number): Date {
  return new Date(`2025-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`);
}

/**
 * A closed crawl of `site` on day `day` of January 2025 (started 01:00, ads sighted 02:00, closed
 * 03:00 UTC) that sees the ads `seen` (site ad ids, default texts), `succeeded` unless `finish` says otherwise.
 *
 * @example await recordCrawl(db, site, 2, ['a', 'b'], { status: 'suspect', missedRunsBeforeGone: 2 })
 */
export async function recordCrawl(
  db: Db,
  site: string,
  day: number,
  seen: string[],
  finish: Partial<FinishCrawlRun> = {},
): Promise<{ runId: string; summary: CrawlRunSummary }> {
  const runId = `run-${randomUUID()}`;
  await startCrawlRun(db, { id: runId, site, startedAt: dayAt(day, 1) });
  const seenAt = dayAt(day, 2).toISOString();
  const ads = seen.map((id) => ({ scraped: buildScrapedAd({ site, siteAdId: id, seenAt }), analysis: buildAnalysis() }));
  await recordAdBatch(db, { runId, batchKey: 'b1', ads });
  const summary = await finishCrawlRun(db, {
    runId, status: 'succeeded', pages: 10, pagesFailed: 0, errors: [], finishedAt: dayAt(day, 3), ...finish,
  });
  return { runId, summary };
}
