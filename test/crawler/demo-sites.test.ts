// The crawler against the fixture ad sites (src/fixtures), the contract being config/demo-sites/*.json.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, loadSiteConfigs, type CrawlStats, type SiteConfig } from '../../src/crawler/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { startDemoSites, type DemoSites, type GroundTruth } from '../../src/fixtures/index.js';
import { testLog } from './local-site.js';

async function truthOf(sites: DemoSites, id: 'demo-a' | 'demo-b' | 'demo-c'): Promise<GroundTruth[]> {
  return (await (await fetch(`${sites.urls[id]}/_truth`)).json()) as GroundTruth[];
}

async function configs(sites: DemoSites): Promise<Map<string, SiteConfig>> {
  const env = {
    ZICHT_SITE_DEMO_A_URL: sites.urls['demo-a'],
    ZICHT_SITE_DEMO_B_URL: sites.urls['demo-b'],
    ZICHT_SITE_DEMO_C_URL: sites.urls['demo-c'],
  };
  return new Map((await loadSiteConfigs('config/demo-sites', env)).map((site) => [site.id, site]));
}

async function crawl(site: SiteConfig): Promise<{ ads: ScrapedAd[]; stats: CrawlStats }> {
  const ads: ScrapedAd[] = [];
  const stats = await crawlSite(site, {
    log: testLog,
    onAd: async (ad) => {
      ads.push(ad);
    },
  });
  return { ads, stats };
}

/** Every ad of the ground truth found exactly once, nothing else. */
function expectAllOnce(ads: ScrapedAd[], truth: GroundTruth[]): void {
  const found = ads.map((ad) => ad.siteAdId).sort();
  expect(found).toEqual(truth.map((t) => t.siteAdId).sort());
  expect(new Set(found).size).toBe(found.length);
}

describe('crawling the fixture sites (chaos on)', () => {
  let sites: DemoSites;
  let site: Map<string, SiteConfig>;
  beforeAll(async () => {
    sites = await startDemoSites({ ads: 400, seed: 7, day: 0 });
    site = await configs(sites);
  });
  afterAll(async () => {
    await sites?.close();
  });

  it('finds every demo-a ad once, through 429s, 500s, slow, malformed, windows-1252 and 5 MB pages', async () => {
    const truth = await truthOf(sites, 'demo-a');
    expect(truth.length).toBeGreaterThan(150);
    const { ads, stats } = await crawl(site.get('demo-a')!);
    expectAllOnce(ads, truth);
    expect(stats.errors).toEqual([]);
    const byId = new Map(ads.map((ad) => [ad.siteAdId, ad]));
    for (const t of truth) {
      const ad = byId.get(t.siteAdId)!;
      expect(ad.url).toBe(t.url);
      expect(ad.text.length).toBeGreaterThan(20);
      if (t.phones.length > 0) expect(ad.phoneText ?? ad.text).toBeTruthy();
    }
    const specials = truth.filter((t) => t.special).map((t) => t.special);
    expect(new Set(specials)).toEqual(new Set(['malformed', 'windows-1252', 'large']));
    const cp1252 = byId.get(truth.find((t) => t.special === 'windows-1252')!.siteAdId)!;
    expect(cp1252.text).not.toMatch(/\uFFFD|Ã/); // decoded, not mojibake
    expect(sites.stats()['demo-a'].robotsDisallowedHits).toBe(0);
  }, 120_000);

  it('finds every demo-c ad once through rel=next pagination', async () => {
    const truth = await truthOf(sites, 'demo-c');
    const { ads, stats } = await crawl(site.get('demo-c')!);
    expectAllOnce(ads, truth);
    expect(stats.errors).toEqual([]);
    expect(ads.every((ad) => ad.location !== undefined)).toBe(true);
  }, 120_000);
});

describe.skipIf(!existsSync('/usr/bin/chromium'))('crawling the script-rendered fixture site', () => {
  let sites: DemoSites;
  beforeAll(async () => {
    sites = await startDemoSites({ ads: 200, seed: 3, day: 0 });
  });
  afterAll(async () => {
    await sites?.close();
  });

  it('finds every demo-b ad once, with the phone number behind "Toon nummer"', async () => {
    const truth = await truthOf(sites, 'demo-b');
    expect(truth.length).toBeGreaterThan(30);
    const { ads, stats } = await crawl((await configs(sites)).get('demo-b')!);
    expectAllOnce(ads, truth);
    expect(stats.errors).toEqual([]);
    const withPhone = truth.filter((t) => t.phones.length > 0).map((t) => t.siteAdId);
    const phones = new Map(ads.map((ad) => [ad.siteAdId, ad.phoneText]));
    for (const id of withPhone) expect(phones.get(id), `phone of ad ${id}`).toBeTruthy();
  }, 180_000);
});
