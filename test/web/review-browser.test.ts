import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPhones } from '../../src/extract/index.js';
import { launchChromium, watchedPage as watchedPageOf } from './chromium.js';
import { PAYLOADS, seedReviewAds, type ReviewAds } from './review-ads.js';
import { addUser, startWebHarness, type TestAccount, type WebHarness } from './web-harness.js';

// The review pages in Debian's chromium, on ads stored and scored by the real pipeline: a
// coordinator works the queue and decides, the admin finds it in the audit log, the district and
// role rules hold, an analyst never sees a phone number, hostile ads stay inert text.
/** Where the screenshots go; `ZICHT_SCREENSHOT_DIR=docs/screenshots` refreshes the docs' pictures. */
const SCREENSHOTS = process.env.ZICHT_SCREENSHOT_DIR ?? join(tmpdir(), 'zicht-screenshots');

let h: WebHarness;
let browser: Browser;
let base: string;
let ads: ReviewAds;
const accounts = {} as Record<'kennemerland' | 'zaanstreek' | 'admin' | 'analyst', TestAccount>;

beforeAll(async () => {
  h = await startWebHarness();
  ads = await seedReviewAds(h.db);
  accounts.kennemerland = await addUser(h.db, 'coordinator', { district: 'Kennemerland', username: 'coordinator-haarlem' });
  accounts.zaanstreek = await addUser(h.db, 'coordinator', { district: 'Zaanstreek-Waterland' });
  accounts.admin = await addUser(h.db, 'admin');
  accounts.analyst = await addUser(h.db, 'analyst');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Error pages (403/404) are answered as such; the browser logs their status, which is expected. */
const watchedPage = () => watchedPageOf(browser, { viewport: { width: 1280, height: 900 }, expectedConsole: /status of 40[34]/, dialogsAreProblems: true });

async function logIn(page: Page, account: TestAccount, start = '/'): Promise<void> {
  await page.goto(`${base}${start}`);
  await page.getByLabel('Gebruikersnaam').fill(account.user.username);
  await page.getByLabel('Wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.pathname !== '/inloggen');
}

describe('the review pages in chromium', () => {
  it('a coordinator filters the queue, opens the top ad, decides; the admin sees it in the audit log', async () => {
    const { page, problems } = await watchedPage();
    await logIn(page, accounts.kennemerland);
    expect(new URL(page.url()).pathname).toBe('/werkvoorraad');
    const rows = page.locator('table.queue-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-queue.png') });

    await page.getByLabel('Indicator').selectOption('phone_shared');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/indicator=phone_shared/);
    expect(await rows.count()).toBe(2);
    // The filters are in the URL: back goes to the unfiltered queue, forward returns.
    await page.goBack();
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await page.goForward();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByLabel('Indicator').inputValue()).toBe('phone_shared');

    const top = rows.first().getByRole('link');
    const title = await top.innerText();
    await top.click();
    await page.waitForURL(/\/advertenties\/\d+$/);
    const adId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(adId).toBe(ads.hostile);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(title);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-ad.png') });

    await page.locator('#ad-besluit').selectOption('inspection_planned');
    await page.locator('#ad-notitie').fill('Controle volgende week, samen met zorg.');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.waitForURL(/vastgelegd=1/);
    expect(await page.getByRole('status').innerText()).toContain('Besluit vastgelegd: Controle gepland');
    const history = page.locator('section[aria-labelledby="h-besluit"] table tbody tr');
    expect(await history.count()).toBe(1);
    expect(await history.first().innerText()).toContain('Controle volgende week, samen met zorg.');
    await page.locator('section[aria-labelledby="h-besluit"]').screenshot({ path: join(SCREENSHOTS, 'review-decision.png') });
    expect(await problems()).toEqual([]);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await logIn(page, accounts.admin, '/beheer/audit?actie=decision');
    const audit = await page.getByRole('table').getByRole('row').allInnerTexts();
    expect(audit.some((r) => r.includes('coordinator-haarlem') && r.includes('Besluit vastgelegd') && r.includes(ads.hostile) && r.includes('inspection_planned'))).toBe(true);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it("a coordinator cannot reach another district's ad (404) or the admin pages (403)", async () => {
    const { page } = await watchedPage();
    await logIn(page, accounts.zaanstreek);
    const ad = await page.goto(`${base}/advertenties/${ads.hostile}`);
    expect(ad?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Niet gevonden');
    expect(await page.locator('main').innerText()).not.toContain('Haarlem');
    for (const path of ['/beheer', '/beheer/audit', '/beheer/gebruikers']) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Geen toegang');
    }
    await page.context().close();
  });

  it('an analyst sees no phone number on any page it can reach', async () => {
    const { page } = await watchedPage();
    await logIn(page, accounts.analyst);
    const queue = ['/', '/werkvoorraad', `/advertenties/${ads.hostile}`, `/advertenties/${ads.zaandam}`, '/beheer'];
    const seen = new Set<string>();
    const visited: string[] = [];
    while (queue.length > 0 && seen.size < 60) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await page.context().request.get(`${base}${path}`);
      const body = await response.text();
      expect(body, path).not.toContain(ads.phone.e164);
      expect(body, path).not.toContain(ads.phone.shown);
      if (!(response.headers()['content-type'] ?? '').includes('text/html')) {
        expect(extractPhones({ text: body }).map((p) => p.e164), path).toEqual([]);
        continue;
      }
      await page.goto(`${base}${path}`);
      visited.push(`${path} ${response.status()}`);
      expect(extractPhones({ text: await page.locator('body').innerText() }).map((p) => p.e164), path).toEqual([]);
      const links = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      for (const link of links) if (!link.startsWith('/static/') && !seen.has(link)) queue.push(link);
    }
    // It did get around: its own pages were read, the ad pages refused.
    expect(visited).toContain('/overzicht 200');
    expect(visited).toContain(`/advertenties/${ads.hostile} 403`);
    await page.context().close();
  });

  it('renders hostile ads as inert text on every page: no dialog, no CSP violation, the text visible', async () => {
    const { page, problems } = await watchedPage();
    await logIn(page, accounts.kennemerland, '/werkvoorraad?review=all&status=all');
    const check = async () => {
      expect(await page.locator('main script, main img, main svg, main iframe, main object').count()).toBe(0);
      const handlers = await page.locator('body *').evaluateAll((els) => els.flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on'))));
      expect(handlers).toEqual([]);
      expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    };
    await expect.poll(() => page.getByText(`${PAYLOADS.script} Nieuw in Haarlem`).count()).toBe(1);
    await check();

    await page.goto(`${base}/advertenties/${ads.hostile}`);
    await check();
    const main = page.locator('main');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`${PAYLOADS.script} Nieuw in Haarlem`);
    const text = await main.innerText();
    for (const payload of [PAYLOADS.img, PAYLOADS.link, PAYLOADS.attribute.trim()]) expect(text).toContain(payload);
    expect(await page.locator('mark.hl', { hasText: 'zonder condoom' }).count()).toBe(1);
    expect(await page.locator('.diff ins', { hasText: PAYLOADS.script }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /Advertentie op de site/ }).getAttribute('href')).toBe('#');
    // Hovering and clicking the payloads' text runs nothing.
    await page.getByText(PAYLOADS.link).first().hover();
    await page.getByText(PAYLOADS.link).first().click();

    await page.getByRole('link', { name: /svg onload/ }).click();
    await page.waitForURL(`${base}/advertenties/${ads.sibling}`);
    await check();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`Mira ${PAYLOADS.svg}`);
    await page.waitForTimeout(300);
    expect(await page.title()).toBe(`Advertentie ${ads.sibling} · Zicht`);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});
