import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRiskConfig } from '../../src/classifier/risk/index.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { startAdsWorkers, type AdsWorkers } from './ads-workers.js';
import { compareWithBatch, storedRisk, type StoredRiskRow } from './risk-agreement.js';
import { newPhone, ownText, riskAd } from './risk-ads.js';

// Clusters that merge, split and overflow the size cap, and regional price medians that move, as
// ads arrive and change: each time the ads outside the batch follow, and the store equals the batch.
const base = loadRiskConfig();
const CAP = 4;
const config = { ...base, guards: { ...base.guards, maxClusterSize: CAP, stockShingleMinAds: 1_000_000 } };
let t: TestDb;
let w: AdsWorkers;

beforeAll(async () => {
  t = await createTestDb();
  w = await startAdsWorkers([t.db], { config });
});
afterAll(async () => {
  await w?.close();
  await t?.cleanup();
});

async function bySiteAdId(site: string): Promise<Map<string, StoredRiskRow>> {
  return new Map([...(await storedRisk(t.db, site)).values()].map((r) => [r.siteAdId, r]));
}

async function expectEqualToBatch(): Promise<void> {
  const agreement = await compareWithBatch(t.db, config);
  expect(agreement.assessmentDiffers).toEqual([]);
  expect(agreement.clusterDiffers).toEqual([]);
}

describe('clusters in the pipeline', () => {
  it('merge past the size cap into one oversized cluster without an id, and split back when the link goes', async () => {
    const site = uniqueSite();
    const [p1, p2, p4, p5] = Array.from({ length: 4 }, () => newPhone());
    // Two chains: a–b–c (numbers 1, 2) and d–e (number 4).
    const chain = (id: string, phones: string[]) => riskAd(site, { siteAdId: id, name: `Naam-${id}`, phoneText: phones.join(' / ') });
    await w.store([chain('a', [p1!.shown]), chain('b', [p1!.shown, p2!.shown]), chain('c', [p2!.shown])]);
    await w.store([chain('d', [p4!.shown]), chain('e', [p4!.shown])]);
    let rows = await bySiteAdId(site);
    expect(['a', 'b', 'c'].map((id) => rows.get(id)!.clusterId)).toEqual(Array(3).fill(rows.get('a')!.id));
    expect(rows.get('d')!.clusterSize).toBe(2);

    // x joins them: six ads, more than the cap of four.
    const x = chain('x', [p2!.shown, p4!.shown]);
    await w.store([x]);
    rows = await bySiteAdId(site);
    for (const id of ['a', 'b', 'c', 'd', 'e', 'x']) expect(rows.get(id), id).toMatchObject({ clusterId: null, clusterSize: CAP + 1 });
    await expectEqualToBatch();

    // x changes its number: the two clusters come back, with their own ids.
    await w.store([{ ...x, phoneText: p5!.shown, seenAt: '2025-01-07T02:00:00.000Z' }]);
    rows = await bySiteAdId(site);
    expect(['a', 'b', 'c'].map((id) => rows.get(id)!.clusterId)).toEqual(Array(3).fill(rows.get('a')!.id));
    expect(['d', 'e'].map((id) => rows.get(id)!.clusterId)).toEqual(Array(2).fill(rows.get('d')!.id));
    expect(rows.get('x')).toMatchObject({ clusterId: null, clusterSize: null });
    await expectEqualToBatch();
  });

  it('an ad that moves to another number leaves its old cluster (and phone_shared) and joins the new one', async () => {
    const site = uniqueSite();
    const [p, q] = [newPhone(), newPhone()];
    const moving = riskAd(site, { siteAdId: 'm', name: 'Kasia', phoneText: p.shown });
    await w.store([riskAd(site, { siteAdId: 'l', name: 'Lisa', phoneText: p.shown }), moving, riskAd(site, { siteAdId: 'n', name: 'Noor', phoneText: q.shown })]);
    let rows = await bySiteAdId(site);
    expect(rows.get('l')!.codes).toContain('phone_shared');
    expect(rows.get('n')!.clusterId).toBeNull();

    await w.store([{ ...moving, phoneText: q.shown, seenAt: '2025-01-07T02:00:00.000Z' }]);
    rows = await bySiteAdId(site);
    expect(rows.get('l')!.codes).not.toContain('phone_shared');
    expect(rows.get('l')!.clusterId).toBeNull();
    expect(rows.get('n')!.codes).toContain('phone_shared');
    expect(rows.get('n')!.clusterId).toBe(rows.get('m')!.clusterId);
    expect(rows.get('n')!.clusterId).not.toBeNull();
    await expectEqualToBatch();
  });
});

describe('low_price in the pipeline', () => {
  it('follows the regional median as it moves: ads outside the batch are flagged and unflagged', async () => {
    const site = uniqueSite();
    // Alkmaar (Noord-Holland Noord): a region of this test's own.
    const priced = (euros: number, id: string) => riskAd(site, { siteAdId: id, location: 'Alkmaar', text: `${ownText()} Tarief: € ${euros} per uur.` });
    // A median of 175: ads below € 87.50 are flagged.
    await w.store([...[175, 175, 175, 175, 175].map((e, i) => priced(e, `base${i}`)), priced(60, 'cheap'), priced(90, 'modest')]);
    let rows = await bySiteAdId(site);
    expect(rows.get('cheap')!.codes).toContain('low_price');
    expect(rows.get('cheap')!.risk!.indicators.find((i) => i.code === 'low_price')!.evidence).toMatchObject({ fields: { eurosPerHour: 60, regionalMedian: 175 } });
    expect(rows.get('modest')!.codes).not.toContain('low_price');

    // Many ads at € 200: the median rises to 200 and € 90 is now below half of it.
    await w.store(Array.from({ length: 8 }, (_, i) => priced(200, `dear${i}`)));
    rows = await bySiteAdId(site);
    expect(rows.get('modest')!.codes).toContain('low_price');
    expect(rows.get('cheap')!.risk!.indicators.find((i) => i.code === 'low_price')!.evidence).toMatchObject({ fields: { regionalMedian: 200 } });

    // Many at € 100: the median drops to 100 and neither is flagged any more.
    await w.store(Array.from({ length: 12 }, (_, i) => priced(100, `plain${i}`)));
    rows = await bySiteAdId(site);
    expect(rows.get('modest')!.codes).not.toContain('low_price');
    expect(rows.get('cheap')!.codes).not.toContain('low_price');
    await expectEqualToBatch();
  });
});
