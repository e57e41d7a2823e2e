import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countAds,
  countRecordedBatches,
  finishCrawlRun,
  getAd,
  getCrawlRun,
  listCrawlRuns,
  MAX_STORED_ERRORS,
  recordAdBatch,
  startCrawlRun,
  type Db,
  type FinishCrawlRun,
} from '../../src/store/index.js';
import { uniqueSite, buildAnalysis, buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { recordCrawl } from '../helpers/crawl-run.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.cleanup());

/** A crawl of `site` on day `day` (2025-01-0N) that sees the ads `seen` (site ad ids). */
function crawl(site: string, day: number, seen: string[], finish: Partial<FinishCrawlRun> = {}) {
  return recordCrawl(db, site, day, seen, finish);
}

describe('crawl runs', () => {
  it('starts idempotently and lists runs newest first with live counts while running', async () => {
    const site = uniqueSite();
    await startCrawlRun(db, { id: `${site}-1`, site, startedAt: new Date('2025-01-01T00:00:00Z') });
    await startCrawlRun(db, { id: `${site}-2`, site, startedAt: new Date('2025-01-02T00:00:00Z') });
    await startCrawlRun(db, { id: `${site}-2`, site, startedAt: new Date('2025-01-03T00:00:00Z') });
    await recordAdBatch(db, { runId: `${site}-2`, batchKey: 'k', ads: [{ scraped: buildScrapedAd({ site }), analysis: buildAnalysis() }] });
    const runs = await listCrawlRuns(db, { site });
    expect(runs.map((r) => r.runId)).toEqual([`${site}-2`, `${site}-1`]);
    expect(runs[0]).toMatchObject({ status: 'running', startedAt: new Date('2025-01-02T00:00:00Z'), finishedAt: null, adsSeen: 1, adsNew: 1 });
    expect(await listCrawlRuns(db, { site, limit: 1 })).toHaveLength(1);
    expect((await listCrawlRuns(db)).length).toBeGreaterThanOrEqual(2);
  });

  it('filters the history by status and before a date, and shows one run with its errors', async () => {
    const site = uniqueSite();
    await crawl(site, 1, ['a']);
    const suspect = await crawl(site, 2, [], { status: 'suspect', healthReason: 'no ads', errors: [{ url: 'http://127.0.0.1/p', message: 'HTTP 500' }] });
    await crawl(site, 3, ['a']);
    expect((await listCrawlRuns(db, { site, status: 'suspect' })).map((r) => r.runId)).toEqual([suspect.runId]);
    expect((await listCrawlRuns(db, { site, before: new Date('2025-01-03T00:00:00Z') })).map((r) => r.startedAt.getUTCDate())).toEqual([2, 1]);
    expect(await getCrawlRun(db, suspect.runId)).toMatchObject({
      status: 'suspect', healthReason: 'no ads', errors: 1, errorList: [{ url: 'http://127.0.0.1/p', message: 'HTTP 500' }],
    });
    expect(await getCrawlRun(db, 'no-such-run')).toBeNull();
  });

  it('counts recorded batches of a run', async () => {
    const site = uniqueSite();
    const runId = `${site}-r`;
    await startCrawlRun(db, { id: runId, site, startedAt: new Date() });
    await recordAdBatch(db, { runId, batchKey: 'a', ads: [] });
    await recordAdBatch(db, { runId, batchKey: 'b', ads: [] });
    expect(await countRecordedBatches(db, runId, ['a', 'b', 'c'])).toBe(2);
    expect(await countRecordedBatches(db, runId, [])).toBe(0);
    expect(await countRecordedBatches(db, 'other', ['a'])).toBe(0);
  });

  it('summarises new, changed, unchanged and gone ads over successive days', async () => {
    const site = uniqueSite();
    const day1 = await crawl(site, 1, ['a', 'b', 'c']);
    expect(day1.summary).toMatchObject({ status: 'succeeded', adsSeen: 3, adsNew: 3, adsChanged: 0, adsUnchanged: 0, adsGone: 0, pages: 10 });

    // Day 2: a unchanged, b changed, c missing, d new.
    const runId = `run-${randomUUID()}`;
    await startCrawlRun(db, { id: runId, site, startedAt: new Date('2025-01-02T01:00:00Z') });
    const seenAt = '2025-01-02T02:00:00.000Z';
    await recordAdBatch(db, {
      runId, batchKey: 'x',
      ads: [
        { scraped: buildScrapedAd({ site, siteAdId: 'a', seenAt }), analysis: buildAnalysis() },
        { scraped: buildScrapedAd({ site, siteAdId: 'b', seenAt, text: 'nieuwe tekst' }), analysis: buildAnalysis() },
        { scraped: buildScrapedAd({ site, siteAdId: 'd', seenAt }), analysis: buildAnalysis() },
      ],
    });
    const summary = await finishCrawlRun(db, { runId, status: 'succeeded', pages: 12, pagesFailed: 1, errors: [{ url: 'http://127.0.0.1/x', message: 'HTTP 500' }], finishedAt: new Date('2025-01-02T03:00:00Z') });
    expect(summary).toMatchObject({ adsSeen: 3, adsNew: 1, adsChanged: 1, adsUnchanged: 1, adsGone: 1, pages: 12, pagesFailed: 1, errors: 1 });
    expect(summary.finishedAt).toEqual(new Date('2025-01-02T03:00:00Z'));
    expect(await getAd(db, site, 'c')).toMatchObject({ status: 'gone', goneAt: new Date('2025-01-02T03:00:00Z'), missedRuns: 1 });
    expect(await countAds(db, site)).toEqual({ total: 4, live: 3, gone: 1 });

    // Day 3: c is back (changed), b has its day-1 text again (changed), a and d unchanged.
    const day3 = await crawl(site, 3, ['a', 'b', 'c', 'd']);
    expect(day3.summary).toMatchObject({ adsSeen: 4, adsNew: 0, adsChanged: 2, adsUnchanged: 2, adsGone: 0 });
    expect(await countAds(db, site)).toEqual({ total: 4, live: 4, gone: 0 });
  });

  it('marks nothing gone after a failed, incomplete or suspect run', async () => {
    const site = uniqueSite();
    await crawl(site, 1, ['a', 'b']);
    const failed = await crawl(site, 2, [], { status: 'failed' });
    const incomplete = await crawl(site, 3, ['a'], { status: 'incomplete' });
    const reason = 'no ads on 10 pages';
    const suspect = await crawl(site, 4, [], { status: 'suspect', healthReason: reason, usualAds: 2 });
    expect(failed.summary).toMatchObject({ status: 'failed', adsGone: 0, adsMissed: 0 });
    expect(incomplete.summary).toMatchObject({ status: 'incomplete', adsGone: 0, adsSeen: 1, adsMissed: 0 });
    expect(suspect.summary).toMatchObject({ status: 'suspect', adsGone: 0, adsSeen: 0, adsMissed: 0, healthReason: reason, usualAds: 2 });
    expect(await countAds(db, site)).toEqual({ total: 2, live: 2, gone: 0 });
    expect(await getAd(db, site, 'b')).toMatchObject({ missedRuns: 0 });
  });

  it('waits for missedRunsBeforeGone successful runs in a row before an ad is gone', async () => {
    const site = uniqueSite();
    const opts = { missedRunsBeforeGone: 2 };
    await crawl(site, 1, ['a', 'b'], opts);
    expect((await crawl(site, 2, ['a'], opts)).summary).toMatchObject({ adsGone: 0, adsMissed: 1 });
    expect(await getAd(db, site, 'b')).toMatchObject({ status: 'live', missedRuns: 1 });
    // Seen again: the count starts over.
    await crawl(site, 3, ['a', 'b'], opts);
    expect(await getAd(db, site, 'b')).toMatchObject({ status: 'live', missedRuns: 0 });
    await crawl(site, 4, ['a'], opts);
    expect((await crawl(site, 5, ['a'], opts)).summary.adsGone).toBe(1);
    expect(await getAd(db, site, 'b')).toMatchObject({ status: 'gone', missedRuns: 2, goneAt: new Date('2025-01-05T03:00:00Z') });
    // Already gone: later runs do not count it again.
    expect((await crawl(site, 6, ['a'], opts)).summary.adsGone).toBe(0);
  });

  it('does not touch other sites, nor ads seen by a run that started later', async () => {
    const site = uniqueSite();
    const other = uniqueSite();
    await crawl(other, 1, ['x']);
    await crawl(site, 1, ['a']);
    // A long run starts on day 2; meanwhile a later run sees 'b'. The first run did not see b, but b is not gone.
    const slow = `run-${randomUUID()}`;
    await startCrawlRun(db, { id: slow, site, startedAt: new Date('2025-01-02T00:00:00Z') });
    await crawl(site, 2, ['a', 'b']);
    const summary = await finishCrawlRun(db, { runId: slow, status: 'succeeded', pages: 1, pagesFailed: 0, errors: [], finishedAt: new Date('2025-01-02T05:00:00Z') });
    expect(summary.adsGone).toBe(0);
    expect(await countAds(db, site)).toEqual({ total: 2, live: 2, gone: 0 });
    expect(await countAds(db, other)).toEqual({ total: 1, live: 1, gone: 0 });
  });

  it('is idempotent: finishing a closed run again changes nothing', async () => {
    const site = uniqueSite();
    await crawl(site, 1, ['a', 'b']);
    const { runId, summary } = await crawl(site, 2, ['a']);
    expect(summary.adsGone).toBe(1);
    const again = await finishCrawlRun(db, { runId, status: 'succeeded', pages: 99, pagesFailed: 0, errors: [], finishedAt: new Date('2025-02-01T00:00:00Z') });
    expect(again).toEqual(summary);
    expect(await getAd(db, site, 'b')).toMatchObject({ missedRuns: 1 });
  });

  it('caps the stored errors but counts them all', async () => {
    const site = uniqueSite();
    const errors = Array.from({ length: MAX_STORED_ERRORS + 50 }, (_, i) => ({ url: `http://127.0.0.1/p${i}`, message: `boom ${i}` }));
    const { runId, summary } = await crawl(site, 1, [], { errors, status: 'incomplete' });
    expect(summary.errors).toBe(MAX_STORED_ERRORS + 50);
    const { rows } = await db.query<{ n: number; first: { url: string; message: string } }>(
      'SELECT jsonb_array_length(errors) AS n, errors -> 0 AS first FROM crawl_runs WHERE id = $1', [runId],
    );
    expect(rows[0]).toEqual({ n: MAX_STORED_ERRORS, first: { url: 'http://127.0.0.1/p0', message: 'boom 0' } });
  });

  it('rejects an unknown run and a bad threshold', async () => {
    const base = { status: 'succeeded' as const, pages: 0, pagesFailed: 0, errors: [], finishedAt: new Date() };
    await expect(finishCrawlRun(db, { runId: 'nope', ...base })).rejects.toThrow(/unknown crawl run/);
    await expect(finishCrawlRun(db, { runId: 'nope', ...base, missedRunsBeforeGone: 0 })).rejects.toThrow(/positive integer/);
  });
});
