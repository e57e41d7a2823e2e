import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/store/index.js';
import { launchChromium, watchedPage as watchedPageOf } from './chromium.js';
import { addUser, startWebHarness, type TestAccount, type WebHarness } from './web-harness.js';

let h: WebHarness;
let browser: Browser;
let base: string;
let admin: TestAccount;

beforeAll(async () => {
  h = await startWebHarness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  admin = await addUser(h.db, 'admin');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const watchedPage = () => watchedPageOf(browser);

describe('the web app in chromium', () => {
  it('logs in through the real form and shows the audit page, with no CSP violation or console error', async () => {
    const hostile = '<img src=x onerror="document.title=\'pwned\'">';
    await audit(h.db, { userId: null, username: 'attacker', action: 'export', target: hostile });
    const { page, problems } = await watchedPage();
    await page.goto(`${base}/beheer/audit`);
    expect(new URL(page.url()).pathname).toBe('/inloggen');

    // Keyboard first: the skip link is the first stop and is visible when focused.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');

    await page.getByLabel('Gebruikersnaam').fill(admin.user.username);
    await page.getByLabel('Wachtwoord').fill(admin.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/beheer/audit`);

    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.some((r) => r.includes(admin.user.username) && r.includes('Ingelogd'))).toBe(true);
    expect(rows.some((r) => r.includes(hostile))).toBe(true); // shown as text
    expect(await page.title()).toBe('Auditlog · Zicht');
    expect(await page.locator('img').count()).toBe(0);

    // The stylesheet loaded under the CSP: the header has its colour, not the default.
    expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(21, 66, 115)');
    expect(await page.getByRole('link', { name: 'Auditlog', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await problems()).toEqual([]);
    await page.context().close();
  });

  it('runs its own script under the CSP: blocking a user asks for confirmation first', async () => {
    const target = await addUser(h.db, 'analyst');
    const { page, problems } = await watchedPage();
    await page.goto(`${base}/inloggen`);
    await page.getByLabel('Gebruikersnaam').fill(admin.user.username);
    await page.getByLabel('Wachtwoord').fill(admin.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/beheer`);
    await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
    const block = page.getByRole('button', { name: `Blokkeren ${target.user.username}` });

    page.once('dialog', (dialog) => void dialog.dismiss());
    await block.click();
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/beheer/gebruikers');
    expect((await h.db.query<{ disabled: boolean }>('SELECT disabled FROM users WHERE id = $1::bigint', [target.user.id])).rows[0]?.disabled).toBe(false);

    page.once('dialog', (dialog) => void dialog.accept());
    await block.click();
    await page.waitForURL(/geblokkeerd=/);
    expect(await page.getByRole('status').innerText()).toContain(`${target.user.username} is geblokkeerd`);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});
