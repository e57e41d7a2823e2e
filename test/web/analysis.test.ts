import { load, type CheerioAPI } from 'cheerio';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendColumns } from '../../src/export/index.js';
import { dutchToday, mondayWeeksBefore } from '../../src/web/views/analysis-form.js';
import { personalDataIn } from './personal-data.js';
import { seedTrends, TREND_PERIOD, TREND_WEEKS, type TrendSeed } from './trend-seed.js';
import { addUser, loggedIn, startWebHarness, type WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
let seeded: TrendSeed;
let analyst: WebClient;
let analystName: string;

const query = (extra = '') => `van=${TREND_PERIOD.from}&tot=${TREND_PERIOD.to}&per=&per=week&per=district${extra}`;

beforeAll(async () => {
  h = await startWebHarness();
  seeded = await seedTrends(h.db);
  const account = await addUser(h.db, 'analyst');
  analystName = account.user.username;
  analyst = await loggedIn(h.app, account);
});
afterAll(() => h?.close());

/** The audit log's export entries of a user, oldest first. */
async function exportsAudited(username: string): Promise<Array<{ target: string; details: Record<string, unknown> }>> {
  const { rows } = await h.db.query<{ target: string; details: Record<string, unknown> }>(
    `SELECT target, details FROM audit_log WHERE action = 'export' AND username = $1 ORDER BY id`,
    [username],
  );
  return rows;
}

const cells = ($: CheerioAPI, row: Parameters<CheerioAPI>[0]) => $(row).find('th, td').map((_, c) => $(c).text().trim()).get();

describe('/analyse', () => {
  let $: CheerioAPI;
  let body: string;

  beforeAll(async () => {
    const response = await analyst.get(`/analyse?${query('&maat=ads_seen&niveau=municipality')}`);
    expect(response.statusCode).toBe(200);
    body = response.body;
    $ = load(body);
  });

  it('draws trend lines per district per week, with the figures as a table', () => {
    const figure = $('figure.chart-figure').first();
    expect(figure.find('figcaption').text()).toContain('per week, per district');
    const lines = figure.find('svg.chart-line g.series');
    expect(lines.length).toBe(4); // three districts and outside the region
    const table = figure.find('details table');
    expect(table.find('thead th').map((_, th) => $(th).text()).get()).toEqual(['Week', 'Noord-Holland Noord', 'Zaanstreek-Waterland', 'Kennemerland', 'Buiten de drie districten']);
    const rows = table.find('tbody tr').map((_, tr) => [cells($, tr)]).get();
    expect(rows.map((r) => r[0])).toEqual([...TREND_WEEKS]);
    expect(rows.map((r) => r[3])).toEqual(['8', '14', '8', '8']); // Kennemerland, movers in W03
    expect(rows.map((r) => r[2])).toEqual(['6', '6', '12', '6']); // Zaanstreek-Waterland, movers in W04
    expect(rows.map((r) => r[1])).toEqual(['<5', '<5', '<5', '<5']); // Alkmaar's 3 ads
    // A withheld week is not drawn: Noord-Holland Noord's line has no point at all.
    expect(lines.eq(0).find('circle').length).toBe(0);
    expect(lines.eq(2).find('circle').length).toBe(4);
  });

  it('draws bars per municipality of the three districts, a withheld one without a bar', () => {
    const figure = $('figure.chart-figure').eq(1);
    expect(figure.find('text.bar-label').map((_, t) => $(t).text()).get()).toEqual(['Alkmaar', 'Zaanstad', 'Haarlem']);
    expect(figure.find('rect.bar').length).toBe(2);
    const rows = figure.find('details tbody tr').map((_, tr) => [cells($, tr)]).get();
    expect(rows).toEqual([['Alkmaar', 'Noord-Holland Noord', '<5'], ['Zaanstad', 'Zaanstreek-Waterland', '12'], ['Haarlem', 'Kennemerland', '14']]);
  });

  it('shows the movement of numbers between municipalities as a matrix', () => {
    const matrix = $('table.matrix');
    const columns = matrix.find('thead th').map((_, th) => $(th).text()).get().slice(1);
    expect(columns).toEqual(['Haarlem', 'Zaanstad']);
    const haarlem = matrix.find('tbody tr').filter((_, tr) => $(tr).find('th').text() === 'Haarlem');
    expect(haarlem.find('td').eq(columns.indexOf('Zaanstad')).text()).toBe('6');
  });

  it('has the trends table as asked for, with suppression visible and explained', () => {
    const table = $('table.trends-table');
    expect(table.find('thead th').map((_, th) => $(th).text()).get()).toEqual(['Week', 'Begint op', 'District', 'Advertenties gezien', 'Nieuwe advertenties', 'Verdwenen advertenties', 'Verschillende telefoonnummers']);
    const w03 = table.find('tbody tr').filter((_, tr) => cells($, tr)[0] === '2025-W03' && cells($, tr)[2] === 'Kennemerland');
    expect(cells($, w03[0]!)).toEqual(['2025-W03', '2025-01-13', 'Kennemerland', '14', '6', '0', '14']);
    expect($('abbr.withheld').length).toBeGreaterThan(4);
    expect($('.suppression-note').text()).toContain('Kleine aantallen zijn weggelaten');
    // No count from 1 to 4 anywhere in the tables.
    const counts = $('table td.num').map((_, td) => $(td).text().trim()).get().filter((t) => /^\d+$/.test(t)).map(Number);
    expect(counts.filter((c) => c > 0 && c < 5)).toEqual([]);
  });

  it('keeps the form filled in and offers the downloads with the same query', () => {
    expect($('#f-van').attr('value')).toBe(TREND_PERIOD.from);
    expect($('input[name="per"][value="week"]').attr('checked')).toBeDefined();
    expect($('input[name="per"][value="site"]').attr('checked')).toBeUndefined();
    const csv = $('.downloads a').filter((_, a) => $(a).text() === 'CSV').first().attr('href')!;
    expect(csv).toMatch(/^\/analyse\/export\?/);
    expect(Object.fromEntries(new URLSearchParams(csv.split('?')[1]))).toMatchObject({ van: TREND_PERIOD.from, soort: 'trends', format: 'csv' });
  });

  it('contains no phone number, name, ad text or URL, and is audited as an export', async () => {
    expect(personalDataIn(body, seeded.forbidden)).toEqual([]);
    const audited = await exportsAudited(analystName);
    expect(audited.at(-1)).toMatchObject({ target: 'trends', details: { format: 'charts', from: TREND_PERIOD.from, by: ['week', 'district'] } });
  });

  it('refuses a period that ends before it starts, with the reason on the page', async () => {
    const response = await analyst.get(`/analyse?van=2025-02-01&tot=2025-01-01`);
    expect(response.statusCode).toBe(400);
    expect(load(response.body)('.error').text()).toContain('"Van" ligt na "tot en met"');
    expect((await analyst.get('/analyse?van=2025-02-30&tot=2025-03-01')).statusCode).toBe(400);
    expect((await analyst.get('/analyse?per=telefoon')).statusCode).toBe(400);
  });

  it('counts totals only when no box is ticked', async () => {
    const $$ = load((await analyst.get(`/analyse?van=${TREND_PERIOD.from}&tot=${TREND_PERIOD.to}&per=`)).body);
    expect($$('table.trends-table thead th').first().text()).toBe('Advertenties gezien');
    expect(cells($$, $$('table.trends-table tbody tr')[0]!)).toEqual(['34', '34', '0', '28']); // 22 weekly ads + 12 movers; 6 numbers shared
  });

  it('shows this week and the seven before it when no period is given', async () => {
    const $$ = load((await analyst.get('/analyse')).body);
    const today = dutchToday();
    expect($$('#f-tot').attr('value')).toBe(today);
    expect($$('#f-van').attr('value')).toBe(mondayWeeksBefore(today, 8));
    expect(mondayWeeksBefore('2025-01-15', 8)).toBe('2024-11-25'); // a Wednesday: back to Monday, then 7 weeks
    expect(mondayWeeksBefore('2025-01-13', 1)).toBe('2025-01-13');
    expect($$('input[name="per"]:checked').map((_, i) => $$(i).attr('value')).get()).toEqual(['week', 'district']);
  });
});

describe('/analyse/export', () => {
  it('downloads the trends as CSV with the documented columns, suppressed, and audits it', async () => {
    const response = await analyst.get(`/analyse/export?${query('&soort=trends&format=csv')}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="zicht-trends-${TREND_PERIOD.from}-${TREND_PERIOD.to}.csv"`);
    const rows = parseCsv(response.body, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(trendColumns(['week', 'district']).map((c) => c.name));
    const w03 = rows.find((r) => r.week === '2025-W03' && r.district === 'Kennemerland')!;
    expect([w03.ads_seen, w03.phone_numbers]).toEqual(['14', '14']);
    const nhn = rows.filter((r) => r.district === 'Noord-Holland Noord');
    expect(nhn.map((r) => [r.ads_seen, r.ads_seen_flag])).toEqual(Array(4).fill(['', '<5']));
    expect(personalDataIn(response.body, seeded.forbidden)).toEqual([]);
    expect((await exportsAudited(analystName)).at(-1)).toMatchObject({
      target: 'trends',
      details: { format: 'csv', rows: rows.length, file: `zicht-trends-${TREND_PERIOD.from}-${TREND_PERIOD.to}.csv` },
    });
  });

  it('downloads XLSX that opens with the same table and an info sheet, and audits it', async () => {
    const response = await analyst.get(`/analyse/export?${query('&format=xlsx')}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('trends')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(trendColumns(['week', 'district']).map((c) => c.name));
    const text: string[] = [];
    sheet.eachRow((row) => text.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join(' | ')));
    expect(text).toContain('2025-W03 | 2025-01-13 | Kennemerland | 14 | ' + ' | 6 |  | 0 |  | 14 | ');
    expect(workbook.getWorksheet('info')).toBeDefined();
    expect(personalDataIn(text.join('\n'), seeded.forbidden)).toEqual([]);
    expect((await exportsAudited(analystName)).at(-1)?.details).toMatchObject({ format: 'xlsx' });
  });

  it('downloads the movements between municipalities as JSON', async () => {
    const response = await analyst.get(`/analyse/export?van=${TREND_PERIOD.from}&tot=${TREND_PERIOD.to}&per=&soort=bewegingen&niveau=municipality&format=json`);
    expect(response.statusCode).toBe(200);
    const json = JSON.parse(response.body) as { export: string; rows: Array<Record<string, unknown>> };
    expect(json.export).toBe('movements');
    expect(json.rows).toEqual([expect.objectContaining({ from_municipality: 'Haarlem', to_municipality: 'Zaanstad', phone_numbers: 6, phone_numbers_flag: '' })]);
    expect(personalDataIn(response.body, seeded.forbidden)).toEqual([]);
    expect((await exportsAudited(analystName)).at(-1)).toMatchObject({ target: 'movements', details: { format: 'json' } });
  });

  it('refuses a bad request without writing or auditing anything', async () => {
    const before = (await exportsAudited(analystName)).length;
    expect((await analyst.get(`/analyse/export?van=2025-02-01&tot=2025-01-01&format=csv`)).statusCode).toBe(400);
    expect((await analyst.get(`/analyse/export?${query('&format=pdf')}`)).statusCode).toBe(400);
    expect((await exportsAudited(analystName)).length).toBe(before);
  });

  it('is not for coordinators, who get no file and leave no export in the log', async () => {
    const account = await addUser(h.db, 'coordinator');
    const coordinator = await loggedIn(h.app, account);
    const response = await coordinator.get(`/analyse/export?${query('&format=csv')}`);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(await exportsAudited(account.user.username)).toEqual([]);
  });
});
