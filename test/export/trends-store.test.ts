import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystCharts, exportMovements, exportTrends, renderExport } from '../../src/export/index.js';
import { finishCrawlRun, recordAdBatch, saveLicenceAssessments, startCrawlRun, type Db } from '../../src/store/index.js';
import { buildAnalysis, buildMunicipality, buildPhone, buildScrapedAd, uniqueSite } from '../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

// Trends from the store, on a small crawl history with known answers: week 2 (6–12 Jan 2025) sees
// 11 ads in Haarlem; week 3 sees 5 of their numbers again in Zaanstad, 7 new ads in Haarlem, and
// declares the other 6 gone.
const HAARLEM = { municipality: buildMunicipality(), district: 'Kennemerland' as const, location: 'Haarlem' };
const ZAANSTAD = {
  municipality: buildMunicipality({ code: 'GM0479', name: 'Zaanstad', span: { field: 'location', start: 0, end: 7, text: 'Zaandam' } }),
  district: 'Zaanstreek-Waterland' as const,
  location: 'Zaandam',
};
type Place = typeof HAARLEM | typeof ZAANSTAD;

let t: TestDb;
let site: string;
const PERIOD = { from: '2025-01-06', to: '2025-01-19' };

async function crawl(db: Db, day: string, ads: Array<{ id: string; phone: string; place: Place }>): Promise<void> {
  const runId = `run-${randomUUID()}`;
  await startCrawlRun(db, { id: runId, site, startedAt: new Date(`${day}T01:00:00Z`) });
  const seenAt = `${day}T02:00:00.000Z`;
  await recordAdBatch(db, {
    runId,
    batchKey: 'b1',
    ads: ads.map(({ id, phone, place }) => ({
      scraped: buildScrapedAd({ site, siteAdId: id, seenAt, location: place.location, text: `Advertentie ${id} in ${place.location}` }),
      analysis: buildAnalysis({ phones: [buildPhone({ e164: phone })], municipality: place.municipality, district: place.district }),
    })),
  });
  await finishCrawlRun(db, { runId, status: 'succeeded', pages: 5, pagesFailed: 0, errors: [], finishedAt: new Date(`${day}T03:00:00Z`), missedRunsBeforeGone: 1 });
}

const ads = (prefix: string, n: number, place: Place, phonePrefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, phone: `+31${phonePrefix}${String(i + 1).padStart(4, '0')}`, place }));

beforeAll(async () => {
  t = await createTestDb();
  site = uniqueSite();
  await crawl(t.db, '2025-01-07', [...ads('m', 5, HAARLEM, '6100'), ...ads('s', 6, HAARLEM, '6200')]);
  const { rows } = await t.db.query<{ id: string }>(`SELECT id::text FROM ads WHERE site = $1 AND site_ad_id LIKE 's%'`, [site]);
  await saveLicenceAssessments(t.db, null, rows.map((r) => ({ adId: r.id, status: 'unlicensed', permit: null, evidence: [] })), 'crawl');
  await crawl(t.db, '2025-01-14', [...ads('m', 5, ZAANSTAD, '6100'), ...ads('n', 7, HAARLEM, '6300')]);
});
afterAll(() => t?.cleanup());

describe('exportTrends on stored crawls', () => {
  it('counts ads seen, new, gone and numbers per week and municipality, from the version seen that week', async () => {
    const table = await exportTrends(t.db, { ...PERIOD, by: ['week', 'municipality'] });
    expect(table.rows.map((r) => [r.week, r.municipality, r.ads_seen, r.ads_new, r.ads_gone, r.phone_numbers])).toEqual([
      ['2025-W02', 'Haarlem', 11, 11, 0, 11],
      ['2025-W03', 'Haarlem', 7, 7, 6, 7],
      ['2025-W03', 'Zaanstad', 5, 0, 0, 5],
    ]);
    expect(table.suppressed).toEqual({ primary: 0, secondary: 0 });
  });

  it('groups by licence status as assessed, and only counts inside the period', async () => {
    const table = await exportTrends(t.db, { ...PERIOD, by: ['licence'] });
    expect(table.rows.map((r) => [r.licence_status, r.ads_seen, r.ads_gone])).toEqual([
      ['not_assessed', 12, 0],
      ['unlicensed', 6, 6],
    ]);
    const week3 = await exportTrends(t.db, { from: '2025-01-13', to: '2025-01-19', by: [] });
    expect(week3.rows).toEqual([expect.objectContaining({ ads_seen: 12, ads_new: 7, ads_gone: 6, phone_numbers: 12 })]);
  });

  it('never puts a number, name, text or URL in the file', async () => {
    const table = await exportTrends(t.db, { ...PERIOD, by: ['week', 'municipality', 'district', 'licence', 'indicator', 'site'] });
    const json = (await renderExport(table, 'json')).toString('utf8');
    expect(json).not.toMatch(/\+31|\d{8,}|Lisa|Advertentie|http/);
  });

  it('rejects a reversed or impossible period', async () => {
    await expect(exportTrends(t.db, { from: '2025-02-01', to: '2025-01-01', by: [] })).rejects.toThrow(/from must not be after/);
    await expect(exportTrends(t.db, { from: '2025-02-30', to: '2025-03-01', by: [] })).rejects.toThrow(/calendar date/);
  });
});

describe('exportMovements and analystCharts on stored crawls', () => {
  it('finds the 5 numbers that moved from Haarlem to Zaanstad between week 2 and week 3', async () => {
    const table = await exportMovements(t.db, { ...PERIOD, level: 'municipality', byWeek: true });
    expect(table.rows).toEqual([
      {
        week: '2025-W03', week_start: '2025-01-13',
        from_municipality_code: 'GM0392', from_municipality: 'Haarlem', to_municipality_code: 'GM0479', to_municipality: 'Zaanstad',
        phone_numbers: 5, phone_numbers_flag: '',
      },
    ]);
  });

  it('shapes the same figures for charts: district lines per week, municipality bars, movement matrix', async () => {
    const charts = await analystCharts(t.db, PERIOD);
    expect(charts.districtTrend.weeks.map((w) => w.week)).toEqual(['2025-W02', '2025-W03']);
    expect(charts.districtTrend.series).toEqual([
      { district: 'Kennemerland', points: [{ value: 11, flag: '' }, { value: 7, flag: '' }] },
      { district: 'Zaanstreek-Waterland', points: [{ value: 0, flag: '' }, { value: 5, flag: '' }] },
    ]);
    expect(charts.municipalityBars.map((b) => [b.municipality, b.district, b.value])).toEqual([
      ['Haarlem', 'Kennemerland', 18],
      ['Zaanstad', 'Zaanstreek-Waterland', 5],
    ]);
    expect(charts.movementMatrix.places.map((p) => p.label)).toEqual(['Haarlem', 'Zaanstad']);
    expect(charts.movementMatrix.cells).toEqual([{ from: 'GM0392', to: 'GM0479', value: 5, flag: '' }]);
  });
});
