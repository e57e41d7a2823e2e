import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_DISTRICTS,
  districtScope,
  indicatorConfirmationRates,
  listDecisions,
  recordClusterDecision,
  recordDecision,
  reviewDecisionInputSchema,
  type Db,
} from '../../src/store/index.js';
import { openTestDb, createTestDb, type TestDb } from '../helpers/test-db.js';
import { PLACES, ReviewSeed, seedUser } from './review-seed.js';

let t: TestDb;
let db: Db;
let seed: ReviewSeed;
let anna: string;
let admin: string;
const KENNEMERLAND = districtScope('Kennemerland');

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  seed = new ReviewSeed(db);
  anna = await seedUser(db, 'coordinator', 'Kennemerland');
  admin = await seedUser(db, 'admin');
});
afterAll(() => t.cleanup());

async function adState(id: string) {
  const { rows } = await db.query<{ review_decision: string | null; reviewed_at: Date | null }>(`SELECT review_decision, reviewed_at FROM ads WHERE id = $1::bigint`, [id]);
  return rows[0]!;
}

describe('recordDecision', () => {
  it('adds a history row and makes it the current decision of the ad', async () => {
    const ad = await seed.ad({ place: PLACES.haarlem });
    const first = await recordDecision(db, { adId: ad, scope: KENNEMERLAND, userId: anna, decision: 'inspection_planned', note: 'Vrijdag langs' });
    expect(first).toMatchObject({ adId: ad, userId: anna, decision: 'inspection_planned', note: 'Vrijdag langs', clusterId: null });
    expect(first!.username).toMatch(/^user/);
    expect(await adState(ad)).toEqual({ review_decision: 'inspection_planned', reviewed_at: first!.decidedAt });

    const second = await recordDecision(db, { adId: ad, scope: ALL_DISTRICTS, userId: admin, decision: 'inspected_licensed' });
    expect(await adState(ad)).toEqual({ review_decision: 'inspected_licensed', reviewed_at: second!.decidedAt });
    expect((await listDecisions(db, ad)).map((d) => [d.decision, d.userId])).toEqual([
      ['inspected_licensed', admin],
      ['inspection_planned', anna],
    ]);
  });

  it('writes nothing for an ad outside the scope or an unknown ad', async () => {
    const ad = await seed.ad({ place: PLACES.zaanstad });
    expect(await recordDecision(db, { adId: ad, scope: KENNEMERLAND, userId: anna, decision: 'passed_police' })).toBeNull();
    expect(await recordDecision(db, { adId: '987654321', scope: ALL_DISTRICTS, userId: admin, decision: 'passed_police' })).toBeNull();
    expect(await recordDecision(db, { adId: 'x', scope: ALL_DISTRICTS, userId: admin, decision: 'passed_police' })).toBeNull();
    expect(await listDecisions(db, ad)).toEqual([]);
    expect(await adState(ad)).toEqual({ review_decision: null, reviewed_at: null });
  });

  it('rolls back when the decision is not a known one', async () => {
    const ad = await seed.ad({ place: PLACES.haarlem });
    // Past the types, as a route forgetting to validate would: the table's CHECK refuses it.
    await expect(recordDecision(db, { adId: ad, scope: KENNEMERLAND, userId: anna, decision: 'shrug' as 'no_action' })).rejects.toThrow(/check constraint/);
    expect(await adState(ad)).toEqual({ review_decision: null, reviewed_at: null });
  });

  it('keeps the current decision the newest row when two coordinators decide at once', async () => {
    const ad = await seed.ad({ place: PLACES.haarlem });
    const other = await openTestDb(t.schema);
    try {
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          recordDecision(i % 2 ? other : db, { adId: ad, scope: KENNEMERLAND, userId: anna, decision: i % 3 ? 'no_action' : 'passed_care' }),
        ),
      );
    } finally {
      await other.close();
    }
    const history = await listDecisions(db, ad);
    expect(history).toHaveLength(6);
    expect((await adState(ad)).review_decision).toBe(history[0]!.decision);
  });
});

describe('reviewDecisionInputSchema', () => {
  it('accepts a known decision with an optional note, and says what is wrong otherwise', () => {
    expect(reviewDecisionInputSchema.parse({ decision: 'false_positive', note: '  ' })).toEqual({ decision: 'false_positive', note: null });
    expect(reviewDecisionInputSchema.parse({ decision: 'no_action', note: ' ok ' })).toEqual({ decision: 'no_action', note: 'ok' });
    const bad = reviewDecisionInputSchema.safeParse({ decision: 'shrug', note: 'x'.repeat(5000) });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['decision', 'note']);
  });
});

describe('recordClusterDecision', () => {
  it("decides every ad of the cluster in the coordinator's district, and only those", async () => {
    const [h1, h2, z1, otherCluster] = await seed.ads([
      { place: PLACES.haarlem, clusterId: '41' },
      { place: PLACES.velsen, clusterId: '41' },
      { place: PLACES.zaanstad, clusterId: '41' },
      { place: PLACES.haarlem, clusterId: '42' },
    ]);
    expect(await recordClusterDecision(db, { clusterId: '41', scope: KENNEMERLAND, userId: anna, decision: 'passed_police', note: 'Zelfde nummer' })).toBe(2);
    for (const ad of [h1!, h2!]) {
      expect(await listDecisions(db, ad)).toMatchObject([{ decision: 'passed_police', note: 'Zelfde nummer', clusterId: '41', userId: anna }]);
      expect((await adState(ad)).review_decision).toBe('passed_police');
    }
    for (const ad of [z1!, otherCluster!]) expect(await listDecisions(db, ad)).toEqual([]);
  });

  it('decides the whole cluster for an admin, and nothing for an unknown cluster', async () => {
    await seed.ads([{ place: PLACES.haarlem, clusterId: '51' }, { place: PLACES.alkmaar, clusterId: '51' }, { place: null, clusterId: '51' }]);
    expect(await recordClusterDecision(db, { clusterId: '51', scope: ALL_DISTRICTS, userId: admin, decision: 'false_positive' })).toBe(3);
    expect(await recordClusterDecision(db, { clusterId: '999', scope: ALL_DISTRICTS, userId: admin, decision: 'false_positive' })).toBe(0);
    expect(await recordClusterDecision(db, { clusterId: '51', scope: districtScope('Zaanstreek-Waterland'), userId: admin, decision: 'false_positive' })).toBe(0);
  });
});

describe('indicatorConfirmationRates', () => {
  it('counts, per indicator, the current decisions on ads that carried it when decided', async () => {
    const fresh = await createTestDb();
    try {
      const s = new ReviewSeed(fresh.db);
      const user = await seedUser(fresh.db, 'admin');
      const ads = await s.ads([
        { indicators: [{ code: 'under_21', contribution: 0.5 }, { code: 'phone_shared', contribution: 0.2 }] },
        { indicators: [{ code: 'under_21', contribution: 0.5 }] },
        { indicators: [{ code: 'under_21', contribution: 0.5 }] },
        { indicators: [{ code: 'phone_shared', contribution: 0.5 }] },
        { indicators: [{ code: 'low_price', contribution: 0.5 }] },
      ]);
      const decide = (i: number, decision: Parameters<typeof recordDecision>[1]['decision']) => recordDecision(fresh.db, { adId: ads[i]!, scope: ALL_DISTRICTS, userId: user, decision });
      await decide(0, 'no_action');
      await decide(0, 'passed_police'); // changed: only the newest decision counts
      await decide(1, 'inspected_unlicensed');
      await decide(2, 'false_positive');
      await decide(3, 'inspection_planned'); // says nothing yet
      // Re-assessed after the decision: the statistics keep what was decided on.
      await fresh.db.query(`UPDATE ads SET indicator_codes = '{multi_city}' WHERE id = $1::bigint`, [ads[1]]);
      expect(await indicatorConfirmationRates(fresh.db)).toEqual([
        { code: 'phone_shared', reviewed: 2, confirmed: 1, refuted: 0, rate: 1 },
        { code: 'under_21', reviewed: 3, confirmed: 2, refuted: 1, rate: 2 / 3 },
      ]);
      await decide(3, 'false_positive');
      expect((await indicatorConfirmationRates(fresh.db)).find((r) => r.code === 'phone_shared')).toEqual({ code: 'phone_shared', reviewed: 2, confirmed: 1, refuted: 1, rate: 0.5 });
    } finally {
      await fresh.cleanup();
    }
  });

  it('gives a null rate while an indicator has only planned inspections', async () => {
    const fresh = await createTestDb();
    try {
      const [ad] = await new ReviewSeed(fresh.db).ads([{ indicators: [{ code: 'hotel_location', contribution: 0.3 }] }]);
      await recordDecision(fresh.db, { adId: ad!, scope: ALL_DISTRICTS, userId: await seedUser(fresh.db, 'admin'), decision: 'inspection_planned' });
      expect(await indicatorConfirmationRates(fresh.db)).toEqual([{ code: 'hotel_location', reviewed: 1, confirmed: 0, refuted: 0, rate: null }]);
    } finally {
      await fresh.cleanup();
    }
  });
});
