import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, resolveSiteConfig, ChromiumMissingError } from '../../src/crawler/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { buildSite, html, startLocalSite, testLog, type LocalSite, type Route } from './local-site.js';

// Everything below is rendered by script: an age gate that must be confirmed before the listing renders,
// a cookie banner that shows up late and covers the page, and a "Toon nummer" button that fetches the phone.
const SHELL = (script: string) => `<!doctype html><html><head><meta charset="utf-8">
<style>#age-gate,#cookie-banner{position:fixed;inset:0;background:rgba(0,0,0,.8);z-index:10}</style></head><body>
<div id="age-gate"><p>Ben je 18 jaar of ouder?</p><button class="confirm">Ja, ik ben 18+</button></div>
<div id="cookie-banner" hidden><p>Cookies?</p><button class="accept">Accepteren</button></div>
<main id="app"></main>
<script>
const $ = (s) => document.querySelector(s);
const has = (c) => document.cookie.split('; ').includes(c);
function gate(render) {
  if (has('age=ok')) { $('#age-gate').remove(); setTimeout(render, 100); return; }
  $('#age-gate button').onclick = () => { document.cookie = 'age=ok; path=/'; $('#age-gate').remove(); setTimeout(render, 100); };
}
setTimeout(() => { if (!has('cookies=ok')) $('#cookie-banner').hidden = false; }, 250);
$('#cookie-banner button').onclick = () => { document.cookie = 'cookies=ok; path=/'; $('#cookie-banner').hidden = true; };
${script}
</script></body></html>`;

function listingPage(ids: number[], next?: number): Route {
  return () =>
    html(
      SHELL(`gate(() => {
  $('#app').innerHTML = ${JSON.stringify(ids)}.map((id) => '<a class="ad-card" href="/advertenties/' + id + '-lieve-eva">Eva ' + id + '</a>').join('')
    + ${next ? `'<a class="next-page" href="/advertenties?page=${next}">Volgende</a>'` : "''"};
  $('#app').setAttribute('data-ready', '');
});`),
    );
}

function detailPage(id: number): Route {
  return () =>
    html(
      SHELL(`gate(() => {
  $('#app').innerHTML = '<div class="ad-detail"><h1>Eva ${id}</h1><span class="city">Zaandam</span>'
    + '<img src="/img/${id}.jpg"><p class="description">Nieuw in Zaandam, advertentie ${id}.</p>'
    + '<span class="phone-number"></span><button class="toon-nummer">Toon nummer</button></div>';
  $('button.toon-nummer').onclick = async () => {
    const res = await fetch('/api/phone/${id}');
    if (res.ok) $('.phone-number').textContent = await res.text();
  };
  $('#app').setAttribute('data-ready', '');
});`),
    );
}

const SITE = buildSite({
  id: 'scripted',
  kind: 'playwright',
  startUrls: ['{baseUrl}/advertenties?page=1'],
  listing: { detailLinks: 'a.ad-card', pageLinks: 'a.next-page' },
  detail: {
    urlPattern: '^/advertenties/(\\d+)-[^/]+$',
    fields: { title: '.ad-detail h1', location: '.ad-detail .city', phone: '.ad-detail .phone-number', text: '.ad-detail .description' },
  },
  clicks: {
    cookieBanner: '#cookie-banner button.accept',
    ageGate: '#age-gate button.confirm',
    waitFor: 'main[data-ready]',
    revealPhone: 'button.toon-nummer',
  },
  politeness: { maxConcurrency: 2, maxRequestsPerMinute: 60_000, robotsTxt: 'respect', maxRetries: 2, requestTimeoutSecs: 15 },
});

describe.skipIf(!existsSync('/usr/bin/chromium'))('crawlSite with playwright', () => {
  let site: LocalSite;
  beforeAll(async () => {
    const routes: Record<string, Route> = {
      '/robots.txt': () => ({ headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /admin\n' }),
      '/advertenties?page=1': listingPage([1, 2, 3], 2),
      '/advertenties?page=2': listingPage([4, 5, 6]),
    };
    for (const id of [1, 2, 3, 4, 5, 6]) {
      routes[`/advertenties/${id}-lieve-eva`] = detailPage(id);
      // ad 5's number only comes through on the second try
      routes[`/api/phone/${id}`] = (hit) => (id === 5 && hit === 1 ? { status: 500 } : { body: `06-1234567${id}` });
    }
    const throttled = routes['/advertenties/3-lieve-eva']!;
    routes['/advertenties/3-lieve-eva'] = (hit, req) =>
      hit === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'Too many requests' } : throttled(hit, req);
    site = await startLocalSite(routes);
  });
  afterAll(async () => {
    await site.close();
  });

  it('clicks through age gate and cookie banner, reveals phones and reads the rendered DOM', async () => {
    const ads: ScrapedAd[] = [];
    const stats = await crawlSite(resolveSiteConfig(SITE, site.url), {
      log: testLog,
      onAd: async (ad) => {
        ads.push(ad);
      },
    });
    expect(stats.errors).toEqual([]);
    const byId = new Map(ads.map((ad) => [ad.siteAdId, ad]));
    expect([...byId.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(ads).toHaveLength(6);
    for (const [id, ad] of byId) {
      expect(ad).toMatchObject({
        site: 'scripted',
        title: `Eva ${id}`,
        location: 'Zaandam',
        phoneText: `06-1234567${id}`,
        text: `Nieuw in Zaandam, advertentie ${id}.`,
      });
    }
    expect(stats.pagesOk).toBe(8);
    expect(site.hits.get('/advertenties/3-lieve-eva')).toBe(2); // 429, then fine
    expect(site.hits.get('/api/phone/5')).toBe(2); // not revealed the first time: page retried
    expect([...site.hits.keys()].some((path) => path.startsWith('/img/'))).toBe(false); // images blocked
    expect([...site.userAgents]).toEqual([SITE.politeness?.userAgent ?? resolveSiteConfig(SITE, site.url).politeness.userAgent]);
  });

  it('refuses to start without a browser instead of downloading one', async () => {
    const run = crawlSite(resolveSiteConfig(SITE, site.url), {
      log: testLog,
      chromiumPath: '/nonexistent/chromium',
      onAd: async () => undefined,
    });
    await expect(run).rejects.toBeInstanceOf(ChromiumMissingError);
  });
});
