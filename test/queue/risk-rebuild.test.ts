import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRiskConfig } from '../../src/classifier/risk/index.js';
import { analyzeAd, loadGazetteer } from '../../src/extract/index.js';
import { createRiskStep, rebuildRiskIndex } from '../../src/queue/index.js';
import { currentShingleSnapshotId, loadShingleSnapshot, recordAdBatch, startCrawlRun } from '../../src/store/index.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { compareWithBatch, storedRisk } from './risk-agreement.js';
import { ownText, riskAd } from './risk-ads.js';

// The boilerplate guard in the pipeline: until statistics are counted, a shared site footer links
// every ad by text; the rebuild counts them over the stored ads, re-indexes, and the links go.
const config = loadRiskConfig();
const gazetteer = loadGazetteer();
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.cleanup());

describe('rebuilding the risk index', () => {
  it('counts the boilerplate over the stored ads, re-indexes every ad with it, and ends equal to the batch', async () => {
    const site = uniqueSite();
    // A long footer, so that before the statistics every pair of ads is far above the similarity threshold
    // (text links are probabilistic: MinHash with LSH; here they are certain for all practical purposes).
    const footer = ownText(60);
    const ads = Array.from({ length: 30 }, (_, i) => riskAd(site, { name: `Naam${i}`, title: 'Welkom', text: `${ownText(6)} ${footer}` }));
    // Two ads with the same text of their own, under other numbers and names.
    const own = ownText(30);
    ads.push(riskAd(site, { name: 'Anna', title: 'Welkom', text: `${own} ${footer}` }), riskAd(site, { name: 'Bella', title: 'Welkom', text: `${own} ${footer}` }));
    await startCrawlRun(t.db, { id: `run-${site}`, site, startedAt: new Date() });
    await recordAdBatch(t.db, { runId: `run-${site}`, batchKey: 'b1', ads: ads.map((scraped) => ({ scraped, analysis: analyzeAd(scraped, gazetteer) })) });
    const step = createRiskStep(config);

    const first = await step.assess(t.db, { identities: ads.map((a) => ({ site: a.site, siteAdId: a.siteAdId })) });
    expect(first).toMatchObject({ indexed: 32, rebuildDue: { indexed: 32 } });
    const withoutStats = [...(await storedRisk(t.db, site)).values()];
    // No statistics yet: the footer makes every text a near-duplicate of every other.
    expect(withoutStats.filter((r) => r.codes.includes('text_duplicate'))).toHaveLength(32);
    expect((await compareWithBatch(t.db, config)).assessmentDiffers).toEqual([]);

    const rebuilt = await rebuildRiskIndex(t.db, step);
    expect(rebuilt.ads).toBe(32);
    expect(rebuilt.boilerplateShingles).toBeGreaterThanOrEqual(55);
    const snapshot = await loadShingleSnapshot(t.db, (await currentShingleSnapshotId(t.db))!);
    expect(snapshot).toMatchObject({ id: rebuilt.statsId, ads: 32, bits: 22 });
    const after = [...(await storedRisk(t.db, site)).values()];
    const duplicates = after.filter((r) => r.codes.includes('text_duplicate'));
    expect(duplicates.map((r) => r.siteAdId).sort()).toEqual([ads[30]!.siteAdId, ads[31]!.siteAdId].sort());
    expect(after.filter((r) => r.clusterId !== null)).toHaveLength(2);
    const agreement = await compareWithBatch(t.db, config);
    expect(agreement.assessmentDiffers).toEqual([]);
    expect(agreement.clusterDiffers).toEqual([]);

    // Not due again until the index has doubled; a second rebuild with the same ads changes nothing.
    expect((await step.assess(t.db, { identities: [{ site, siteAdId: ads[0]!.siteAdId }] })).rebuildDue).toBeNull();
    expect((await rebuildRiskIndex(t.db, step)).changed).toBe(0);
  });
});
