import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permitKey } from '../../src/classifier/licence/permit-key.js';
import {
  ALL_DISTRICTS,
  decodeQueueCursor,
  districtScope,
  encodeQueueCursor,
  formatQueueQueryErrors,
  listWorkQueue,
  recordDecision,
  workQueueQuerySchema,
  workQueueSql,
  type Db,
  type WorkQueueFilters,
  type WorkQueueRow,
} from '../../src/store/index.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { PLACES, ReviewSeed, seedUser } from './review-seed.js';

let t: TestDb;
let db: Db;
let seed: ReviewSeed;
const ids: Record<string, string> = {};
const KENNEMERLAND = districtScope('Kennemerland');

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  seed = new ReviewSeed(db);
  const other = new ReviewSeed(db);
  ids.top = await seed.ad({ place: PLACES.haarlem, score: 0.9, indicators: [{ code: 'phone_shared', contribution: 0.5 }, { code: 'under_21', contribution: 0.3 }, { code: 'low_price', contribution: 0.05 }, { code: 'new_in_town', contribution: 0.04 }], licence: 'unlicensed', phones: ['+31612345678'], seenAt: '2025-01-05T23:30:00Z', title: 'Nieuw in Haarlem' });
  ids.velsen = await seed.ad({ place: PLACES.velsen, score: 0.7, indicators: [{ code: 'under_21', contribution: 0.7 }], licence: 'licensed', permitNumbers: ['HLM-2023/0142'], seenAt: '2025-01-10T10:00:00Z' });
  ids.gone = await seed.ad({ place: PLACES.haarlem, score: 0.6, indicators: [{ code: 'phone_shared', contribution: 0.6 }], licence: 'invalid_permit', status: 'gone', phones: ['+48512345678'], seenAt: '2025-01-03T10:00:00Z' });
  ids.unassessed = await seed.ad({ place: PLACES.haarlem, score: 0.1, licence: null, seenAt: '2025-01-06T12:00:00Z' });
  ids.otherSite = await other.ad({ place: PLACES.haarlem, score: 0.5, licence: 'unlicensed', licencePermit: 'ZST 2022 17', seenAt: '2025-01-06T12:00:00Z' });
  ids.zaanstad = await seed.ad({ place: PLACES.zaanstad, score: 0.95, indicators: [{ code: 'under_21', contribution: 0.95 }], licence: 'unlicensed', phones: ['+31612345678'], permitNumbers: ['HLM-2023-0142'] });
  ids.alkmaar = await seed.ad({ place: PLACES.alkmaar, score: 0.2, licence: 'licensed' });
  ids.nowhere = await seed.ad({ place: null, score: 0.8, licence: 'unknown_location' });
  const coordinator = await seedUser(db, 'coordinator', 'Kennemerland');
  await recordDecision(db, { adId: ids.velsen, scope: KENNEMERLAND, userId: coordinator, decision: 'inspection_planned', note: null });
});
afterAll(() => t.cleanup());

/** Every row of the queue, following the cursor. */
async function all(filters: WorkQueueFilters, scope = KENNEMERLAND, limit = 50): Promise<WorkQueueRow[]> {
  const rows: WorkQueueRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await listWorkQueue(db, scope, filters, { limit, cursor: cursor === null ? undefined : decodeQueueCursor(cursor)! });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

const idsOf = async (filters: WorkQueueFilters, scope = KENNEMERLAND) => (await all(filters, scope)).map((r) => r.id);
const parse = (query: Record<string, unknown>) => workQueueQuerySchema.parse(query).filters;

describe('work queue scope and ranking', () => {
  it("lists only the coordinator's district, highest score first", async () => {
    expect(await idsOf({})).toEqual([ids.top, ids.velsen, ids.gone, ids.otherSite, ids.unassessed]);
    expect(await idsOf({}, districtScope('Zaanstreek-Waterland'))).toEqual([ids.zaanstad]);
  });

  it('lists every ad for an admin, including those outside the districts', async () => {
    expect(await idsOf({}, ALL_DISTRICTS)).toEqual([ids.zaanstad, ids.top, ids.nowhere, ids.velsen, ids.gone, ids.otherSite, ids.alkmaar, ids.unassessed]);
    expect(await idsOf({ district: 'Noord-Holland Noord' }, ALL_DISTRICTS)).toEqual([ids.alkmaar]);
    expect(await idsOf({ district: 'Noord-Holland Noord' })).toEqual([]);
  });

  it('shows what a queue row needs, with the top three indicators by contribution', async () => {
    const [row] = await all({ phone: '+31612345678' });
    expect(row).toEqual({
      id: ids.top,
      site: seed.site,
      municipalityCode: 'GM0392',
      municipalityName: 'Haarlem',
      district: 'Kennemerland',
      title: 'Nieuw in Haarlem',
      firstSeen: new Date('2025-01-05T23:30:00Z'),
      lastSeen: new Date('2025-01-05T23:30:00Z'),
      status: 'live',
      licenceStatus: 'unlicensed',
      riskScore: expect.closeTo(0.9, 6),
      topIndicators: ['phone_shared', 'under_21', 'low_price'],
      clusterId: null,
      reviewDecision: null,
      reviewedAt: null,
    });
  });
});

describe('work queue filters', () => {
  it('filters by licence status, including not yet assessed', async () => {
    expect(await idsOf({ licence: 'unlicensed' })).toEqual([ids.top, ids.otherSite]);
    expect(await idsOf({ licence: 'unassessed' })).toEqual([ids.unassessed]);
  });

  it('filters by indicator, municipality and site', async () => {
    expect(await idsOf({ indicator: 'under_21' })).toEqual([ids.top, ids.velsen]);
    expect(await idsOf({ municipality: 'GM0453' })).toEqual([ids.velsen]);
    expect(await idsOf({ site: seed.site })).toEqual([ids.top, ids.velsen, ids.gone, ids.unassessed]);
    expect(await idsOf({ indicator: 'under_21', licence: 'licensed' })).toEqual([ids.velsen]);
  });

  it('filters first and last seen by Dutch calendar day, both ends inclusive', async () => {
    // 2025-01-05T23:30Z is 00:30 on 6 January in Amsterdam.
    expect(await idsOf(parse({ firstSeenFrom: '2025-01-06', firstSeenTo: '2025-01-06' }))).toEqual([ids.top, ids.otherSite, ids.unassessed]);
    expect(await idsOf(parse({ lastSeenTo: '2025-01-05' }))).toEqual([ids.gone]);
    expect(await idsOf(parse({ lastSeenFrom: '2025-01-07' }))).toEqual([ids.velsen]);
  });

  it('filters reviewed or not, by decision, and live or gone', async () => {
    expect(await idsOf({ reviewed: 'yes' })).toEqual([ids.velsen]);
    expect(await idsOf({ reviewed: 'no' })).toEqual([ids.top, ids.gone, ids.otherSite, ids.unassessed]);
    expect(await idsOf({ decision: 'inspection_planned' })).toEqual([ids.velsen]);
    expect(await idsOf({ decision: 'false_positive' })).toEqual([]);
    expect(await idsOf({ status: 'gone' })).toEqual([ids.gone]);
    expect(await idsOf({ status: 'live', reviewed: 'no' })).toEqual([ids.top, ids.otherSite, ids.unassessed]);
  });

  it.each(['06-12345678', '06 12 34 56 78', '+31 6 1234 5678', '0031612345678', '(06) 123 456 78', '+31 (0)6 12345678', '31612345678'])(
    'finds an ad by phone spelled %s, within the scope only',
    async (spelling) => {
      expect(await idsOf(parse({ phone: spelling }))).toEqual([ids.top]);
      expect(await idsOf(parse({ phone: spelling }), ALL_DISTRICTS)).toEqual([ids.zaanstad, ids.top]);
    },
  );

  it('finds a foreign number in international spellings', async () => {
    expect(await idsOf(parse({ phone: '+48 512 345 678' }))).toEqual([ids.gone]);
    expect(await idsOf(parse({ phone: '0048-512-345-678' }))).toEqual([ids.gone]);
  });

  it('finds ads by permit number however it is spelled, cited or matched in the register', async () => {
    for (const spelling of ['HLM-2023/0142', 'hlm 2023 0142', 'HLM.2023.0142']) {
      expect(await idsOf(parse({ permit: spelling }), ALL_DISTRICTS)).toEqual([ids.zaanstad, ids.velsen]);
    }
    expect(await idsOf(parse({ permit: 'zst-2022-17' }))).toEqual([ids.otherSite]);
    expect(await idsOf(parse({ permit: 'HLM-2023-142' }))).toEqual([]);
  });

  it('normalises permit numbers in SQL exactly as permitKey does', async () => {
    const samples = ['hlm-2023-0142', 'HLM 2023/0142', 'zst / 2022 / 17', 'A\\B_C', 'ｈｌｍ２０２３', 'NR–12—34−5', 'a\u00a0b', 'a\u2028b', 'a\ufeffb', 'x\ty'];
    const { rows } = await db.query<{ key: string }>(`SELECT permit_key(n) AS key FROM unnest($1::text[]) WITH ORDINALITY AS x(n, i) ORDER BY i`, [samples]);
    expect(rows.map((r) => r.key)).toEqual(samples.map(permitKey));
  });
});

describe('keyset paging', () => {
  let scope: ReturnType<typeof districtScope>;
  let expected: string[];

  beforeAll(async () => {
    scope = districtScope('Noord-Holland Noord');
    // 61 more ads with only four distinct scores: most rows tie with their neighbours.
    const extra = await seed.ads(Array.from({ length: 61 }, (_, i) => ({ place: PLACES.alkmaar, score: [0.25, 0.5, 0.5, 0.75][i % 4]!, licence: 'licensed' as const })));
    const { rows } = await db.query<{ id: string }>(`SELECT a.id::text AS id FROM ads a WHERE a.district = 'Noord-Holland Noord' ORDER BY a.risk_score DESC, a.id DESC`);
    expected = rows.map((r) => r.id);
    expect(expected).toHaveLength(extra.length + 1);
  });

  it.each([1, 7, 10, 62, 100])('pages of %i cover every ad once, in ranking order', async (limit) => {
    expect((await all({}, scope, limit)).map((r) => r.id)).toEqual(expected);
  });

  it('says whether there is a next page, and the last page has no cursor', async () => {
    const first = await listWorkQueue(db, scope, {}, { limit: 61 });
    expect(first).toMatchObject({ hasNext: true });
    const last = await listWorkQueue(db, scope, {}, { limit: 61, cursor: decodeQueueCursor(first.nextCursor!)! });
    expect(last).toMatchObject({ hasNext: false, nextCursor: null });
    expect(last.rows).toHaveLength(1);
  });

  it('keeps its place when new ads arrive above the cursor', async () => {
    const first = await listWorkQueue(db, scope, {}, { limit: 10 });
    await seed.ad({ place: PLACES.alkmaar, score: 0.99 });
    const second = await listWorkQueue(db, scope, {}, { limit: 10, cursor: decodeQueueCursor(first.nextCursor!)! });
    expect(second.rows.map((r) => r.id)).toEqual(expected.slice(10, 20));
  });

  it('walks the queue index in order, without sorting, at any depth', async () => {
    const cursor = { score: 0.5, id: expected[30]! };
    for (const [scopeUsed, index] of [[scope, 'ads_risk_queue_idx'], [ALL_DISTRICTS, 'ads_queue_all_idx']] as const) {
      const { sql, params } = workQueueSql(scopeUsed, { reviewed: 'no' }, { cursor, limit: 50 });
      const plan = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        await tx.query('SET LOCAL enable_bitmapscan = off');
        const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain(index);
      // The cursor bounds the index scan itself: a deep page does not read the pages before it.
      expect(plan).toMatch(/Index Cond: .*ROW\(risk_score, id\) < ROW\(/);
      expect(plan).not.toMatch(/Sort Key: a\.risk_score/);
    }
  });
});

describe('query string schema', () => {
  it('turns a query string into filters and a page, ignoring empty fields and unknown parameters', () => {
    const cursor = encodeQueueCursor({ score: 0.5, id: '42' });
    expect(workQueueQuerySchema.parse({ licence: 'unlicensed', indicator: '', municipality: 'gm0392', reviewed: 'no', phone: '06-12345678', permit: 'hlm-2023-0142', cursor, limit: '20', lang: 'nl' })).toEqual({
      filters: { licence: 'unlicensed', municipality: 'GM0392', reviewed: 'no', phone: '+31612345678', permit: 'HLM20230142' },
      page: { cursor: { score: 0.5, id: '42' }, limit: 20 },
    });
    expect(workQueueQuerySchema.parse({})).toEqual({ filters: {}, page: { cursor: undefined, limit: undefined } });
  });

  it('names every bad parameter', () => {
    const result = workQueueQuerySchema.safeParse({
      licence: 'maybe',
      indicator: 'evil',
      municipality: 'Haarlem',
      firstSeenFrom: '2025-02-30',
      phone: 'bel me',
      cursor: 'not-a-cursor',
      limit: '1000',
      status: ['live', 'gone'],
    });
    expect(result.success).toBe(false);
    const errors = formatQueueQueryErrors(result.error!);
    for (const field of ['licence', 'indicator', 'municipality', 'firstSeenFrom', 'phone', 'cursor', 'limit', 'status']) {
      expect(errors.some((e) => e.startsWith(`${field}: `)), `${field} in ${errors.join('; ')}`).toBe(true);
    }
    expect(errors).toContain('phone: is not one phone number');
  });

  it('refuses a date range that ends before it starts', () => {
    const result = workQueueQuerySchema.safeParse({ lastSeenFrom: '2025-03-01', lastSeenTo: '2025-02-01', firstSeenFrom: '2025-01-01', firstSeenTo: '2025-01-01' });
    expect(formatQueueQueryErrors(result.error!)).toEqual(['lastSeenTo: is before lastSeenFrom']);
  });

  it('refuses a decision with reviewed=no, and cursors that were tampered with', () => {
    expect(formatQueueQueryErrors(workQueueQuerySchema.safeParse({ reviewed: 'no', decision: 'no_action' }).error!)).toEqual(['decision: cannot be combined with reviewed=no']);
    const forged = Buffer.from(JSON.stringify([0.5, '1; DROP TABLE ads'])).toString('base64url');
    expect(decodeQueueCursor(forged)).toBeNull();
    expect(decodeQueueCursor(Buffer.from('[0.5]').toString('base64url'))).toBeNull();
    expect(decodeQueueCursor('%%%')).toBeNull();
  });
});
