import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlAndWait } from '../../src/cli/crawl-all.js';
import { contentChanged, type GroundTruth } from '../../src/fixtures/index.js';
import { countAds, getAd, type CrawlRunSummary } from '../../src/store/index.js';
import { startPipeline, type PipelineHarness } from '../helpers/pipeline.js';

// The whole spine on real services: fixture sites (chaos on) → crawlee (cheerio and chromium)
// → BullMQ → analysis → Postgres, checked against the fixture's ground truth.
const SITES = ['demo-a', 'demo-b', 'demo-c'];
let h: PipelineHarness;

async function truthOf(site: string): Promise<GroundTruth[]> {
  const response = await fetch(`${h.demo.urls[site as 'demo-a']}/_truth`);
  return (await response.json()) as GroundTruth[];
}

async function accuracy(truth: GroundTruth[]): Promise<{ stored: number; phones: number; municipality: number; misses: string[] }> {
  let stored = 0;
  let phones = 0;
  let municipality = 0;
  const misses: string[] = [];
  for (const t of truth) {
    const ad = await getAd(h.db, t.site, t.siteAdId);
    if (!ad) {
      misses.push(`${t.url}: not stored`);
      continue;
    }
    stored += 1;
    const got = ad.phones.map((p) => p.e164).sort();
    if (JSON.stringify(got) === JSON.stringify([...t.phones].sort())) phones += 1;
    else misses.push(`${t.url}: phones ${got.join(',')} ≠ ${t.phones.join(',')}`);
    if ((ad.municipality?.code ?? null) === t.municipalityCode) municipality += 1;
    else misses.push(`${t.url}: municipality ${ad.municipality?.code ?? 'none'} ≠ ${t.municipalityCode}`);
  }
  return { stored, phones, municipality, misses };
}

function bySite(summaries: CrawlRunSummary[]): Record<string, CrawlRunSummary> {
  return Object.fromEntries(summaries.map((s) => [s.site, s]));
}

describe('pipeline end to end', () => {
  beforeAll(async () => {
    // Gone after one missed crawl, so the day-1 re-crawl's gone count matches the fixture's.
    h = await startPipeline({ ads: 240, seed: 11, day: 0 }, undefined, { goneAfterRuns: 1 });
  }, 120_000);
  afterAll(async () => h?.close());

  it('crawls all three site styles into Postgres, matching the ground truth', async () => {
    const summaries = bySite(await crawlAndWait(h.runtime.queues, SITES, false));
    for (const site of SITES) {
      const truth = await truthOf(site);
      expect(truth.length).toBeGreaterThan(10);
      const summary = summaries[site]!;
      expect(summary.status).toBe('succeeded');
      expect(summary.adsNew).toBe(truth.length);
      const result = await accuracy(truth);
      console.log(`${site}: ${truth.length} ads, stored ${result.stored}, phones ${result.phones}, municipality ${result.municipality}`);
      if (result.misses.length > 0) console.log(result.misses.slice(0, 10).join('\n'));
      expect(result.stored).toBe(truth.length);
      if (site !== 'demo-c') {
        expect(result.phones / truth.length).toBeGreaterThanOrEqual(0.99);
        expect(result.municipality / truth.length).toBeGreaterThanOrEqual(0.99);
      } else {
        // Obscured numbers: the extraction issue raises this bar; the spine must not lose ads.
        expect(result.municipality / truth.length).toBeGreaterThanOrEqual(0.95);
      }
    }
    const counts = await countAds(h.db);
    expect(counts.total).toBe(counts.live);
  }, 600_000);

  it('a re-crawl on the next fixture day records new, changed, unchanged and gone ads without duplicates', async () => {
    const before = new Map<string, GroundTruth[]>();
    for (const site of SITES) before.set(site, await truthOf(site));
    h.demo.setDay(1);
    const summaries = bySite(await crawlAndWait(h.runtime.queues, SITES, false));
    for (const site of SITES) {
      const old = new Map(before.get(site)!.map((t) => [t.siteAdId, t]));
      const now = await truthOf(site);
      const nowIds = new Set(now.map((t) => t.siteAdId));
      const expected = {
        adsNew: now.filter((t) => !old.has(t.siteAdId)).length,
        adsChanged: now.filter((t) => old.has(t.siteAdId) && contentChanged(old.get(t.siteAdId)!, t)).length,
        adsUnchanged: now.filter((t) => old.has(t.siteAdId) && !contentChanged(old.get(t.siteAdId)!, t)).length,
        adsGone: [...old.keys()].filter((id) => !nowIds.has(id)).length,
      };
      const s = summaries[site]!;
      expect({ adsNew: s.adsNew, adsChanged: s.adsChanged, adsUnchanged: s.adsUnchanged, adsGone: s.adsGone }).toEqual(expected);
      expect(expected.adsNew + expected.adsChanged + expected.adsGone).toBeGreaterThan(0);
      const counts = await countAds(h.db, site);
      expect(counts.total).toBe(new Set([...old.keys(), ...nowIds]).size);
      expect(counts.live).toBe(now.length);
    }
  }, 600_000);
});
