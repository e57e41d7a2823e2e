import { randomUUID } from 'node:crypto';
import { loadSettings, type Settings, type SettingsOverrides } from '../../src/config/settings.js';
import { DEMO_SITES_DIR, demoEnv } from '../../src/cli/context.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../src/cli/worker-runtime.js';
import { loadSiteConfigs } from '../../src/crawler/index.js';
import type { SiteConfig } from '../../src/crawler/site-config.js';
import { startDemoSites, type DemoSites, type DemoSitesOptions } from '../../src/fixtures/index.js';
import { createLogger } from '../../src/log.js';
import type { Db } from '../../src/store/index.js';
import { createTestDb } from './test-db.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface PipelineHarness {
  db: Db;
  schema: string;
  demo: DemoSites;
  sites: Map<string, SiteConfig>;
  settings: Settings;
  runtime: WorkerRuntime;
  close(): Promise<void>;
}

/**
 * Fixture sites + a Postgres schema + a queue prefix of the test's own + in-process workers:
 * the whole pipeline on real services, isolated from other test files. `overrides` are settings
 * (e.g. `{ goneAfterRuns: 1 }`).
 */
export async function startPipeline(
  demoOptions: DemoSitesOptions,
  siteIds?: string[],
  overrides: SettingsOverrides = {},
): Promise<PipelineHarness> {
  const { db, schema, cleanup } = await createTestDb();
  const demo = await startDemoSites(demoOptions);
  const all = await loadSiteConfigs(DEMO_SITES_DIR, { ...process.env, ...demoEnv(demo.urls) });
  const sites = new Map(all.filter((s) => !siteIds || siteIds.includes(s.id)).map((s) => [s.id, s]));
  const settings = loadSettings({ redisUrl: TEST_REDIS_URL, queuePrefix: `test-${randomUUID()}`, logLevel: 'warn', ...overrides }, {});
  const runtime = startWorkerRuntime(settings, db, sites, createLogger('warn'));
  return {
    db,
    schema,
    demo,
    sites,
    settings,
    runtime,
    async close() {
      await runtime.workers.close(true);
      await runtime.queues.crawl.obliterate({ force: true }).catch(() => undefined);
      await runtime.queues.ads.obliterate({ force: true }).catch(() => undefined);
      await runtime.queues.close();
      await demo.close();
      await cleanup();
    },
  };
}
