import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAds, findAdsByPhone, getAd, recordAdBatch, startCrawlRun, type Db } from '../../src/store/index.js';
import { buildAnalysis, buildPhone, buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
let db: Db;
const SHARED = '+31611112222';

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await startCrawlRun(db, { id: 'r1', site: 'demo-a', startedAt: new Date('2025-01-06T01:00:00Z') });
  await startCrawlRun(db, { id: 'r2', site: 'demo-c', startedAt: new Date('2025-01-06T01:00:00Z') });
  const shared = buildPhone({ e164: SHARED });
  await recordAdBatch(db, {
    runId: 'r1',
    batchKey: 'b',
    ads: [
      { scraped: buildScrapedAd({ site: 'demo-a', siteAdId: 'a1', seenAt: '2025-01-06T02:00:00Z' }), analysis: buildAnalysis({ phones: [shared] }) },
      { scraped: buildScrapedAd({ site: 'demo-a', siteAdId: 'a2', seenAt: '2025-01-06T02:10:00Z' }), analysis: buildAnalysis({ phones: [shared, buildPhone({ e164: '+31633334444' })] }) },
      { scraped: buildScrapedAd({ site: 'demo-a', siteAdId: 'a3' }), analysis: buildAnalysis({ phones: [] }) },
    ],
  });
  await recordAdBatch(db, {
    runId: 'r2',
    batchKey: 'b',
    ads: [{ scraped: buildScrapedAd({ site: 'demo-c', siteAdId: 'c1', seenAt: '2025-01-06T02:20:00Z' }), analysis: buildAnalysis({ phones: [shared], district: 'Zaanstreek-Waterland' }) }],
  });
  await db.query(`UPDATE ads SET status = 'gone' WHERE site_ad_id = 'a3'`);
});
afterAll(() => t.cleanup());

describe('ad queries', () => {
  it('finds every ad with a phone number across sites, most recently seen first', async () => {
    const ads = await findAdsByPhone(db, SHARED);
    expect(ads.map((ad) => `${ad.site}/${ad.siteAdId}`)).toEqual(['demo-c/c1', 'demo-a/a2', 'demo-a/a1']);
    expect(ads[0]).toMatchObject({ status: 'live', district: 'Zaanstreek-Waterland', municipalityCode: 'GM0392', lastSeen: new Date('2025-01-06T02:20:00Z') });
    expect(typeof ads[0]!.id).toBe('string');
    expect(await findAdsByPhone(db, '+31600000000')).toEqual([]);
  });

  it('looks phone numbers up through the e164 index', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT ad_id FROM ad_phones WHERE e164 = '${SHARED}'`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ad_phones_e164_idx');
  });

  it('returns null for an unknown ad', async () => {
    expect(await getAd(db, 'demo-a', 'nope')).toBeNull();
    expect(await getAd(db, 'demo-c', 'a1')).toBeNull();
  });

  it('counts ads, per site or all', async () => {
    expect(await countAds(db)).toEqual({ total: 4, live: 3, gone: 1 });
    expect(await countAds(db, 'demo-a')).toEqual({ total: 3, live: 2, gone: 1 });
    expect(await countAds(db, 'unknown')).toEqual({ total: 0, live: 0, gone: 0 });
  });

  it('stores no raw HTML or images: only text fields and photo hashes', async () => {
    const { rows } = await db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'ad_versions'`,
    );
    expect(rows.map((row) => row.data_type)).not.toContain('bytea');
    expect(rows.map((row) => row.column_name).filter((name) => /html|image|photo(?!_hashes)/.test(name))).toEqual([]);
  });
});
