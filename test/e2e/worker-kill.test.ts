import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEnv } from '../../src/cli/context.js';
import { startDemoSites, type DemoSites, type GroundTruth } from '../../src/fixtures/index.js';
import { enqueueCrawl, openQueueEvents, openQueues, waitForCrawl, type Queues } from '../../src/queue/index.js';
import { countAds, getAd } from '../../src/store/index.js';
import { databaseUrlWithSchema, spawnZicht, type ZichtProcess } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

// A worker process SIGKILLed in the middle of a crawl, and a new one started: the crawl job
// is taken over after its lock expires, and every ad ends up stored exactly once.
let t: TestDb;
let demo: DemoSites;
let queues: Queues;
let env: Record<string, string>;
const workers: ZichtProcess[] = [];

describe('worker killed mid-crawl', () => {
  beforeAll(async () => {
    t = await createTestDb();
    demo = await startDemoSites({ ads: 1200, seed: 21, day: 0, chaos: false });
    const prefix = `test-${randomUUID()}`;
    queues = openQueues(TEST_REDIS_URL, prefix);
    env = {
      ...demoEnv(demo.urls),
      DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema),
      REDIS_URL: TEST_REDIS_URL,
      ZICHT_QUEUE_PREFIX: prefix,
      ZICHT_SITES_DIR: 'config/demo-sites',
      ZICHT_LOCK_DURATION_MS: '3000',
      ZICHT_STALLED_INTERVAL_MS: '1000',
    };
  });
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await queues?.crawl.obliterate({ force: true }).catch(() => undefined);
    await queues?.ads.obliterate({ force: true }).catch(() => undefined);
    await queues?.close();
    await demo?.close();
    await t?.cleanup();
  });

  it('loses and duplicates nothing', async () => {
    const events = openQueueEvents(queues, 'crawl');
    await events.waitUntilReady();
    workers.push(spawnZicht(['worker'], env));
    const crawl = await enqueueCrawl(queues, 'demo-a');
    let killedAt = 0;
    const finished = waitForCrawl(queues, events, crawl, (progress) => {
      if (killedAt === 0 && progress.ads >= 120) {
        killedAt = progress.ads;
        workers[0]!.child.kill('SIGKILL');
        workers.push(spawnZicht(['worker'], env));
      }
    });
    const { summary } = await finished;
    await events.close();
    expect(killedAt).toBeGreaterThan(0);
    const truth = (await (await fetch(`${demo.urls['demo-a']}/_truth`)).json()) as GroundTruth[];
    expect(killedAt).toBeLessThan(truth.length);
    expect(summary.status).toBe('succeeded');
    expect(summary.adsSeen).toBe(truth.length);
    expect(summary.adsNew).toBe(truth.length);
    expect(await countAds(t.db, 'demo-a')).toEqual({ total: truth.length, live: truth.length, gone: 0 });
    for (const ad of truth) expect(await getAd(t.db, 'demo-a', ad.siteAdId), ad.url).not.toBeNull();
    console.log(`worker killed after ${killedAt} of ${truth.length} ads; the second worker completed the run`);
  }, 240_000);
});
