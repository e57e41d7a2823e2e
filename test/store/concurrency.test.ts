import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishCrawlRun, recordAdBatch, startCrawlRun, type Db } from '../../src/store/index.js';
import { buildAnalysis, buildPhone, buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { createTestDb, openTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
let other: Db;
beforeAll(async () => {
  t = await createTestDb();
  other = await openTestDb(t.schema);
});
afterAll(async () => {
  await other.close();
  await t.cleanup();
});

/** Deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function batchOf(site: string, ids: number[], seenAt: string, textFor: (id: number) => string) {
  return ids.map((id) => ({
    scraped: buildScrapedAd({ site, siteAdId: String(id), seenAt, text: textFor(id) }),
    analysis: buildAnalysis({ phones: [buildPhone({ e164: `+3161000${String(id % 50).padStart(4, '0')}` })] }),
  }));
}

async function one<R>(sql: string, params: unknown[]): Promise<R> {
  const { rows } = await t.db.query<R>(sql, params);
  return rows[0]!;
}

describe('concurrent batches', () => {
  it('stores overlapping batches committed at once from two pools once each, without failing', async () => {
    const site = 'busy';
    const ids = Array.from({ length: 120 }, (_, i) => i);
    const run = 'run-1';
    await startCrawlRun(t.db, { id: run, site, startedAt: new Date('2025-01-06T01:00:00Z') });
    // 24 batches of 40 ads from a pool of 120, in random order, so most ads sit in several batches.
    const batches = Array.from({ length: 24 }, (_, b) => shuffled(ids, b + 1).slice(0, 40));
    const results = await Promise.all(
      batches.map((batchIds, b) =>
        recordAdBatch(b % 2 === 0 ? t.db : other, { runId: run, batchKey: `b${b}`, ads: batchOf(site, batchIds, '2025-01-06T02:00:00Z', () => 'tekst') }),
      ),
    );
    const distinct = new Set(batches.flat()).size;
    expect(results.every((r) => !r.alreadyRecorded)).toBe(true);
    expect(results.reduce((sum, r) => sum + r.new, 0)).toBe(distinct);
    expect(results.reduce((sum, r) => sum + r.changed + r.unchanged, 0)).toBe(0);
    expect(await one('SELECT count(*)::int AS ads, count(DISTINCT site_ad_id)::int AS ids FROM ads', [])).toEqual({ ads: distinct, ids: distinct });
    expect(await one('SELECT count(*)::int AS n FROM ad_versions', [])).toEqual({ n: distinct });
    expect(await one('SELECT count(*)::int AS n FROM sightings WHERE run_id = $1', [run])).toEqual({ n: distinct });
    expect(await one('SELECT count(*)::int AS n FROM ad_phones', [])).toEqual({ n: distinct });

    // Day 2, two runs' worth of batches at once while day 1 is being closed: half the ads change.
    await finishCrawlRun(t.db, { runId: run, status: 'succeeded', pages: 1, pagesFailed: 0, errors: [], finishedAt: new Date('2025-01-06T03:00:00Z') });
    const run2 = 'run-2';
    await startCrawlRun(t.db, { id: run2, site, startedAt: new Date('2025-01-07T01:00:00Z') });
    const day2 = Array.from({ length: 24 }, (_, b) => ({
      runId: run2,
      batchKey: `b${b}`,
      ads: batchOf(site, shuffled(ids, 100 + b).slice(0, 40), '2025-01-07T02:00:00Z', (id) => (id % 2 === 0 ? 'tekst' : 'nieuw')),
    }));
    const results2 = await Promise.all([
      ...day2.map((batch, b) => recordAdBatch(b % 2 === 0 ? t.db : other, batch)),
      // Retries of the first four jobs, racing their originals.
      ...day2.slice(0, 4).map((batch, b) => recordAdBatch(b % 2 === 0 ? other : t.db, batch)),
    ]);
    const seen2 = [...new Set(day2.flatMap((batch) => batch.ads.map((ad) => Number(ad.scraped.siteAdId))))];
    expect(results2.filter((r) => r.alreadyRecorded)).toHaveLength(4);
    const fresh = results2.filter((r) => !r.alreadyRecorded);
    const day1 = new Set(batches.flat());
    const total = (key: 'new' | 'changed' | 'unchanged') => fresh.reduce((sum, r) => sum + r[key], 0);
    expect(total('new')).toBe(seen2.filter((id) => !day1.has(id)).length);
    expect(total('changed')).toBe(seen2.filter((id) => day1.has(id) && id % 2 === 1).length);
    expect(total('unchanged')).toBe(seen2.filter((id) => day1.has(id) && id % 2 === 0).length);
    const changedOrNew = seen2.filter((id) => id % 2 === 1 || !day1.has(id)).length;
    const versions = await one<{ n: number }>('SELECT count(*)::int AS n FROM ad_versions', []);
    expect(versions.n).toBe(distinct + seen2.filter((id) => id % 2 === 1 && day1.has(id)).length + seen2.filter((id) => !day1.has(id)).length);
    expect(changedOrNew).toBeGreaterThan(0);
    expect(await one('SELECT count(*)::int AS n FROM sightings WHERE run_id = $1', [run2])).toEqual({ n: seen2.length });
    expect(await one('SELECT count(*)::int AS n FROM ads', [])).toEqual({ n: new Set([...batches.flat(), ...seen2]).size });
  });
});
