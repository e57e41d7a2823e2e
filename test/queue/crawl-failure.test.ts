import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOB } from '../../src/queue/index.js';
import { getCrawlRun, listCrawlRuns, listSiteHealth } from '../../src/store/index.js';
import { startPipeline, type PipelineHarness } from '../helpers/pipeline.js';

// A crawl job whose last attempt fails closes its run as `failed`, so neither the run history nor
// the site's health shows a run that stays `running` for ever.
const SITE = 'demo-a';
let h: PipelineHarness;

describe('a crawl that fails for good', () => {
  beforeAll(async () => {
    h = await startPipeline({ ads: 2_000, seed: 4, day: 0, chaos: false }, [SITE]);
  }, 120_000);
  afterAll(async () => h?.close());

  it('closes its run as failed with the error, marks no ad missing, and the site failing', async () => {
    // One attempt only: the shutdown that interrupts it is its last.
    await h.runtime.queues.crawl.add(JOB.crawlSite, { site: SITE }, { attempts: 1 });
    const run = await vi.waitFor(
      async () => {
        const [started] = await listCrawlRuns(h.db, { site: SITE });
        if (!started || started.adsSeen === 0) throw new Error('crawl not under way yet');
        return started;
      },
      { timeout: 60_000, interval: 100 },
    );
    await h.runtime.workers.close();
    const closed = await getCrawlRun(h.db, run.runId);
    expect(closed).toMatchObject({
      status: 'failed',
      adsMissed: 0,
      adsGone: 0,
      errors: 1,
      healthReason: 'the crawl failed: crawl interrupted by shutdown',
    });
    expect(closed!.finishedAt).not.toBeNull();
    expect(closed!.adsSeen).toBeGreaterThan(0);
    expect((await listSiteHealth(h.db)).find((health) => health.site === SITE)).toMatchObject({ status: 'failing', reason: closed!.healthReason });
  }, 180_000);
});
