import { chromium, type Browser, type Page } from 'playwright-core';

/** The flags src/crawler/playwright-site.ts runs Debian's chromium with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page (in a context of its own) that records console errors and warnings, page errors and CSP
 * violations (the listener is an init script, not subject to the CSP). Close `page.context()`.
 */
export async function watchedPage(browser: Browser, options: { acceptDownloads?: boolean } = {}): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const context = await browser.newContext({ acceptDownloads: options.acceptDownloads ?? false });
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') seen.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  return {
    page,
    problems: async () => [...seen, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))],
  };
}
