import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_DISTRICTS, districtScope, reviewOverview, suppressGroup, type Db, type OverviewCount, type ReviewOverview } from '../../src/store/index.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { PLACES, ReviewSeed, type SeedAd } from './review-seed.js';

let t: TestDb;
let db: Db;
const NOW = new Date('2025-03-10T12:00:00Z');
const OLD = '2025-01-06T02:00:00Z';
const THIS_WEEK = '2025-03-08T02:00:00Z';

const times = (n: number, spec: SeedAd): SeedAd[] => Array.from({ length: n }, () => spec);

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await new ReviewSeed(db).ads([
    ...times(12, { place: PLACES.haarlem, licence: 'unlicensed', seenAt: OLD }),
    ...times(6, { place: PLACES.haarlem, licence: 'licensed', seenAt: THIS_WEEK }),
    ...times(2, { place: PLACES.haarlem, licence: null, seenAt: OLD }),
    ...times(3, { place: PLACES.haarlem, licence: 'unlicensed', seenAt: OLD, status: 'gone', goneAt: THIS_WEEK }),
    ...times(1, { place: PLACES.haarlem, licence: 'unlicensed', seenAt: OLD, status: 'gone', goneAt: '2025-02-01T00:00:00Z' }),
    ...times(7, { place: PLACES.velsen, licence: 'invalid_permit', seenAt: OLD }),
    ...times(5, { place: PLACES.zaanstad, licence: 'unlicensed', seenAt: THIS_WEEK }),
    ...times(2, { place: PLACES.utrecht, licence: 'out_of_region', seenAt: OLD }),
  ]);
});
afterAll(() => t.cleanup());

const count = (c: OverviewCount) => (c.suppressed ? 'x' : c.count);

function municipality(overview: ReviewOverview, name: string) {
  return overview.districts.flatMap((d) => d.municipalities).find((m) => m.municipalityName === name)!;
}

describe('reviewOverview', () => {
  it("counts live ads per municipality and licence status, and the week's new and gone ads, for a district", async () => {
    const overview = await reviewOverview(db, districtScope('Kennemerland'), { now: NOW });
    expect(overview).toMatchObject({ since: new Date('2025-03-03T12:00:00Z'), until: NOW, suppressed: false });
    expect(overview.districts.map((d) => [d.district, count(d.live), count(d.newThisWeek), count(d.goneThisWeek)])).toEqual([['Kennemerland', 27, 6, 3]]);
    const haarlem = municipality(overview, 'Haarlem');
    expect(haarlem).toMatchObject({ district: 'Kennemerland', municipalityCode: 'GM0392' });
    expect([count(haarlem.live), count(haarlem.newThisWeek), count(haarlem.goneThisWeek)]).toEqual([20, 6, 3]);
    expect(Object.fromEntries(Object.entries(haarlem.byLicence).map(([k, v]) => [k, count(v)]))).toEqual({
      licensed: 6,
      invalid_permit: 0,
      out_of_region: 0,
      unknown_location: 0,
      unlicensed: 12,
      unassessed: 2,
    });
    expect(count(municipality(overview, 'Velsen').byLicence.invalid_permit)).toBe(7);
  });

  it('covers every district and the ads outside them for all districts, in district order', async () => {
    const overview = await reviewOverview(db, ALL_DISTRICTS, { now: NOW });
    expect(overview.districts.map((d) => [d.district, count(d.live)])).toEqual([
      ['Zaanstreek-Waterland', 5],
      ['Kennemerland', 27],
      [null, 2],
    ]);
  });

  it('withholds counts from 1 to 4, and one more where a lone withheld count could be worked out from the total', async () => {
    const overview = await reviewOverview(db, ALL_DISTRICTS, { now: NOW, suppressSmallCounts: true });
    expect(overview.suppressed).toBe(true);
    const haarlem = municipality(overview, 'Haarlem');
    // unassessed (2) is small; the smallest other non-zero cell (licensed, 6) goes too, or 20 − 12 − 6 would reveal it.
    expect(Object.fromEntries(Object.entries(haarlem.byLicence).map(([k, v]) => [k, count(v)]))).toEqual({
      licensed: 'x',
      invalid_permit: 0,
      out_of_region: 0,
      unknown_location: 0,
      unlicensed: 12,
      unassessed: 'x',
    });
    expect(count(haarlem.goneThisWeek)).toBe('x');
    // The districts as a group too: 2 is withheld, and 5 with it.
    expect(overview.districts.map((d) => count(d.live))).toEqual(['x', 27, 'x']);
    const json = JSON.stringify(overview);
    for (const hidden of ['"count":2,', '"count":3,', '"count":1,']) expect(json).not.toContain(hidden);
  });
});

describe('suppressGroup', () => {
  it('leaves zeros and counts of 5 or more, withholds 1–4', () => {
    expect(suppressGroup([0, 5, 9]).map(count)).toEqual([0, 5, 9]);
    expect(suppressGroup([3, 4, 0, 10]).map(count)).toEqual(['x', 'x', 0, 10]);
  });

  it('withholds the smallest other count when only one would be withheld', () => {
    expect(suppressGroup([2, 30, 8, 0]).map(count)).toEqual(['x', 30, 'x', 0]);
    expect(suppressGroup([2, 0]).map(count)).toEqual(['x', 0]);
  });
});
