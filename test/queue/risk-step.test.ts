import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permitKey } from '../../src/classifier/licence/index.js';
import { loadRiskConfig } from '../../src/classifier/risk/index.js';
import { enqueueReassessment } from '../../src/queue/index.js';
import { importRegisterVersion, type Db } from '../../src/store/index.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { createTestDb, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startAdsWorkers, type AdsWorkers } from './ads-workers.js';
import { newPhone, ownText, riskAd as ad } from './risk-ads.js';
import { compareWithBatch, formatAgreement, storedRisk, type StoredRiskRow } from './risk-agreement.js';

// The risk step in the ads worker on real Redis and Postgres: links kept up to date as ads
// arrive, clusters, guards, replays, two workers, licence changes; and at the end of each test
// the whole schema equals the batch `assessRiskBatch` over the stored ads.
let t: TestDb;
let w: AdsWorkers;
const config = loadRiskConfig();
/**
 * No automatic boilerplate rebuild: a rebuild re-indexes every ad, one chunk at a time, and would
 * mend what an incremental step got wrong before the checks could see it. Rebuilds have their own test.
 */
const withoutRebuild = { ...config, guards: { ...config.guards, stockShingleMinAds: 1_000_000 } };

async function rows(site: string): Promise<StoredRiskRow[]> {
  return [...(await storedRisk(t.db, site)).values()];
}

const codes = (row: StoredRiskRow | undefined) => row?.codes ?? [];
const evidenceOf = (row: StoredRiskRow | undefined, code: string) => row?.risk?.indicators.find((i) => i.code === code)?.evidence as { linkedAdIds?: string[]; fields?: Record<string, unknown> } | undefined;

async function expectEqualToBatch(): Promise<void> {
  await w.drain();
  const agreement = await compareWithBatch(t.db, w.config);
  console.log(formatAgreement(agreement));
  expect(agreement.assessmentDiffers).toEqual([]);
  expect(agreement.clusterDiffers).toEqual([]);
}

describe('risk step in the ads worker', () => {
  beforeAll(async () => {
    t = await createTestDb();
    w = await startAdsWorkers([t.db], { config: withoutRebuild });
  });
  afterAll(async () => {
    await w?.close();
    await t?.cleanup();
  });

  it('a new ad that shares a number with an old one updates both: phone_shared on each, one cluster', async () => {
    const site = uniqueSite();
    const phone = newPhone();
    const first = ad(site, { name: 'Lisa', phoneText: phone.shown });
    await w.store([first]);
    const [alone] = await rows(site);
    expect(codes(alone)).not.toContain('phone_shared');
    expect(alone!.clusterId).toBeNull();
    expect(alone!.risk).not.toBeNull();

    await w.store([ad(site, { name: 'Kasia', phoneText: phone.shown })]);
    const [a, b] = await rows(site);
    for (const [self, other] of [[a!, b!], [b!, a!]] as const) {
      expect(codes(self)).toContain('phone_shared');
      expect(evidenceOf(self, 'phone_shared')).toEqual({ spans: [], linkedAdIds: [other.id], fields: { phones: [phone.e164], names: [expect.any(String), expect.any(String)] } });
      expect(self.clusterId).toBe(a!.id);
      expect(self.clusterSize).toBe(2);
      expect(self.score).toBeGreaterThanOrEqual(0.45);
    }
    await expectEqualToBatch();
  });

  it('multi_city: one number in two municipalities within 14 days, not a month apart, until a later sighting closes the gap', async () => {
    const site = uniqueSite();
    const near = newPhone();
    const far = newPhone();
    await w.store([
      ad(site, { name: 'Mila', location: 'Haarlem', phoneText: near.shown, seenAt: '2025-01-01T02:00:00.000Z' }),
      ad(site, { name: 'Mila', location: 'Zaandam', phoneText: near.shown, seenAt: '2025-01-01T02:00:00.000Z' }),
    ]);
    const early = ad(site, { name: 'Noor', location: 'Haarlem', phoneText: far.shown, seenAt: '2025-01-01T02:00:00.000Z' });
    await w.store([early]);
    await w.store([ad(site, { name: 'Noor', location: 'Hoorn', phoneText: far.shown, seenAt: '2025-02-01T02:00:00.000Z' })]);
    const all = await rows(site);
    const [m1, m2, n1, n2] = all;
    for (const row of [m1, m2]) expect(codes(row)).toContain('multi_city');
    expect(evidenceOf(m1, 'multi_city')?.fields).toEqual({ municipalities: ['GM0392', 'GM0479'], days: 14 });
    expect(codes(m1)).not.toContain('phone_shared'); // one name: a persona posting twice, not a shared number
    for (const row of [n1, n2]) expect(codes(row)).not.toContain('multi_city');
    expect(n1!.clusterId).toBe(n2!.clusterId); // linked all the same

    // The Haarlem ad is seen again on 25 January: first to last sighting, it now ran within 7 days of the Hoorn ad.
    await w.store([{ ...early, seenAt: '2025-01-25T02:00:00.000Z' }]);
    const [, , n1After, n2After] = await rows(site);
    for (const row of [n1After, n2After]) expect(codes(row)).toContain('multi_city');
    await expectEqualToBatch();
  });

  it('text_duplicate: the same text under other numbers and names, in both ads', async () => {
    const site = uniqueSite();
    // Long enough that the copy is far above the threshold: MinHash/LSH links are probabilistic near it.
    const text = ownText(60);
    const copy = `${text.split(' ').slice(0, 56).join(' ')} ${ownText(2)}`;
    await w.store([ad(site, { name: 'Anna', title: 'Welkom', text, phoneText: newPhone().shown })]);
    await w.store([ad(site, { name: 'Bella', title: 'Welkom', text: copy, phoneText: newPhone().shown })]);
    const [a, b] = await rows(site);
    expect(codes(a)).toContain('text_duplicate');
    expect(codes(b)).toContain('text_duplicate');
    expect(evidenceOf(a, 'text_duplicate')?.linkedAdIds).toEqual([b!.id]);
    expect(codes(a)).not.toContain('phone_shared');
    expect(a!.clusterId).toBe(b!.clusterId);
    await expectEqualToBatch();
  });

  it('a site number in more ads than the guard allows links none of them; the ad that crosses the guard unlinks the rest', async () => {
    const site = uniqueSite();
    const switchboard = newPhone();
    const max = w.config.guards.maxAdsPerPhone;
    const many = Array.from({ length: max }, (_, i) => ad(site, { name: `Naam${i}`, phoneText: switchboard.shown }));
    await w.store(many);
    const linked = await rows(site);
    expect(linked.every((r) => codes(r).includes('phone_shared'))).toBe(true);
    expect(new Set(linked.map((r) => r.clusterId)).size).toBe(1);

    const real = newPhone();
    await w.store([
      ad(site, { name: 'Extra', phoneText: switchboard.shown }),
      ad(site, { name: 'Eva', text: `${ownText()} Bel ${real.shown}`, phoneText: switchboard.shown }),
      ad(site, { name: 'Fenna', text: `${ownText()} Bel ${real.shown}`, phoneText: switchboard.shown }),
    ]);
    const after = await rows(site);
    expect(after).toHaveLength(max + 3);
    const sharing = after.filter((r) => codes(r).includes('phone_shared'));
    // Only the two ads that also share a real number are linked; the switchboard links nobody now.
    expect(sharing).toHaveLength(2);
    expect(evidenceOf(sharing[0], 'phone_shared')?.fields?.phones).toEqual([real.e164]);
    expect(after.filter((r) => r.clusterId !== null)).toHaveLength(2);
    await expectEqualToBatch();
  });

  it('a replayed batch changes nothing and stores nothing twice', async () => {
    const site = uniqueSite();
    const phone = newPhone();
    const batch = [ad(site, { name: 'Sara', phoneText: phone.shown }), ad(site, { name: 'Tess', phoneText: phone.shown })];
    const first = await w.store(batch, { runId: `run-${site}`, batchKey: 'replay' });
    expect(first.risk?.changed).toBe(2);
    const before = await t.db.query(`SELECT id, risk, risk_assessed_at, cluster_id FROM ads WHERE site = $1 ORDER BY id`, [site]);
    const again = await w.store(batch, { runId: `run-${site}`, batchKey: 'replay-2' });
    expect(again).toMatchObject({ new: 0, changed: 0, unchanged: 0, risk: { changed: 0, indexed: 0 } });
    const replayed = await w.store(batch, { runId: `run-${site}`, batchKey: 'replay' });
    expect(replayed).toMatchObject({ alreadyRecorded: true, risk: { changed: 0 } });
    expect((await t.db.query(`SELECT id, risk, risk_assessed_at, cluster_id FROM ads WHERE site = $1 ORDER BY id`, [site])).rows).toEqual(before.rows);
    const { rows: keys } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM risk_keys k JOIN ads a ON a.id = k.ad_id WHERE a.site = $1 AND k.kind = 'phone'`,
      [site],
    );
    expect(keys[0]!.n).toBe(2);
  });

  it('a register change re-scores the compliance part through the re-assessment job', async () => {
    const site = uniqueSite();
    const number = `HLM-${randomUUID().slice(0, 6).toUpperCase()}`;
    await w.store([ad(site, { location: 'Haarlem', text: `${ownText()} Vergunning ${number}.`, phoneText: newPhone().shown })]);
    const [before] = await rows(site);
    expect(before!.risk?.compliance.status).toBe('invalid_permit');
    expect(codes(before)).toContain('invalid_permit');

    const version = await importRegisterVersion(t.db, {
      sourceFile: 'test.csv', sha256: randomUUID(), explicitScope: true, municipalities: [{ code: 'GM0392', name: 'Haarlem' }],
      permits: [{
        rowNumber: 1, number, key: permitKey(number), name: 'Lisa', kind: 'thuiswerker', address: null, postcode: null, place: 'Haarlem',
        municipalityCode: 'GM0392', municipalityName: 'Haarlem', phones: [], website: null, validFrom: '2020-01-01', validTo: null,
      }],
    });
    const { jobIds } = await enqueueReassessment(w.queues.ads, version.id, [before!.id]);
    const result = await (await w.queues.ads.getJob(jobIds[0]!))!.waitUntilFinished(w.events);
    expect(result).toMatchObject({ changed: 1, riskChanged: 1 });
    const [after] = await rows(site);
    expect(after!.risk?.compliance).toEqual({ status: 'licensed', score: 0, contributions: [] });
    expect(codes(after)).not.toContain('invalid_permit');
    await expectEqualToBatch();
  });
});

describe('two ads workers at once', () => {
  let other: Db;
  let t2: TestDb;
  let two: AdsWorkers;
  beforeAll(async () => {
    t2 = await createTestDb();
    other = await openTestDb(t2.schema);
    two = await startAdsWorkers([t2.db, other], { concurrency: 3, config: withoutRebuild });
  });
  afterAll(async () => {
    await two?.close();
    await other?.close();
    await t2?.cleanup();
  });

  it('interleaved batches whose ads share numbers across batches end as the batch assessment says', async () => {
    const site = uniqueSite();
    const phones = Array.from({ length: 12 }, () => newPhone());
    const places = ['Haarlem', 'Zaandam', 'Hoorn', 'Purmerend'];
    const shared = [ownText(40), ownText(40)];
    const batches = Array.from({ length: 16 }, (_, b) =>
      Array.from({ length: 8 }, (_, i) => {
        const n = b * 8 + i;
        // Numbers, towns, days and (for some) texts recur across batches, so links cross batch and worker boundaries.
        const text = n % 9 === 0 ? `${shared[n % 2]} ${ownText(3)}` : ownText();
        const seenAt = new Date(Date.UTC(2025, 0, 1 + ((n * 3) % 45), 2)).toISOString();
        return ad(site, { name: `N${n % 5}`, location: places[b % 4], phoneText: phones[(n * 7) % 12]!.shown, text, seenAt });
      }),
    );
    const results = await Promise.all(batches.map((batch, i) => two.store(batch, { runId: `run-${site}-${i}` })));
    expect(results.every((r) => r.new === 8)).toBe(true);
    await two.drain();
    const agreement = await compareWithBatch(t2.db, two.config);
    console.log(`two workers: ${formatAgreement(agreement)}`);
    expect(agreement.ads).toBe(128);
    const stored = (code: string) => agreement.perCode.find((c) => c.code === code)!.stored;
    expect(stored('phone_shared')).toBeGreaterThan(100);
    expect(stored('multi_city')).toBeGreaterThan(20);
    expect(stored('text_duplicate')).toBeGreaterThan(5);
    expect(agreement.assessmentDiffers).toEqual([]);
    expect(agreement.clusterDiffers).toEqual([]);
  });
});
