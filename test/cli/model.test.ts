import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_CONFIRMS } from '../../src/domain/review.js';
import { ALL_DISTRICTS, recordDecision, type Db } from '../../src/store/index.js';
import { labelledFixtureAds, shuffledLabels, type LabelledFixtureAd } from '../classifier/model/labelled-ads.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';
import { ReviewSeed, seedUser } from '../store/review-seed.js';

// `zicht model train` and `zicht model report` as a person runs them, on reviewed ads in Postgres.
let t: TestDb;
let env: Record<string, string>;
let seeded: Array<{ codes: string[]; decision: LabelledFixtureAd['decision'] }> = [];

const ADS = labelledFixtureAds({ ads: 140, seed: 21 });

/** Codes an ad carried when decided: third_party where the text has that wording, others by position. */
const codesOf = (ad: LabelledFixtureAd, i: number): string[] =>
  [ad.thirdParty ? 'third_party' : null, i % 4 === 0 ? 'phone_shared' : null, i % 9 === 0 ? 'new_in_town' : null].filter((c): c is string => c !== null);

async function seedReviewed(db: Db, ads: readonly LabelledFixtureAd[], offset = 0): Promise<Array<{ codes: string[]; decision: LabelledFixtureAd['decision'] }>> {
  const seed = new ReviewSeed(db);
  const admin = await seedUser(db, 'admin');
  const out: Array<{ codes: string[]; decision: LabelledFixtureAd['decision'] }> = [];
  for (const [i, ad] of ads.entries()) {
    const codes = codesOf(ad, offset + i);
    const id = await seed.ad({ title: ad.title, text: ad.text, indicators: codes.map((code) => ({ code, contribution: 0.1 })) });
    // Every tenth ad was first planned for inspection, then decided.
    if ((offset + i) % 10 === 0) await recordDecision(db, { adId: id, scope: ALL_DISTRICTS, userId: admin, decision: 'inspection_planned' });
    await recordDecision(db, { adId: id, scope: ALL_DISTRICTS, userId: admin, decision: ad.decision });
    out.push({ codes, decision: ad.decision });
  }
  return out;
}

async function zicht(args: string[], extra: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const run = spawnZicht(['model', ...args], { ...env, ...extra });
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

async function storedModels(db: Db) {
  return (await db.query<{ id: string; active: boolean }>('SELECT id::text AS id, active FROM risk_models ORDER BY id')).rows;
}

beforeAll(async () => {
  t = await createTestDb();
  env = { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema) };
  seeded = await seedReviewed(t.db, ADS.slice(0, 30));
});
afterAll(() => t?.cleanup());

describe('zicht model train', () => {
  it('refuses below the label minimum with the counts, exit 3, and stores nothing', async () => {
    const { code, err } = await zicht(['train']);
    expect(code).toBe(3);
    expect(err).toMatch(/Not enough reviewed ads to train the text model: 30 labelled reviewed ads, need at least 50/);
    expect(err).toMatch(/text_model signal stays off/);
    expect(await storedModels(t.db)).toEqual([]);
    expect((await zicht(['report'])).out).toMatch(/No active text model: the text_model signal is off/);
  });

  it('--dry-run trains and cross-validates but stores nothing', async () => {
    seeded = [...seeded, ...(await seedReviewed(t.db, ADS.slice(30), 30))];
    const { code, out } = await zicht(['train', '--dry-run', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as { trained: boolean; dryRun: boolean; model: unknown; counts: { confirmed: number; refuted: number; skipped: number } };
    expect(report).toMatchObject({ trained: true, dryRun: true, model: null });
    expect(report.counts).toEqual({ confirmed: ADS.filter((a) => a.confirmed).length, refuted: ADS.filter((a) => !a.confirmed).length, skipped: 0 });
    expect(await storedModels(t.db)).toEqual([]);
  });

  it('trains, prints the report against its baselines, and stores an active model', async () => {
    const { code, out } = await zicht(['train']);
    expect(code).toBe(0);
    expect(out).toMatch(/trained on 140 labelled reviewed ads/);
    expect(out).toMatch(/ROC AUC\s+0\.\d{3}\s+0\.\d{3}\s+0\.500/);
    expect(out).toMatch(/Stems that point to "confirmed": .*bureau|Stems that point to "confirmed": .*onz/);
    const [stored] = await storedModels(t.db);
    expect(stored).toEqual({ id: expect.any(String), active: true });
    expect(out).toContain(`Stored as model ${stored!.id}, active`);
  });

  it('a higher --min-labels refuses, and the stored model stays in use', async () => {
    const { code, err } = await zicht(['train', '--min-labels', '1000']);
    expect(code).toBe(3);
    expect(err).toMatch(/140 labelled reviewed ads, need at least 1000/);
    const [stored] = await storedModels(t.db);
    expect(err).toContain(`Model ${stored!.id} stays in use.`);
  });
});

describe('zicht model report', () => {
  it('gives each indicator\'s confirmation rate as seeded, and the active model\'s cross-validation (--json)', async () => {
    const { code, out } = await zicht(['report', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      indicators: Array<{ code: string; reviewed: number; confirmed: number; refuted: number; rate: number; weight: number; smallSample: boolean }>;
      model: { active: { id: string; cv: { model: { auc: number } } } | null };
    };
    for (const code of ['third_party', 'phone_shared', 'new_in_town']) {
      const carrying = seeded.filter((s) => s.codes.includes(code));
      const confirmed = carrying.filter((s) => REVIEW_CONFIRMS[s.decision] === true).length;
      expect(report.indicators.find((i) => i.code === code)).toMatchObject({
        reviewed: carrying.length,
        confirmed,
        refuted: carrying.length - confirmed,
        rate: confirmed / carrying.length,
        smallSample: carrying.length < 20,
      });
    }
    expect(report.indicators.find((i) => i.code === 'third_party')!.weight).toBe(0.2);
    const [stored] = await storedModels(t.db);
    expect(report.model.active?.id).toBe(stored!.id);
    expect(report.model.active!.cv.model.auc).toBeGreaterThan(0.7);
  });

  it('prints the same as tables a person reads', async () => {
    const { code, out } = await zicht(['report']);
    expect(code).toBe(0);
    expect(out).toMatch(/indicator\s+weight\s+reviewed\s+confirmed\s+refuted\s+rate\s+95% interval\s+note/);
    expect(out).toMatch(/new_in_town\s+0\.03\s+\d+\s+\d+\s+\d+\s+0\.\d\d\s+0\.\d\d–\d\.\d\d\s+small sample/);
    expect(out).toMatch(/Text model in use: model \d+, trained .* on \d+ confirmed and \d+ refuted reviewed ads, active/);
  });
});

describe('zicht model train without a learnable signal', () => {
  it('stores the model but does not activate it (exit 4) when labels carry no signal', async () => {
    const other = await createTestDb();
    try {
      await seedReviewed(other.db, shuffledLabels(ADS, 4));
      const { code, out } = await zicht(['train'], { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, other.schema) });
      expect(code).toBe(4);
      expect(out).toMatch(/NOT active: cross-validated AUC 0\.\d+ is below minAuc 0\.65/);
      expect(await storedModels(other.db)).toEqual([{ id: expect.any(String), active: false }]);
    } finally {
      await other.cleanup();
    }
  });
});
