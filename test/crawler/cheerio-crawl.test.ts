import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, resolveSiteConfig, type CrawlProgress } from '../../src/crawler/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { adPage, buildSite, html, startLocalSite, testLog, type LocalSite, type Route } from './local-site.js';

const ROBOTS = 'User-agent: *\nDisallow: /nothing\n\nUser-agent: zicht-monitor\nDisallow: /ad/9\n';

function listing(links: string[], next?: string): Route {
  const anchors = links.map((href) => `<li><a class="ad" href="${href}">ad</a></li>`).join('');
  return () => html(`<ul>${anchors}</ul>${next ? `<a class="next" href="${next}">volgende</a>` : ''}`);
}

function routes(): Record<string, Route> {
  const big = `${'Lange tekst met veel herhaling. '.repeat(170_000)}EINDE`; // ~5.4 MB
  const cp1252 = iconv.encode(adPage(6, 'Café Zoë, één nacht € 150, ‘welkom’'), 'win1252');
  return {
    '/robots.txt': () => ({ headers: { 'content-type': 'text/plain' }, body: ROBOTS }),
    '/list?page=1': listing(['/ad/1', 'ad/2', '/ad/3#foto', 'http://192.0.2.1/ad/77', '/over-ons', '/ad/4'], '/list?page=2'),
    '/list?page=2': listing(['/ad/5', '/ad/6', '/ad/7', '/ad/8', '/ad/9', '/ad/10', '/ad/1'], '/list?page=1'),
    '/ad/1': () => html(adPage(1)),
    '/ad/2': () => html(adPage(2)),
    '/ad/3': () => html(adPage(3)),
    // 404: no retry
    '/ad/4': () => ({ status: 404, body: adPage(4) }),
    // 500 once, then fine
    '/ad/5': (hit) => (hit === 1 ? { status: 500, body: 'oops' } : html(adPage(5))),
    '/ad/6': () => ({ headers: { 'content-type': 'text/html; charset=windows-1252' }, body: cp1252 }),
    // 429 twice (text/plain, Retry-After 1 s), then fine
    '/ad/7': (hit) =>
      hit <= 2 ? { status: 429, headers: { 'retry-after': '1', 'content-type': 'text/plain' }, body: 'slow down' } : html(adPage(7)),
    '/ad/8': () => html(adPage(8, big)),
    '/ad/9': () => html(adPage(9)), // disallowed by robots.txt for our user agent
    '/ad/10': () => html('<h1>Geen tekst</h1>'), // no ad text: error for this URL
  };
}

describe('crawlSite with cheerio', () => {
  let site: LocalSite;
  beforeAll(async () => {
    site = await startLocalSite(routes());
  });
  afterAll(async () => {
    await site.close();
  });

  it('follows pagination, reads ads and survives 404, 500, 429, windows-1252, 5 MB and robots.txt', async () => {
    const config = resolveSiteConfig(buildSite(), site.url);
    const ads: ScrapedAd[] = [];
    const progress: CrawlProgress[] = [];
    const stats = await crawlSite(config, {
      log: testLog,
      onAd: async (ad) => {
        ads.push(ad);
      },
      onProgress: (p) => progress.push(p),
    });
    const ids = ads.map((ad) => ad.siteAdId).sort((a, b) => Number(a) - Number(b));
    expect(ids).toEqual(['1', '2', '3', '5', '6', '7', '8']);
    expect(stats.ads).toBe(7);
    expect(stats.pagesOk).toBe(9); // 2 listings + 7 ads
    expect(stats.pagesFailed).toBe(2);
    expect(stats.errors).toEqual(
      expect.arrayContaining([
        { url: `${site.url}/ad/4`, message: 'HTTP 404' },
        { url: `${site.url}/ad/10`, message: 'detail page without ad text' },
      ]),
    );
    expect(stats.skippedByRobots).toBe(1);
    expect(site.hits.get('/ad/9')).toBeUndefined();
    expect(site.hits.get('/ad/4')).toBe(1);
    expect(site.hits.get('/ad/5')).toBe(2);
    expect(site.hits.get('/ad/7')).toBe(3);
    expect(site.hits.get('/list?page=1')).toBe(1);
    expect(site.hits.has('/over-ons')).toBe(false);

    const byId = new Map(ads.map((ad) => [ad.siteAdId, ad]));
    expect(byId.get('6')?.text).toBe('Café Zoë, één nacht € 150, ‘welkom’');
    expect(byId.get('8')?.text.length).toBeGreaterThan(5_000_000);
    expect(byId.get('8')?.text.endsWith('EINDE')).toBe(true);
    expect(byId.get('1')).toMatchObject({ url: `${site.url}/ad/1`, name: 'Eva 1', phoneText: '06-12345671' });
    expect([...site.userAgents]).toEqual([config.politeness.userAgent]);
    // the two 429s made the crawl wait ~2 s, so progress was reported on the way
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toMatchObject({ pagesOk: 9, pagesFailed: 2, ads: 7, queued: 0 });
  });
});

describe('crawlSite with cheerio: retries, robots policy, isolation, abort', () => {
  let site: LocalSite;
  const slowAds = Array.from({ length: 60 }, (_, i) => `/ad/${100 + i}`);
  beforeAll(async () => {
    const slow: Record<string, Route> = {};
    for (const path of slowAds) {
      slow[path] = async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return html(adPage(path.slice(4)));
      };
    }
    site = await startLocalSite({
      ...routes(),
      '/list?page=1': listing(['/ad/1', '/ad/2', '/ad/3', '/ad/9'], '/list?page=2'),
      '/list?page=2': listing(['/ad/6']),
      '/broken/list': listing(['/ad/50', '/ad/2']),
      '/ad/50': () => ({ status: 503, body: 'down' }),
      '/slow/list': listing(slowAds),
      ...slow,
    });
  });
  afterAll(async () => {
    await site.close();
  });

  async function crawlIds(overrides: Parameters<typeof buildSite>[0], options: { signal?: AbortSignal; maxPages?: number } = {}) {
    const ads: string[] = [];
    const stats = await crawlSite(resolveSiteConfig(buildSite(overrides), site.url), {
      log: testLog,
      ...options,
      onAd: async (ad) => {
        ads.push(ad.siteAdId);
      },
    });
    return { ids: ads.sort((a, b) => Number(a) - Number(b)), stats };
  }

  it('runs two crawls of one site at once without sharing a queue; robots.txt respected vs ignored', async () => {
    const politeness = { maxConcurrency: 2, maxRequestsPerMinute: 60_000, maxRetries: 2 } as const;
    const [respect, ignore] = await Promise.all([
      crawlIds({ politeness: { ...politeness, robotsTxt: 'respect' } }),
      crawlIds({ politeness: { ...politeness, robotsTxt: 'ignore' } }),
    ]);
    expect(respect.ids).toEqual(['1', '2', '3', '6']);
    expect(respect.stats.skippedByRobots).toBe(1);
    expect(ignore.ids).toEqual(['1', '2', '3', '6', '9']);
    expect(ignore.stats.skippedByRobots).toBe(0);
    expect(site.hits.get('/ad/9')).toBe(1);
  });

  it('gives up on a page that keeps failing after maxRetries, backing off in between', async () => {
    const started = Date.now();
    const { ids, stats } = await crawlIds({
      startUrls: ['{baseUrl}/broken/list'],
      politeness: { maxRetries: 2, maxRequestsPerMinute: 60_000 },
    });
    expect(ids).toEqual(['2']);
    expect(site.hits.get('/ad/50')).toBe(3);
    expect(stats.errors).toEqual([{ url: `${site.url}/ad/50`, message: 'HTTP 503' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000); // ~1 s + ~2 s of backoff, with jitter
  });

  it('stops cleanly when aborted and honours maxPages', async () => {
    const controller = new AbortController();
    const ads: string[] = [];
    const started = Date.now();
    const stats = await crawlSite(resolveSiteConfig(buildSite({ startUrls: ['{baseUrl}/slow/list'] }), site.url), {
      log: testLog,
      signal: controller.signal,
      onAd: async (ad) => {
        ads.push(ad.siteAdId);
        if (ads.length === 5) controller.abort();
      },
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(stats.ads).toBe(ads.length);
    expect(ads.length).toBeGreaterThanOrEqual(5);
    expect(ads.length).toBeLessThan(20);
    expect(stats.queued).toBeGreaterThan(0);

    const capped = await crawlIds({ startUrls: ['{baseUrl}/slow/list'] }, { maxPages: 11 });
    expect(capped.stats.pagesOk).toBe(11);
    expect(capped.ids).toHaveLength(10);
  });
});
