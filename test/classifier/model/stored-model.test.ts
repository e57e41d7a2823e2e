import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL_CONFIG, distinctStems, modelTokens, parseModelConfig, storedTextModelOf, TextModel, trainTextModel, type TrainedTextModel,
} from '../../../src/classifier/model/index.js';
import { loadRiskConfig } from '../../../src/classifier/risk/index.js';
import { analyzeAd, loadGazetteer } from '../../../src/extract/index.js';
import { ActiveTextModel, createRiskStep } from '../../../src/queue/index.js';
import {
  activeRiskModelId, ALL_DISTRICTS, listRiskModels, loadReviewedAdTexts, loadRiskModel, recordAdBatch, recordDecision, saveRiskModel, startCrawlRun, type Db,
} from '../../../src/store/index.js';
import { buildScrapedAd, uniqueSite } from '../../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { ReviewSeed, seedUser } from '../../store/review-seed.js';
import { labelledFixtureAds } from './labelled-ads.js';

let t: TestDb;
let db: Db;
const ADS = labelledFixtureAds({ ads: 200, seed: 3 });
const outcome = trainTextModel(
  ADS.map((a, i) => ({ adId: String(i), decision: a.decision, clusterId: null, doc: { title: a.title, text: a.text, name: a.name } })),
  DEFAULT_MODEL_CONFIG,
);
if (!outcome.trained) throw new Error(outcome.reason);
const trained: TrainedTextModel = outcome;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t?.cleanup());

const save = (active: boolean, trainedAt = new Date()) =>
  saveRiskModel(db, { trainedAt, confirmed: trained.counts.confirmed, refuted: trained.counts.refuted, cvReport: trained.cv, model: storedTextModelOf(trained), active });

describe('risk_models', () => {
  it('round-trips a model through Postgres: the restored model gives the same probabilities', async () => {
    const saved = await save(false);
    const loaded = await loadRiskModel(db, saved.id);
    expect(loaded).toMatchObject({ id: saved.id, kind: 'text_model', active: false, confirmed: trained.counts.confirmed, refuted: trained.counts.refuted });
    expect(loaded!.cvReport).toEqual(JSON.parse(JSON.stringify(trained.cv)));
    const restored = TextModel.restore(loaded!.model);
    for (const ad of ADS.slice(0, 50)) {
      const stems = distinctStems(modelTokens({ title: ad.title, text: ad.text, name: ad.name }));
      expect(restored.probability(stems)).toBe(trained.model.probability(stems));
    }
    expect(await loadRiskModel(db, 'x')).toBeNull();
  });

  it('uses the newest active model; inactive ones never, however new', async () => {
    await db.query('DELETE FROM risk_models');
    expect(await activeRiskModelId(db)).toBeNull();
    const older = await save(true, new Date('2025-02-01T00:00:00Z'));
    const newer = await save(true, new Date('2025-03-01T00:00:00Z'));
    await save(false, new Date('2025-04-01T00:00:00Z'));
    expect(await activeRiskModelId(db)).toBe(newer.id);
    expect((await listRiskModels(db)).map((m) => m.active)).toEqual([false, true, true]);
    await db.query('UPDATE risk_models SET active = false WHERE id = $1::bigint', [newer.id]);
    expect(await activeRiskModelId(db)).toBe(older.id);
    await db.query('UPDATE risk_models SET active = false');
  });
});

describe('loadReviewedAdTexts', () => {
  it('gives each reviewed ad\'s current decision with the text the coordinator saw', async () => {
    const seed = new ReviewSeed(db);
    const admin = await seedUser(db, 'admin');
    const decide = (adId: string, decision: 'no_action' | 'passed_police' | 'inspection_planned') => recordDecision(db, { adId, scope: ALL_DISTRICTS, userId: admin, decision });
    const changed = await seed.ad({ siteAdId: 'changed', text: 'De oude tekst van de advertentie' });
    const twice = await seed.ad({ text: 'Eerst geen actie, daarna politie', clusterId: null, phones: ['+31612345678'] });
    const clustered = await seed.ad({ text: 'Een advertentie in een cluster' });
    await db.query('UPDATE ads SET cluster_id = $1::bigint WHERE id = $1::bigint', [clustered]);
    await seed.ad({ text: 'Nooit beoordeeld' });
    await decide(changed, 'no_action');
    await decide(twice, 'no_action');
    await decide(twice, 'passed_police');
    await decide(clustered, 'inspection_planned');
    // A later crawl sees new text: the decision was made on the old one.
    await seed.version({ siteAdId: 'changed', text: 'Nieuwe tekst na het besluit', seenAt: new Date(Date.now() + 86_400_000).toISOString() });

    const rows = await loadReviewedAdTexts(db);
    expect(rows.map((r) => [r.adId, r.decision, r.text, r.clusterId])).toEqual([
      [changed, 'no_action', 'De oude tekst van de advertentie', null],
      [twice, 'passed_police', 'Eerst geen actie, daarna politie', null],
      [clustered, 'inspection_planned', 'Een advertentie in een cluster', clustered],
    ]);
    expect(rows[1]!.phoneSpans).toEqual([{ field: 'phone', start: 0, end: 11, text: '06-12345678' }]);
    expect(rows[0]).toMatchObject({ name: 'Lisa', title: 'Lieve Lisa, discreet en verzorgd' });
  });
});

describe('the risk step with a text model', () => {
  const config = loadRiskConfig();
  const gazetteer = loadGazetteer();

  async function stored(site: string) {
    const { rows } = await db.query<{ site_ad_id: string; risk_score: number; indicator_codes: string[]; risk: { score: number; indicators: Array<{ code: string; weight: number; contribution: number; evidence: Record<string, unknown> }> } }>(
      `SELECT site_ad_id, risk_score, indicator_codes, risk FROM ads WHERE site = $1 ORDER BY site_ad_id`,
      [site],
    );
    return new Map(rows.map((r) => [r.site_ad_id, r]));
  }

  it('adds text_model only while an active model exists and the config enables it', async () => {
    await db.query('UPDATE risk_models SET active = false');
    const site = uniqueSite();
    const plain = ADS.find((a) => !a.thirdParty && !a.confirmed)!;
    const ads = [
      buildScrapedAd({ site, siteAdId: 'plain', title: plain.title, name: plain.name, text: plain.text, phoneText: '06-11112222' }),
      buildScrapedAd({ site, siteAdId: 'third', title: plain.title, name: plain.name, text: `${plain.text}\n\nOnze dames ontvangen je graag. Boekingen via ons bureau.`, phoneText: '06-33334444' }),
    ];
    const runId = `run-${randomUUID()}`;
    await startCrawlRun(db, { id: runId, site, startedAt: new Date() });
    await recordAdBatch(db, { runId, batchKey: 'b1', ads: ads.map((scraped) => ({ scraped, analysis: analyzeAd(scraped, gazetteer) })) });
    const target = { identities: ads.map((a) => ({ site, siteAdId: a.siteAdId })) };
    const step = createRiskStep(config, undefined, { textModel: new ActiveTextModel(DEFAULT_MODEL_CONFIG) });
    const codes = async () => [...(await stored(site)).values()].map((r) => [r.site_ad_id, r.indicator_codes.includes('text_model')]);

    await step.assess(db, target);
    expect(await codes()).toEqual([['plain', false], ['third', false]]);
    const before = (await stored(site)).get('third')!;

    await save(false);
    expect((await step.assess(db, target)).changed).toBe(0);

    const model = await save(true);
    expect((await step.assess(db, target)).changed).toBe(1);
    expect(await codes()).toEqual([['plain', false], ['third', true]]);
    const third = (await stored(site)).get('third')!;
    const entry = third.risk.indicators.find((i) => i.code === 'text_model')!;
    expect(entry.evidence).toMatchObject({ learned: true, model: { id: model.id, configuredWeight: 0.25 }, fields: { words: expect.arrayContaining(['bureau']) } });
    expect(entry.weight).toBeCloseTo(0.25 * (entry.evidence.fields as { probability: number }).probability, 3);
    expect(third.risk.score).toBeCloseTo(1 - (1 - before.risk.score) * (1 - entry.weight), 3);
    expect(third.risk_score).toBeCloseTo(third.risk.score, 4);
    const exploitation = third.risk.indicators.filter((i) => !['unlicensed', 'invalid_permit'].includes(i.code));
    expect(exploitation.reduce((s, i) => s + i.contribution, 0)).toBeCloseTo(third.risk.score, 3);

    // Idempotent: the same model writes nothing again.
    expect((await step.assess(db, target)).changed).toBe(0);
    // Switched off in the config: the signal goes at the next assessment.
    const off = createRiskStep(config, undefined, { textModel: new ActiveTextModel(parseModelConfig({ enabled: false })) });
    expect((await off.assess(db, target)).changed).toBe(1);
    expect(await codes()).toEqual([['plain', false], ['third', false]]);
    expect((await stored(site)).get('third')!.risk).toEqual(before.risk);
  });
});
