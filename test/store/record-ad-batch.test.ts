import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdAnalysis } from '../../src/domain/analysis.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { getAd, recordAdBatch, startCrawlRun, type Db } from '../../src/store/index.js';
import { uniqueSite, buildAnalysis, buildPhone, buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.cleanup());

async function newRun(site: string, startedAt = '2025-01-06T01:00:00Z'): Promise<string> {
  const id = `run-${randomUUID()}`;
  await startCrawlRun(db, { id, site, startedAt: new Date(startedAt) });
  return id;
}

function entry(scraped: Partial<ScrapedAd>, analysis: Partial<AdAnalysis> = {}) {
  return { scraped: buildScrapedAd(scraped), analysis: buildAnalysis(analysis) };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

describe('recordAdBatch', () => {
  it('stores a new ad with its version, phones, place and sighting', async () => {
    const site = uniqueSite();
    const run = await newRun(site);
    const result = await recordAdBatch(db, {
      runId: run,
      batchKey: 'b1',
      ads: [entry({ site, siteAdId: '1', photoHashes: ['ph1'] }, { phones: [buildPhone(), buildPhone({ e164: '+48501234567', country: 'PL', obfuscated: true })] })],
    });
    expect(result).toEqual({ alreadyRecorded: false, new: 1, changed: 0, unchanged: 0 });
    const ad = await getAd(db, site, '1');
    expect(ad).toMatchObject({
      site, siteAdId: '1', status: 'live', municipalityCode: 'GM0392', district: 'Kennemerland', age: 24,
      permitNumbers: ['HLM-2023-001'], versionCount: 1, missedRuns: 0, goneAt: null,
      municipality: { code: 'GM0392', name: 'Haarlem' },
    });
    expect(ad!.firstSeen).toEqual(new Date('2025-01-06T02:00:00Z'));
    expect(ad!.phones).toEqual([
      { e164: '+31612345678', country: 'NL', type: 'mobile', obfuscated: false },
      { e164: '+48501234567', country: 'PL', type: 'mobile', obfuscated: true },
    ]);
    expect(ad!.current).toMatchObject({ name: 'Lisa', location: 'Haarlem', age: '24 jaar', phoneText: '06-12345678', photoHashes: ['ph1'] });
    expect(ad!.current!.analysis.phones).toHaveLength(2);
    expect(await count('SELECT count(*)::int AS n FROM sightings WHERE run_id = $1', [run])).toBe(1);
  });

  it('is a no-op when the same batch key is replayed', async () => {
    const site = uniqueSite();
    const run = await newRun(site);
    const batch = { runId: run, batchKey: 'b1', ads: [entry({ site, siteAdId: '1' }), entry({ site, siteAdId: '2' })] };
    expect(await recordAdBatch(db, batch)).toEqual({ alreadyRecorded: false, new: 2, changed: 0, unchanged: 0 });
    const changed = { ...batch, ads: [entry({ site, siteAdId: '1', text: 'anders' })] };
    expect(await recordAdBatch(db, changed)).toEqual({ alreadyRecorded: true, new: 2, changed: 0, unchanged: 0 });
    expect(await count('SELECT count(*)::int AS n FROM ad_versions v JOIN ads a ON a.id = v.ad_id WHERE a.site = $1', [site])).toBe(2);
  });

  it('stores an ad seen in two batches of one run once, keeping the first classification', async () => {
    const site = uniqueSite();
    const run = await newRun(site);
    await recordAdBatch(db, { runId: run, batchKey: 'b1', ads: [entry({ site, siteAdId: '1' })] });
    const second = await recordAdBatch(db, { runId: run, batchKey: 'b2', ads: [entry({ site, siteAdId: '1', seenAt: '2025-01-06T02:05:00Z' })] });
    expect(second).toEqual({ alreadyRecorded: false, new: 0, changed: 0, unchanged: 0 });
    const { rows } = await db.query<{ change: string }>('SELECT change FROM sightings WHERE run_id = $1', [run]);
    expect(rows).toEqual([{ change: 'new' }]);
    expect(await count('SELECT count(*)::int AS n FROM ads WHERE site = $1', [site])).toBe(1);
    expect((await getAd(db, site, '1'))!.lastSeen).toEqual(new Date('2025-01-06T02:05:00Z'));
  });

  it('keeps one entry when a batch holds the same ad twice', async () => {
    const site = uniqueSite();
    const run = await newRun(site);
    const result = await recordAdBatch(db, {
      runId: run,
      batchKey: 'b1',
      ads: [entry({ site, siteAdId: '1', text: 'later', seenAt: '2025-01-06T02:09:00Z' }), entry({ site, siteAdId: '1', text: 'earlier' })],
    });
    expect(result.new).toBe(1);
    expect((await getAd(db, site, '1'))!.current!.text).toBe('later');
  });

  it('classifies a re-sighting with the same content as unchanged and bumps last_seen', async () => {
    const site = uniqueSite();
    await recordAdBatch(db, { runId: await newRun(site), batchKey: 'b', ads: [entry({ site, siteAdId: '1' })] });
    const run2 = await newRun(site, '2025-01-07T01:00:00Z');
    // Whitespace differences are not a content change.
    const again = entry({ site, siteAdId: '1', seenAt: '2025-01-07T02:00:00Z', title: '  Lieve Lisa,  discreet en verzorgd ' });
    expect(await recordAdBatch(db, { runId: run2, batchKey: 'b', ads: [again] })).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    const ad = (await getAd(db, site, '1'))!;
    expect(ad.versionCount).toBe(1);
    expect(ad.firstSeen).toEqual(new Date('2025-01-06T02:00:00Z'));
    expect(ad.lastSeen).toEqual(new Date('2025-01-07T02:00:00Z'));
    expect(ad.current!.firstSeen).toEqual(new Date('2025-01-06T02:00:00Z'));
    expect(ad.current!.lastSeen).toEqual(new Date('2025-01-07T02:00:00Z'));
  });

  it('stores changed content as a new version, moves the current version and replaces phones', async () => {
    const site = uniqueSite();
    await recordAdBatch(db, { runId: await newRun(site), batchKey: 'b', ads: [entry({ site, siteAdId: '1' })] });
    const first = (await getAd(db, site, '1'))!;
    const run2 = await newRun(site, '2025-01-07T01:00:00Z');
    const changed = entry(
      { site, siteAdId: '1', seenAt: '2025-01-07T02:00:00Z', location: 'Zaandam', phoneText: '06-87654321' },
      { phones: [buildPhone({ e164: '+31687654321' })], municipality: null, district: null, age: null, permitNumbers: [] },
    );
    expect(await recordAdBatch(db, { runId: run2, batchKey: 'b', ads: [changed] })).toMatchObject({ changed: 1, new: 0, unchanged: 0 });
    const ad = (await getAd(db, site, '1'))!;
    expect(ad.versionCount).toBe(2);
    expect(ad.current!.id).not.toBe(first.current!.id);
    expect(ad.current!.location).toBe('Zaandam');
    expect(ad.phones.map((p) => p.e164)).toEqual(['+31687654321']);
    expect(ad).toMatchObject({ municipalityCode: null, district: null, age: null, permitNumbers: [], municipality: null });

    // Back to the first text: the old version row is current again, no third row.
    const run3 = await newRun(site, '2025-01-08T01:00:00Z');
    const reverted = entry({ site, siteAdId: '1', seenAt: '2025-01-08T02:00:00Z' });
    expect(await recordAdBatch(db, { runId: run3, batchKey: 'b', ads: [reverted] })).toMatchObject({ changed: 1 });
    const back = (await getAd(db, site, '1'))!;
    expect(back.versionCount).toBe(2);
    expect(back.current!.id).toBe(first.current!.id);
    expect(back.phones.map((p) => p.e164)).toEqual(['+31612345678']);
  });

  it('brings a gone ad back to live and counts it as changed', async () => {
    const site = uniqueSite();
    await recordAdBatch(db, { runId: await newRun(site), batchKey: 'b', ads: [entry({ site, siteAdId: '1' })] });
    await db.query(`UPDATE ads SET status = 'gone', gone_at = now(), missed_runs = 1 WHERE site = $1`, [site]);
    const run2 = await newRun(site, '2025-01-09T01:00:00Z');
    const back = await recordAdBatch(db, { runId: run2, batchKey: 'b', ads: [entry({ site, siteAdId: '1', seenAt: '2025-01-09T02:00:00Z' })] });
    expect(back).toMatchObject({ new: 0, changed: 1, unchanged: 0 });
    expect(await getAd(db, site, '1')).toMatchObject({ status: 'live', goneAt: null, missedRuns: 0, versionCount: 1 });
  });

  it('does not let a late, older sighting move the current version back', async () => {
    const site = uniqueSite();
    const run2 = await newRun(site, '2025-01-07T01:00:00Z');
    await recordAdBatch(db, { runId: run2, batchKey: 'b', ads: [entry({ site, siteAdId: '1', text: 'nieuw', seenAt: '2025-01-07T02:00:00Z' })] });
    const run1 = await newRun(site, '2025-01-06T01:00:00Z');
    await recordAdBatch(db, { runId: run1, batchKey: 'late', ads: [entry({ site, siteAdId: '1', text: 'oud' }, { phones: [] })] });
    const ad = (await getAd(db, site, '1'))!;
    expect(ad.current!.text).toBe('nieuw');
    expect(ad.phones).toHaveLength(1);
    expect(ad.firstSeen).toEqual(new Date('2025-01-06T02:00:00Z'));
    expect(ad.lastSeen).toEqual(new Date('2025-01-07T02:00:00Z'));
    expect(ad.versionCount).toBe(2);
  });

  it('refuses a batch of an unknown run or of another site, storing nothing', async () => {
    const site = uniqueSite();
    await expect(recordAdBatch(db, { runId: 'no-such-run', batchKey: 'b', ads: [entry({ site })] })).rejects.toThrow(/startCrawlRun/);
    const run = await newRun(site);
    await expect(recordAdBatch(db, { runId: run, batchKey: 'b', ads: [entry({ site: 'other-site' })] })).rejects.toThrow(/other-site/);
    expect(await count('SELECT count(*)::int AS n FROM crawl_batches WHERE run_id = $1', [run])).toBe(0);
  });

  it('records an empty batch so the finalizer can count it', async () => {
    const site = uniqueSite();
    const run = await newRun(site);
    expect(await recordAdBatch(db, { runId: run, batchKey: 'empty', ads: [] })).toEqual({ alreadyRecorded: false, new: 0, changed: 0, unchanged: 0 });
    expect(await count('SELECT count(*)::int AS n FROM crawl_batches WHERE run_id = $1', [run])).toBe(1);
  });

  it('rolls the whole batch back when one ad fails', async () => {
    const site = uniqueSite();
    const run = await newRun(site);
    const bad = entry({ site, siteAdId: '2' }, { phones: [buildPhone({ e164: null as unknown as string })] });
    await expect(recordAdBatch(db, { runId: run, batchKey: 'b', ads: [entry({ site, siteAdId: '1' }), bad] })).rejects.toThrow();
    expect(await count('SELECT count(*)::int AS n FROM ads WHERE site = $1', [site])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM crawl_batches WHERE run_id = $1', [run])).toBe(0);
  });
});
