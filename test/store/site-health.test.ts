import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAd, lifecycleCounts, listSiteHealth, recordSiteHealth, usualAdCount, type Db } from '../../src/store/index.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { dayAt, recordCrawl } from '../helpers/crawl-run.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.cleanup());

const ids = (n: number, prefix = 'ad') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('usual ad count', () => {
  it('is the median of the last succeeded runs before a date; suspect and incomplete runs never count', async () => {
    const site = uniqueSite();
    expect(await usualAdCount(db, site, { runs: 3, before: dayAt(9, 0) })).toBeNull();
    await recordCrawl(db, site, 1, ids(100));
    await recordCrawl(db, site, 2, ids(10));
    await recordCrawl(db, site, 3, ids(40));
    await recordCrawl(db, site, 4, ids(1), { status: 'suspect' });
    await recordCrawl(db, site, 5, ids(2), { status: 'incomplete' });
    await recordCrawl(db, site, 6, ids(50));
    // Last three succeeded before day 7: 10, 40, 50.
    expect(await usualAdCount(db, site, { runs: 3, before: dayAt(7, 0) })).toBe(40);
    // Before day 4: 100, 10, 40.
    expect(await usualAdCount(db, site, { runs: 3, before: dayAt(4, 0) })).toBe(40);
    expect(await usualAdCount(db, site, { runs: 1, before: dayAt(7, 0) })).toBe(50);
    expect(await usualAdCount(db, site, { runs: 2, before: dayAt(3, 0) })).toBe(55);
  });
});

describe('site health', () => {
  it('follows the latest closed run: since, runs in a row, reason; idempotent; a late older run is ignored', async () => {
    const site = uniqueSite();
    const day1 = await recordCrawl(db, site, 1, ids(3));
    expect(await recordSiteHealth(db, day1.summary)).toMatchObject({ site, status: 'healthy', reason: null, since: dayAt(1, 3), runsInStatus: 1, adsSeen: 3 });
    const day2 = await recordCrawl(db, site, 2, [], { status: 'suspect', healthReason: 'no ads on 10 pages', usualAds: 3 });
    const day3 = await recordCrawl(db, site, 3, [], { status: 'suspect', healthReason: 'no ads on 10 pages', usualAds: 3 });
    await recordSiteHealth(db, day3.summary);
    // day 2 closes late: older than what is recorded, so it changes nothing.
    await recordSiteHealth(db, day2.summary);
    await recordSiteHealth(db, day3.summary);
    const suspect = { site, status: 'suspect', reason: 'no ads on 10 pages', since: dayAt(3, 3), runsInStatus: 1, lastRunId: day3.runId, adsSeen: 0, usualAds: 3 };
    expect((await listSiteHealth(db)).find((h) => h.site === site)).toMatchObject(suspect);
    const day4 = await recordCrawl(db, site, 4, [], { status: 'suspect', healthReason: 'no ads on 10 pages', usualAds: 3 });
    expect(await recordSiteHealth(db, day4.summary)).toMatchObject({ ...suspect, since: dayAt(3, 3), runsInStatus: 2, lastRunId: day4.runId });
    const day5 = await recordCrawl(db, site, 5, ids(3));
    expect(await recordSiteHealth(db, day5.summary)).toMatchObject({ status: 'healthy', reason: null, since: dayAt(5, 3), runsInStatus: 1 });
  });

  it('lists the unhealthy sites first, then the healthy ones by site', async () => {
    const [broken, failing] = [uniqueSite(), uniqueSite()];
    await recordSiteHealth(db, (await recordCrawl(db, failing, 2, ids(1), { status: 'incomplete', healthReason: '5 of 10 pages failed' })).summary);
    await recordSiteHealth(db, (await recordCrawl(db, broken, 3, [], { status: 'suspect', healthReason: 'no ads' })).summary);
    const list = await listSiteHealth(db);
    const firstHealthy = list.findIndex((h) => h.status === 'healthy');
    expect(list.slice(firstHealthy).every((h) => h.status === 'healthy')).toBe(true);
    const unhealthy = list.slice(0, firstHealthy).map((h) => h.site);
    expect(unhealthy.indexOf(failing)).toBeLessThan(unhealthy.indexOf(broken));
    expect(list.find((h) => h.site === failing)).toMatchObject({ status: 'failing', reason: '5 of 10 pages failed' });
  });
});

describe('ad lifecycle', () => {
  it('counts new, changed, unchanged and gone ads per day and week, and keeps a gone event after the ad returns', async () => {
    const site = uniqueSite();
    const gone2 = { missedRunsBeforeGone: 2 };
    await recordCrawl(db, site, 6, ['a', 'b', 'c'], gone2); // Monday
    await recordCrawl(db, site, 7, ['a', 'b', 'd'], gone2); // c missed once
    await recordCrawl(db, site, 8, ['a', 'b', 'd'], gone2); // c gone
    expect(await getAd(db, site, 'c')).toMatchObject({ status: 'gone', goneAt: dayAt(8, 3) });
    await recordCrawl(db, site, 13, ['a', 'c'], gone2); // next Monday: c back (changed), b and d missed once
    expect(await getAd(db, site, 'c')).toMatchObject({ status: 'live', goneAt: null });

    const days = await lifecycleCounts(db, { from: dayAt(1, 0), to: dayAt(20, 0), period: 'day', site });
    expect(days).toEqual([
      { period: '2025-01-06', site, new: 3, changed: 0, unchanged: 0, gone: 0 },
      { period: '2025-01-07', site, new: 1, changed: 0, unchanged: 2, gone: 0 },
      { period: '2025-01-08', site, new: 0, changed: 0, unchanged: 3, gone: 1 },
      { period: '2025-01-13', site, new: 0, changed: 1, unchanged: 1, gone: 0 },
    ]);
    const weeks = await lifecycleCounts(db, { from: dayAt(1, 0), to: dayAt(20, 0), period: 'week', site });
    expect(weeks).toEqual([
      { period: '2025-01-06', site, new: 4, changed: 0, unchanged: 3, gone: 1 },
      { period: '2025-01-13', site, new: 0, changed: 1, unchanged: 1, gone: 0 },
    ]);
    expect(await lifecycleCounts(db, { from: dayAt(7, 0), to: dayAt(8, 0), period: 'day', site })).toEqual([days[1]]);
  });
});
