import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.js';
import { defaultPattern } from '../../src/queue/schedules.js';
import { finishCrawlRun, recordSiteHealth, saveScheduleOverride, startCrawlRun } from '../../src/store/index.js';
import { ROUTES } from '../../src/web/routes/index.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { recordCrawl } from '../helpers/crawl-run.js';
import { addUser, loggedIn, startWebHarness, WebClient, type TestAccount, type WebHarness } from './web-harness.js';

let h: WebHarness;
let admin: TestAccount;
let adminClient: WebClient;
/** Broken on its latest crawl; configured with its own schedule. */
const broken = uniqueSite();
/** Healthy; configured, on the default nightly slot. */
const healthy = uniqueSite();
/** Many runs (paging); its schedule set by hand. */
const busy = uniqueSite();
const BUSY_RUNS = 55;
const REASON = "no ads on 10 pages: the site's selectors probably no longer match its layout";
const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

beforeAll(async () => {
  h = await startWebHarness({ sites: [{ id: broken, schedule: '15 3 * * *' }, { id: healthy }, { id: busy }] });
  admin = await addUser(h.db, 'admin');
  adminClient = await loggedIn(h.app, admin);
  for (const day of [1, 2, 3]) await recordSiteHealth(h.db, (await recordCrawl(h.db, broken, day, ids(20 + day, 'b'))).summary);
  const suspect = await recordCrawl(h.db, broken, 4, [], {
    status: 'suspect', healthReason: REASON, usualAds: 22, errors: [{ url: 'http://127.0.0.1/lijst?page=2', message: 'selector .ad-card matched nothing' }],
  });
  await recordSiteHealth(h.db, suspect.summary);
  for (const day of [1, 2]) await recordSiteHealth(h.db, (await recordCrawl(h.db, healthy, day, ids(9, 'h'))).summary);
  for (let i = 0; i < BUSY_RUNS; i++) {
    const startedAt = new Date(Date.UTC(2024, 10, 1, 1, i));
    await startCrawlRun(h.db, { id: `busy-${i}`, site: busy, startedAt });
    await finishCrawlRun(h.db, { runId: `busy-${i}`, status: 'succeeded', pages: 1, pagesFailed: 0, errors: [], finishedAt: new Date(startedAt.getTime() + 1000) });
  }
  await saveScheduleOverride(h.db, { site: busy, pattern: '0 4 * * 1', tz: 'Europe/Amsterdam' });
});
afterAll(() => h?.close());

const rowsOf = ($: CheerioAPI) => $('table.runs-table tbody tr').map((_, tr) => [$(tr).find('td').map((__, td) => $(td).text().trim()).get()]).get();

describe('/beheer/crawls', () => {
  it("lists a site's runs newest first with status, counts and errors", async () => {
    const $ = load((await adminClient.get(`/beheer/crawls?site=${broken}`)).body);
    const rows = rowsOf($);
    expect(rows).toHaveLength(4);
    const [suspect, day3] = rows;
    expect(suspect![0]).toBe(broken);
    expect(suspect![1]).toContain('verdacht');
    expect(suspect![1]).toContain(REASON);
    // pages, failed, seen, new, changed, unchanged, gone, errors
    expect(suspect!.slice(4)).toEqual(['10', '0', '0', '0', '0', '0', '0', '1']);
    expect(day3!.slice(4)).toEqual(['10', '0', '23', '1', '0', '22', '0', '0']);
    expect($('#f-site option[selected]').attr('value')).toBe(broken);
    expect($('#f-site option').map((_, o) => $(o).attr('value')).get()).toEqual(['', ...[broken, busy, healthy].sort()]);
  });

  it('pages through every run once, 50 at a time', async () => {
    const first = load((await adminClient.get(`/beheer/crawls?site=${busy}`)).body);
    expect(rowsOf(first)).toHaveLength(50);
    const older = first('a[rel="next"]').attr('href')!;
    expect(older).toContain('voor=');
    const second = load((await adminClient.get(older)).body);
    expect(rowsOf(second)).toHaveLength(BUSY_RUNS - 50);
    expect(second('a[rel="next"]').length).toBe(0);
    const started = [...first('table.runs-table time'), ...second('table.runs-table time')].map((t) => first(t).attr('datetime')!);
    const startTimes = started.filter((_, i) => i % 2 === 0); // each row: started, finished
    expect(new Set(startTimes).size).toBe(BUSY_RUNS);
    expect([...startTimes].sort().reverse()).toEqual(startTimes);
  });

  it('filters by status, and refuses a status or date it does not know', async () => {
    const $ = load((await adminClient.get('/beheer/crawls?status=suspect')).body);
    expect(rowsOf($).map((r) => r[0])).toEqual([broken]);
    expect((await adminClient.get('/beheer/crawls?status=weird')).statusCode).toBe(400);
    expect((await adminClient.get('/beheer/crawls?voor=gisteren')).statusCode).toBe(400);
  });

  it("shows a run's errors on its own page; an unknown run is 404", async () => {
    const list = load((await adminClient.get(`/beheer/crawls?site=${broken}&status=suspect`)).body);
    const page = await adminClient.get(list('table.runs-table tbody tr td a[href^="/beheer/crawls/"]').first().attr('href')!);
    expect(page.statusCode).toBe(200);
    const $ = load(page.body);
    expect($('h1').text()).toBe(`Crawl van ${broken}`);
    expect($('table tbody tr td').map((_, td) => $(td).text()).get()).toEqual(['http://127.0.0.1/lijst?page=2', 'selector .ad-card matched nothing']);
    expect($('dl.facts').text()).toContain(REASON);
    expect((await adminClient.get('/beheer/crawls/bestaat-niet')).statusCode).toBe(404);
  });
});

describe('/beheer/sites', () => {
  it('shows each site: health with the reason, its last runs, and its schedule with the next run', async () => {
    const $ = load((await adminClient.get('/beheer/sites')).body);
    const rows = $('table.sites-table tbody tr');
    // The unhealthy first, then by name.
    expect(rows.map((_, tr) => $(tr).find('th').text()).get()).toEqual([broken, ...[busy, healthy].sort()]);
    const cellsOf = (site: string) => rows.filter((_, tr) => $(tr).find('th').text() === site).find('td');
    const brokenCells = cellsOf(broken);
    expect(brokenCells.eq(0).text()).toContain('mogelijk kapot');
    expect(brokenCells.eq(0).text()).toContain(REASON);
    expect(brokenCells.eq(0).text()).toContain('gewoonlijk 22');
    expect(brokenCells.eq(1).find('li').length).toBe(4);
    expect(brokenCells.eq(2).find('code').text()).toBe('15 3 * * *');
    expect(brokenCells.eq(2).text()).toContain('uit de siteconfiguratie');
    expect(brokenCells.eq(2).find('time').attr('datetime')).toMatch(/T\d{2}:\d{2}:00\.000Z$/);
    expect(cellsOf(healthy).eq(0).text()).toContain('gezond');
    expect(cellsOf(healthy).eq(2).find('code').text()).toBe(defaultPattern(healthy));
    expect(cellsOf(healthy).eq(2).text()).toContain('standaard nachtelijk tijdstip');
    expect(cellsOf(busy).eq(1).find('li').length).toBe(5);
    expect(cellsOf(busy).eq(2).find('code').text()).toBe('0 4 * * 1');
    expect(cellsOf(busy).eq(2).text()).toContain('zicht schedule set');
  });

  it('says the schedule is unknown when the app was started without the site configs', async () => {
    const bare = await h.secondApp({ sites: undefined });
    const $ = load((await (await loggedIn(bare, admin)).get('/beheer/sites')).body);
    const row = (site: string) => $('table.sites-table tbody tr').filter((_, tr) => $(tr).find('th').text() === site).find('td').eq(2).text();
    expect(row(broken)).toContain('onbekend');
    expect(row(busy)).toContain('0 4 * * 1'); // an override is in the database
  });

  it('is linked from the admin home page', async () => {
    const $ = load((await adminClient.get('/beheer')).body);
    expect($('a[href="/beheer/crawls"]').length).toBe(1);
    expect($('main a[href="/beheer/sites"]').length).toBeGreaterThanOrEqual(1);
  });
});

describe('the alert for a possibly broken site', () => {
  it('is on every page of admins, with the reason and a link, and of coordinators, without; not of analysts', async () => {
    const adminAlert = load((await adminClient.get('/beheer/gebruikers')).body)('section.site-alert');
    expect(adminAlert.find('h2').text()).toBe('Let op: een site is mogelijk kapot');
    expect(adminAlert.find('li').text()).toContain(broken);
    expect(adminAlert.find('li').text()).toContain(REASON);
    expect(adminAlert.find('a[href="/beheer/sites"]').length).toBe(1);
    const coordinator = await loggedIn(h.app, await addUser(h.db, 'coordinator'));
    const coordinatorAlert = load((await coordinator.get('/overzicht')).body)('section.site-alert');
    expect(coordinatorAlert.find('li').text()).toContain(broken);
    expect(coordinatorAlert.text()).not.toContain(REASON);
    expect(coordinatorAlert.find('a').length).toBe(0);
    const analyst = await loggedIn(h.app, await addUser(h.db, 'analyst'));
    expect(load((await analyst.get('/overzicht')).body)('section.site-alert').length).toBe(0);
  });

  it('goes away once the site crawls well again, and comes back when it fails', async () => {
    await recordSiteHealth(h.db, (await recordCrawl(h.db, broken, 5, ids(21, 'b'))).summary);
    expect(load((await adminClient.get('/beheer')).body)('section.site-alert').length).toBe(0);
    await recordSiteHealth(h.db, (await recordCrawl(h.db, broken, 6, [], { status: 'incomplete', healthReason: '9 of 10 pages failed' })).summary);
    expect(load((await adminClient.get('/beheer')).body)('section.site-alert li').text()).toContain('faalt');
  });
});

describe('the new pages under the CSP', () => {
  it('hold no inline script, no inline style and no event-handler attributes (the charts neither)', async () => {
    const runLink = load((await adminClient.get(`/beheer/crawls?site=${broken}`)).body)('a[href^="/beheer/crawls/"]').first().attr('href')!;
    for (const url of ['/overzicht', '/analyse?van=2025-01-01&tot=2025-01-31', '/beheer/crawls', runLink, '/beheer/sites']) {
      const body = (await adminClient.get(url)).body;
      expect(body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(body, url).not.toMatch(/\sstyle=|<style/);
      expect(body, url).not.toMatch(/\son[a-z]+=/);
    }
  });
});

describe('/metrics beside the pages', () => {
  it('is no page route: a session does not open it, only its own rule (loopback or the bearer token)', async () => {
    expect(ROUTES.some((r) => r.url === '/metrics')).toBe(false);
    const app = await h.secondApp({ metrics: { metrics: createMetrics(), sources: { db: h.db }, access: {} } });
    const remoteAdmin = await new WebClient(app, '192.0.2.10').loginAs(admin);
    expect((await remoteAdmin.get('/metrics')).statusCode).toBe(403);
    const local = await new WebClient(app).get('/metrics');
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain('zicht_crawl_last_run_status');
  });
});
