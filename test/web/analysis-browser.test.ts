import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendColumns } from '../../src/export/index.js';
import { PLACES, ReviewSeed } from '../store/review-seed.js';
import { launchChromium, watchedPage } from './chromium.js';
import { personalDataIn } from './personal-data.js';
import { seedTrends, TREND_PERIOD, type TrendSeed } from './trend-seed.js';
import { addUser, startWebHarness, type TestAccount, type WebHarness } from './web-harness.js';

// `UPDATE_SCREENSHOTS=1 npx vitest run test/web/analysis-browser.test.ts` refreshes the pictures in docs/web.md.
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

let h: WebHarness;
let browser: Browser;
let base: string;
let analyst: TestAccount;
let seeded: TrendSeed;

beforeAll(async () => {
  h = await startWebHarness();
  seeded = await seedTrends(h.db);
  // A few ads first seen this week, so the overview's "new" column has something.
  await new ReviewSeed(h.db).ads(Array.from({ length: 6 }, () => ({ place: PLACES.velsen, licence: 'invalid_permit' as const, seenAt: new Date(Date.now() - 2 * 86_400_000).toISOString() })));
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  analyst = await addUser(h.db, 'analyst');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function screenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: true });
  expect(png.length).toBeGreaterThan(10_000);
  if (process.env.UPDATE_SCREENSHOTS) await writeFile(new URL(name, SCREENSHOTS), png);
}

describe('the analyst in chromium', () => {
  it('asks for trends, sees the charts, downloads the CSV; no CSP violation; then the overview', async () => {
    const { page, problems } = await watchedPage(browser, { acceptDownloads: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/analyse`);
    await page.getByLabel('Gebruikersnaam').fill(analyst.user.username);
    await page.getByLabel('Wachtwoord').fill(analyst.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/analyse`);

    await page.getByLabel('Van', { exact: true }).fill(TREND_PERIOD.from);
    await page.getByLabel('Tot en met', { exact: true }).fill(TREND_PERIOD.to);
    await page.getByLabel('Gemeente', { exact: true }).check();
    await page.getByLabel('Grafieken tellen').selectOption('ads_seen');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL(/van=2025-01-06/);

    const trend = page.getByRole('img', { name: 'Advertenties gezien per week per district' });
    await expect.poll(() => trend.isVisible()).toBe(true);
    // Kennemerland and Zaanstreek-Waterland, 4 weeks each; Alkmaar's 3 are withheld, and outside the region's 5 to protect them.
    expect(await trend.locator('circle').count()).toBe(8);
    expect((await trend.boundingBox())!.width).toBeGreaterThan(400);
    expect(await page.getByRole('img', { name: 'Advertenties gezien per gemeente' }).locator('rect.bar').count()).toBe(2);
    // The stylesheet colours the lines by class: no inline style needed.
    expect(await trend.locator('g.series-2 path').first().evaluate((el) => getComputedStyle(el).stroke)).toBe('rgb(0, 158, 115)');
    // The figures as a table, one click away.
    await page.getByText('De cijfers als tabel').first().click();
    await expect.poll(() => page.getByRole('table', { name: 'Advertenties gezien per week en district' }).isVisible()).toBe(true);
    expect(personalDataIn(await page.content(), seeded.forbidden)).toEqual([]);
    await screenshot(page, 'web-analyse.png');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('listitem').filter({ hasText: 'Trendtabel' }).getByRole('link', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`zicht-trends-${TREND_PERIOD.from}-${TREND_PERIOD.to}.csv`);
    const csv = await readFile(await download.path());
    const rows = parseCsv(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(trendColumns(['week', 'municipality', 'district']).map((c) => c.name));
    expect(rows.find((r) => r.week === '2025-W03' && r.municipality === 'Haarlem')?.ads_seen).toBe('14');
    const { rows: audited } = await h.db.query<{ format: string }>(
      `SELECT details->>'format' AS format FROM audit_log WHERE action = 'export' AND username = $1 ORDER BY id`,
      [analyst.user.username],
    );
    expect(audited.map((a) => a.format)).toEqual(['charts', 'charts', 'csv']); // landing, the form, the download

    await page.getByRole('link', { name: 'Overzicht', exact: true }).click();
    await page.waitForURL(`${base}/overzicht`);
    expect(await page.getByRole('heading', { level: 2, name: 'Kennemerland' }).isVisible()).toBe(true);
    expect(await page.getByText('Kleine aantallen zijn weggelaten').isVisible()).toBe(true);
    expect(personalDataIn(await page.content(), seeded.forbidden)).toEqual([]);
    await screenshot(page, 'web-overzicht.png');
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});
