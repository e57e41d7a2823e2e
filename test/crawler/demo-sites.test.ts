// The crawler against the fixture ad sites (src/fixtures), the contract being config/demo-sites/*.json.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, loadSiteConfigs, type CrawlStats, type SiteConfig } from '../../src/crawler/index.js';
import { hammingDistance } from '../../src/crawler/photo-hash.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { adsOnDay, generateUniverse, startDemoSites, type DemoSites, type GroundTruth } from '../../src/fixtures/index.js';
import { testLog } from './local-site.js';
import { expectFixturePhotos, photoHashesById, photoIdsOf } from './photo-truth.js';

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

/** Pairs of ads (`site:id|site:id`, sorted) that have a key in common. */
function sharingPairs(ads: ScrapedAd[], keys: (ad: ScrapedAd) => string[]): string[] {
  const byKey = new Map<string, string[]>();
  for (const ad of ads) for (const key of new Set(keys(ad))) byKey.set(key, [...(byKey.get(key) ?? []), `${ad.site}:${ad.siteAdId}`]);
  const pairs = new Set<string>();
  for (const members of byKey.values()) for (const a of members) for (const b of members) if (a < b) pairs.add(`${a}|${b}`);
  return [...pairs].sort();
}

/** Every ad of the ground truth found exactly once, nothing else. */
function expectAllOnce(ads: ScrapedAd[], truth: GroundTruth[]): void {
  const found = ads.map((ad) => ad.siteAdId).sort();
  expect(found).toEqual(truth.map((t) => t.siteAdId).sort());
  expect(new Set(found).size).toBe(found.length);
}

describe('crawling the fixture sites (chaos on)', () => {
  const options = { ads: 400, seed: 7, day: 0 };
  const fixtureAds = adsOnDay(generateUniverse(options), 0);
  const crawled = new Map<string, ScrapedAd[]>();
  let sites: DemoSites;
  let site: Map<string, SiteConfig>;
  beforeAll(async () => {
    sites = await startDemoSites(options);
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
    await expectFixturePhotos(ads, fixtureAds, stats);
    crawled.set('demo-a', ads);
  }, 120_000);

  it('finds every demo-c ad once through rel=next pagination', async () => {
    const truth = await truthOf(sites, 'demo-c');
    const { ads, stats } = await crawl(site.get('demo-c')!);
    expectAllOnce(ads, truth);
    expect(stats.errors).toEqual([]);
    expect(ads.every((ad) => ad.location !== undefined)).toBe(true);
    await expectFixturePhotos(ads, fixtureAds, stats); // demo-c lazy-loads: the photo is in data-src
    crawled.set('demo-c', ads);
  }, 120_000);

  it('gives a photo reused across sites the same hash on both, and different photos hashes far apart', () => {
    const bySite = [...crawled.values()];
    expect(bySite).toHaveLength(2);
    const [onA, onC] = bySite.map((ads) => photoHashesById(ads, fixtureAds));
    const shared = [...onA!.keys()].filter((id) => onC!.has(id));
    expect(shared.length).toBeGreaterThan(0); // the universe reuses group and stock photos across sites
    for (const id of shared) expect(onC!.get(id), `photo ${id}`).toEqual(onA!.get(id));
    const all = new Map([...onA!, ...onC!]);
    for (const hashes of all.values()) expect(hashes.size).toBe(1);
    const distinct = [...all.values()].map((h) => [...h][0]!);
    let closest = 64;
    for (let i = 0; i < distinct.length; i += 1) for (let j = i + 1; j < distinct.length; j += 1) closest = Math.min(closest, hammingDistance(distinct[i]!, distinct[j]!));
    expect(closest).toBeGreaterThanOrEqual(10);
    // The risk linker matches photo hashes exactly: ads sharing a hash are exactly the ads sharing a photo.
    const ads = bySite.flat();
    expect(sharingPairs(ads, (ad) => ad.photoHashes)).toEqual(sharingPairs(ads, (ad) => photoIdsOf(ad, fixtureAds)));
    console.log(`photos: ${all.size} fixture photos, ${shared.length} on both sites, one hash each, closest two ${closest} bits apart`);
  });
});

describe.skipIf(!existsSync('/usr/bin/chromium'))('crawling the script-rendered fixture site', () => {
  const options = { ads: 200, seed: 3, day: 0 };
  let sites: DemoSites;
  beforeAll(async () => {
    sites = await startDemoSites(options);
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
    // Photos are fetched by our HTTP client from the rendered gallery's URLs, not by the browser.
    await expectFixturePhotos(ads, adsOnDay(generateUniverse(options), 0), stats);
  }, 180_000);
});
