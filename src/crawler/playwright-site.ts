import type { Configuration, Request, RequestQueue } from '@crawlee/core';
import { PlaywrightCrawler, playwrightUtils, type PlaywrightCrawlingContext } from '@crawlee/playwright';
import { load } from 'cheerio';
import { chromium, type Page, type Response } from 'playwright-core';
import { parseSelector, readField } from './field-selector.js';
import { TransientPageError, checkStatus } from './politeness.js';
import { DETAIL, deliverAd, enqueueListing, sharedCrawlerOptions, throttledCount, type SiteRun } from './site-run.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
// The browser reads text only: photos are downloaded once by our HTTP client and hashed (ad-photos.ts),
// so the browser need not load them.
const BLOCKED_URL_PATTERNS = ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.svg', '.ico', '.woff', '.woff2', '.ttf', '.mp4'];
const POLL_MS = 50;
const CLICK_TIMEOUT_MS = 750;
/** How long a revealed phone number may take to appear after "Toon nummer". */
const PHONE_WAIT_MS = 5_000;

/** A configured selector as a Playwright CSS selector list (alternatives joined, `@attr` dropped). */
function cssOf(selector: string): string {
  return parseSelector(selector)
    .map((part) => part.css)
    .join(', ');
}

async function clickIfVisible(page: Page, selector: string): Promise<boolean> {
  const target = page.locator(selector).first();
  if (!(await target.isVisible().catch(() => false))) return false;
  await target.click({ timeout: CLICK_TIMEOUT_MS }).catch(() => undefined);
  return true;
}

/**
 * Clicks away age gate and cookie banner whenever they are visible, until the `waitFor` selector is
 * there and no gate is left. Absent gates cost nothing; a page that never gets ready is a transient error.
 */
async function passGates(page: Page, run: SiteRun, timeoutMs: number): Promise<void> {
  const { ageGate, cookieBanner, waitFor } = run.site.clicks;
  const gates = [ageGate, cookieBanner].filter((s): s is string => s !== undefined).map(cssOf);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let clicked = false;
    for (const gate of gates) clicked = (await clickIfVisible(page, gate)) || clicked;
    const ready = waitFor === undefined || (await page.locator(cssOf(waitFor)).count()) > 0;
    if (ready && !clicked) return;
    if (Date.now() > deadline) {
      if (!ready) throw new TransientPageError(`page not ready: ${waitFor} did not appear`);
      return;
    }
    if (!clicked) await page.waitForTimeout(POLL_MS);
  }
}

async function phoneText(page: Page, selector: string): Promise<string> {
  return readField(load(await page.content()), selector) ?? '';
}

/**
 * Clicks "Toon nummer" (when the page has one) and waits until the phone field shows a new, non-empty
 * value. A number that never shows up makes the page retry; on its last attempt the ad goes on without it.
 */
async function revealPhone(page: Page, request: Request, run: SiteRun): Promise<void> {
  const { revealPhone: reveal } = run.site.clicks;
  const phone = run.site.detail.fields.phone;
  if (reveal === undefined || !(await page.locator(cssOf(reveal)).first().isVisible())) return;
  const before = phone === undefined ? '' : await phoneText(page, phone);
  if (!(await clickIfVisible(page, cssOf(reveal)))) return;
  if (phone === undefined) return;
  const start = Date.now();
  let clickedAgain = false;
  while (Date.now() - start < PHONE_WAIT_MS) {
    const now = await phoneText(page, phone);
    if (now !== '' && now !== before) return;
    if (!clickedAgain && Date.now() - start > PHONE_WAIT_MS / 2) {
      // A late gate or a slow script may have swallowed the first click; clicking again once is safe,
      // clicking repeatedly could toggle the number away again.
      clickedAgain = true;
      await passGates(page, run, CLICK_TIMEOUT_MS);
      await clickIfVisible(page, cssOf(reveal));
    }
    await page.waitForTimeout(POLL_MS * 2);
  }
  if (request.retryCount < run.site.politeness.maxRetries) throw new TransientPageError('phone number not revealed');
  run.log.warn({ url: request.url }, 'phone number not revealed, reading ad without it');
}

async function handlePage(context: PlaywrightCrawlingContext, run: SiteRun): Promise<void> {
  const request = context.request;
  const page = context.page as Page;
  const response = context.response as Response | undefined | null;
  checkStatus(response?.status() ?? 200, await response?.headerValue('retry-after'), throttledCount(request));
  await passGates(page, run, run.site.politeness.requestTimeoutSecs * 1000);
  const url = request.loadedUrl ?? request.url;
  if (request.label === DETAIL) {
    await revealPhone(page, request, run);
    await deliverAd(load(await page.content()), url, run);
  } else {
    await enqueueListing(load(await page.content()), url, run, context.crawler);
  }
  run.counter.pageOk();
}

/**
 * A PlaywrightCrawler for a script-rendered site: Debian's chromium through playwright-core (never a
 * downloaded browser), our user agent, images and fonts blocked, gates clicked through, and the rendered
 * DOM read by the same `readDetail` code as server-rendered sites.
 */
export function createPlaywrightCrawler(
  run: SiteRun,
  requestQueue: RequestQueue,
  config: Configuration,
  chromiumPath: string,
): PlaywrightCrawler {
  const { userAgent } = run.site.politeness;
  const waitUntil = run.site.clicks.waitFor === undefined ? 'load' : 'domcontentloaded';
  return new PlaywrightCrawler(
    {
      ...sharedCrawlerOptions(run, requestQueue),
      headless: true,
      launchContext: {
        launcher: chromium,
        userAgent,
        launchOptions: { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS },
      },
      browserPoolOptions: { useFingerprints: false },
      preNavigationHooks: [
        async ({ page }, gotoOptions) => {
          await run.pacer.wait(run.signal);
          if (gotoOptions) gotoOptions.waitUntil = waitUntil;
          await playwrightUtils.blockRequests(page as Page, { urlPatterns: BLOCKED_URL_PATTERNS });
        },
      ],
      requestHandler: async (context) => handlePage(context, run),
    },
    config,
  );
}
