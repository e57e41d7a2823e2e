import { chromium, type Browser, type Page } from 'playwright-core';

/** The flags src/crawler/playwright-site.ts runs Debian's chromium with. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface WatchOptions {
  acceptDownloads?: boolean;
  viewport?: { width: number; height: number };
  /** Console messages that are expected, e.g. the status line the browser logs for a 403/404 page. */
  expectedConsole?: RegExp;
  /** Record and dismiss every dialog (an injected `alert()` would show up); off where a test answers one. */
  dialogsAreProblems?: boolean;
}

/**
 * A page (in a context of its own) that records console errors and warnings, page errors, CSP
 * violations (the listener is an init script, not subject to the CSP) and, if asked, dialogs.
 * Close `page.context()`.
 */
export async function watchedPage(browser: Browser, options: WatchOptions = {}): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  const context = await browser.newContext({ acceptDownloads: options.acceptDownloads ?? false, ...(options.viewport ? { viewport: options.viewport } : {}) });
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const seen: string[] = [];
  if (options.dialogsAreProblems) {
    page.on('dialog', (dialog) => {
      seen.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }
  page.on('console', (message) => {
    if (options.expectedConsole?.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') seen.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  return {
    page,
    problems: async () => [...seen, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))],
  };
}
