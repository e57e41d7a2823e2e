import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crawlAndWait } from '../../src/cli/crawl-all.js';
import type { GroundTruth } from '../../src/fixtures/index.js';
import { listCrawlSchedulers, syncCrawlSchedulers } from '../../src/queue/index.js';
import { getCrawlRun, listCrawlRuns, listSiteHealth, type CrawlRunSummary } from '../../src/store/index.js';
import { startPipeline, type PipelineHarness } from '../helpers/pipeline.js';

// Issue 7's schedule test on real services: a BullMQ job scheduler fires a crawl of a fixture site,
// and a redesign of that site (every CSS class renamed) marks it broken without marking its ads gone.
const SITE = 'demo-a';
let h: PipelineHarness;

async function truthIds(): Promise<Set<string>> {
  const truth = (await (await fetch(`${h.demo.urls[SITE]}/_truth`)).json()) as GroundTruth[];
  return new Set(truth.map((t) => t.siteAdId));
}

async function adStates(): Promise<Array<{ site_ad_id: string; status: string; missed_runs: number }>> {
  const { rows } = await h.db.query<{ site_ad_id: string; status: string; missed_runs: number }>(
    'SELECT site_ad_id, status, missed_runs FROM ads WHERE site = $1 ORDER BY site_ad_id',
    [SITE],
  );
  return rows;
}

async function crawl(): Promise<CrawlRunSummary> {
  const [summary] = await crawlAndWait(h.runtime.queues, [SITE], false);
  return summary!;
}

async function healthOf(site: string) {
  return (await listSiteHealth(h.db)).find((health) => health.site === site);
}

describe('nightly schedules and site health', () => {
  beforeAll(async () => {
    h = await startPipeline({ ads: 150, seed: 7, day: 0, chaos: false }, [SITE]);
  }, 120_000);
  afterAll(async () => h?.close());

  it('a job scheduler fires a crawl that goes the crawl-site way: its own run id, finalized, health recorded', async () => {
    const queue = h.runtime.queues.crawl;
    // Every second instead of nightly; the same registration `zicht start` does.
    await syncCrawlSchedulers(queue, [{ site: SITE, pattern: '* * * * * *', tz: 'Europe/Amsterdam', source: 'override' }]);
    expect((await listCrawlSchedulers(queue)).map((s) => s.site)).toEqual([SITE]);
    const first = await vi.waitFor(
      async () => {
        const [run] = await listCrawlRuns(h.db, { site: SITE });
        if (!run) throw new Error('no run yet');
        return run;
      },
      { timeout: 30_000, interval: 100 },
    );
    // One firing is enough: switch the schedule off (a firing already running may still finish).
    expect(await syncCrawlSchedulers(queue, [])).toMatchObject({ removed: [SITE] });
    expect(first.runId).toMatch(/^demo-a\.repeat\.crawl\.demo-a\.\d+\.\d+$/);
    const closed = await vi.waitFor(
      async () => {
        const run = await getCrawlRun(h.db, first.runId);
        if (!run?.finishedAt) throw new Error('run not closed yet');
        return run;
      },
      { timeout: 120_000, interval: 250 },
    );
    const truth = await truthIds();
    expect(closed).toMatchObject({ status: 'succeeded', adsSeen: truth.size, adsNew: truth.size, healthReason: null });
    // Let any second firing finish too, so the next test starts from a quiet queue.
    await vi.waitFor(
      async () => {
        const pending = Object.values(await queue.getJobCounts('active', 'waiting', 'delayed')).reduce((sum, n) => sum + n, 0);
        const running = (await listCrawlRuns(h.db, { site: SITE, status: 'running' })).length;
        if (pending + running > 0) throw new Error('crawl jobs still pending');
      },
      { timeout: 120_000, interval: 250 },
    );
    const runs = await listCrawlRuns(h.db, { site: SITE });
    expect(new Set(runs.map((r) => r.runId)).size).toBe(runs.length);
    expect(runs.every((r) => r.runId.startsWith('demo-a.repeat.crawl.demo-a.'))).toBe(true);
    expect(await healthOf(SITE)).toMatchObject({ status: 'healthy', reason: null, adsSeen: truth.size });
    expect(await queue.getJobSchedulersCount()).toBe(0);
  }, 300_000);

  it('a layout change makes the run suspect and the site broken, marks no ad missing; restored, the site is healthy', async () => {
    const day0 = await truthIds();
    h.demo.setDay(1);
    const day1 = await truthIds();
    expect(await crawl()).toMatchObject({ status: 'succeeded', adsSeen: day1.size });
    const before = await adStates();
    expect(before.filter((ad) => ad.missed_runs === 1).length).toBeGreaterThan(0);

    h.demo.setLayout(SITE, 'renamed');
    h.demo.setDay(2);
    const broken = await crawl();
    expect(broken).toMatchObject({ status: 'suspect', adsSeen: 0, adsMissed: 0, adsGone: 0, usualAds: expect.any(Number) });
    expect(broken.pages).toBeGreaterThan(0);
    expect(broken.pagesFailed).toBe(0);
    expect(broken.healthReason).toMatch(/no ads on \d+ pages: the site's selectors probably no longer match/);
    expect(await adStates()).toEqual(before);
    expect(await healthOf(SITE)).toMatchObject({ status: 'suspect', reason: broken.healthReason, runsInStatus: 1, lastRunId: broken.runId });
    expect((await listCrawlRuns(h.db, { site: SITE, status: 'suspect' })).map((r) => r.runId)).toEqual([broken.runId]);

    h.demo.setLayout(SITE, 'original');
    const day2 = await truthIds();
    const restored = await crawl();
    // Gone after two successful crawls without the ad (ZICHT_GONE_AFTER_RUNS=2); the suspect one did not count.
    const goneNow = [...day0].filter((id) => !day1.has(id) && !day2.has(id));
    const missedNow = [...new Set([...day0, ...day1])].filter((id) => !day2.has(id));
    expect(goneNow.length).toBeGreaterThan(0);
    expect(restored).toMatchObject({ status: 'succeeded', adsSeen: day2.size, adsGone: goneNow.length, adsMissed: missedNow.length, healthReason: null });
    const states = new Map((await adStates()).map((ad) => [ad.site_ad_id, ad]));
    for (const id of goneNow) expect(states.get(id)).toMatchObject({ status: 'gone', missed_runs: 2 });
    for (const id of day2) expect(states.get(id)).toMatchObject({ status: 'live', missed_runs: 0 });
    expect(await healthOf(SITE)).toMatchObject({ status: 'healthy', reason: null, runsInStatus: 1, lastRunId: restored.runId });
  }, 300_000);
});
