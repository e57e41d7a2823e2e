// A "429 storm": for the first seconds of a crawl most requests are refused with 429.
// The crawler backs off on Retry-After without burning pages, and the crawl completes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, loadSiteConfigs } from '../../src/crawler/index.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { startDemoSites, type DemoSites, type GroundTruth } from '../../src/fixtures/index.js';
import { demoEnv } from '../../src/cli/context.js';
import { testLog } from './local-site.js';

let sites: DemoSites;

describe('429 storm', () => {
  beforeAll(async () => {
    sites = await startDemoSites({ ads: 200, seed: 9, day: 0, chaos: { storm: { seconds: 4, share: 0.7 } } });
  });
  afterAll(async () => sites?.close());

  it('completes with every ad found once and the 429s counted by the server', async () => {
    const [site] = (await loadSiteConfigs('config/demo-sites', demoEnv(sites.urls))).filter((s) => s.id === 'demo-a');
    const ads: ScrapedAd[] = [];
    const stats = await crawlSite(site!, { log: testLog, onAd: async (ad) => void ads.push(ad) });
    const truth = (await (await fetch(`${sites.urls['demo-a']}/_truth`)).json()) as GroundTruth[];
    const served429 = sites.stats()['demo-a'].served429;
    // The crawler pauses the whole site on each Retry-After, so a 4 s storm yields only a few 429s.
    expect(served429).toBeGreaterThanOrEqual(3);
    expect(stats.pagesFailed).toBe(0);
    expect(ads.map((a) => a.siteAdId).sort()).toEqual(truth.map((t) => t.siteAdId).sort());
    // Photo downloads wait out the storm like pages: every ad still gets its photo hashes.
    expect(stats.photosSkipped).toBe(0);
    expect(ads.every((ad) => ad.photoHashes.length > 0)).toBe(true);
    console.log(`429 storm: ${served429} responses were 429, crawl completed with ${stats.pagesOk} pages and no failures`);
  }, 180_000);
});
