import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { expect } from 'vitest';
import { demoEnv } from '../../src/cli/context.js';
import { startDemoSites, type DemoSites, type DemoSitesOptions, type GroundTruth } from '../../src/fixtures/index.js';
import { MAINTENANCE_QUEUE, openQueues } from '../../src/queue/index.js';
import { countAds, type CrawlRunSummary, type Db, listCrawlRuns } from '../../src/store/index.js';
import { databaseUrlWithSchema, spawnZicht, type ZichtProcess } from './cli.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from './test-db.js';

export interface ProcessCrawl {
  t: TestDb;
  demo: DemoSites;
  /** The queue prefix every process of the test shares. */
  prefix: string;
  /** Environment of the `zicht` processes: demo site URLs, database schema, Redis, prefix. */
  env: Record<string, string>;
  /** Starts `zicht <args>`; it is SIGKILLed at {@link close} if still running. */
  spawn(args: string[], extraEnv?: Record<string, string>): ZichtProcess;
  truth(site: string): Promise<GroundTruth[]>;
  close(): Promise<void>;
}

export interface ProcessCrawlOptions {
  demo: DemoSitesOptions;
  redisUrl: string;
  /** The processes' DATABASE_URL (e.g. through a proxy); default the test database. Gets the schema added. */
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Leave the schema empty, for the processes to migrate (default: migrated). */
  migrate?: boolean;
}

/**
 * Fixture sites, a Postgres schema and a queue prefix of the test's own, and real `zicht`
 * processes (workers, crawl, start) on them: the shape of a deployment, for fault tests.
 */
export async function startProcessCrawl(options: ProcessCrawlOptions): Promise<ProcessCrawl> {
  const t = await createTestDb({ migrate: options.migrate ?? true });
  const demo = await startDemoSites(options.demo);
  const prefix = `test-${randomUUID()}`;
  const env = {
    ...demoEnv(demo.urls),
    DATABASE_URL: databaseUrlWithSchema(options.databaseUrl ?? TEST_DATABASE_URL, t.schema),
    REDIS_URL: options.redisUrl,
    ZICHT_START_REDIS: 'never',
    ZICHT_QUEUE_PREFIX: prefix,
    ZICHT_SITES_DIR: 'config/demo-sites',
    ...options.env,
  };
  const processes: ZichtProcess[] = [];
  return {
    t,
    demo,
    prefix,
    env,
    spawn(args, extraEnv = {}) {
      const child = spawnZicht(args, { ...env, ...extraEnv });
      processes.push(child);
      return child;
    },
    async truth(site) {
      return (await (await fetch(`${demo.urls[site as 'demo-a']}/_truth`)).json()) as GroundTruth[];
    },
    async close() {
      for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited));
      await removeQueues(options.redisUrl, prefix);
      await demo.close();
      await t.cleanup();
    },
  };
}

/** Leaves nothing of the test's queues (jobs, schedulers) in a shared Redis; gives up after 10 s (a Redis left down). */
async function removeQueues(redisUrl: string, prefix: string): Promise<void> {
  const queues = openQueues(redisUrl, prefix);
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection: queues.connection, prefix });
  const all = [queues.crawl, queues.ads, maintenance];
  const removed = Promise.all(all.map((q) => q.obliterate({ force: true }).catch(() => undefined)));
  await Promise.race([removed, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  await Promise.all(all.map((q) => q.disconnect().catch(() => undefined)));
}

/**
 * How `p` exits; fails at once, with its log, when one of `mustStayUp` exits first (a crashed
 * worker would otherwise only show as a test timeout), or with every log after `timeoutMs`.
 */
export async function exitOf(p: ZichtProcess, mustStayUp: readonly ZichtProcess[], timeoutMs = 180_000): Promise<number | null> {
  const crashed = mustStayUp.map(async (other) => {
    const code = await other.exited;
    throw new Error(`a process that must keep running exited (${code}):\n${other.stderr().slice(-4000)}`);
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const logs = [p, ...mustStayUp].map((q) => `--- pid ${q.child.pid}:\n${q.stderr().slice(-3000)}`).join('\n');
      reject(new Error(`process ${p.child.pid} still running after ${timeoutMs} ms\n${logs}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([p.exited, late, ...crashed]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws, with its log, if one of `processes` has exited: for conditions polled while they must run. */
export function assertRunning(...processes: ZichtProcess[]): void {
  for (const p of processes) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) {
      throw new Error(`process ${p.child.pid} exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.stderr().slice(-4000)}`);
    }
  }
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Ads of a site stored so far (the crawl's progress as Postgres sees it). */
export async function storedAds(db: Db, site: string): Promise<number> {
  return (await countAds(db, site)).total;
}

/**
 * Every ad of the fixture's ground truth is stored exactly once: one row per site ad id (no
 * more, no fewer), all live, each with one text version (a replayed batch adds none).
 */
export async function expectStoredOnce(db: Db, site: string, truth: readonly GroundTruth[]): Promise<void> {
  const { rows } = await db.query<{ site_ad_id: string; versions: number }>(
    `SELECT a.site_ad_id, (SELECT count(*)::int FROM ad_versions v WHERE v.ad_id = a.id) AS versions
     FROM ads a WHERE a.site = $1`,
    [site],
  );
  expect(rows.length, `${site}: stored ads`).toBe(truth.length);
  expect(new Set(rows.map((r) => r.site_ad_id)), `${site}: stored ad ids`).toEqual(new Set(truth.map((t) => t.siteAdId)));
  expect(rows.filter((r) => r.versions !== 1), `${site}: ads with other than one version`).toEqual([]);
  expect(await countAds(db, site), `${site}: ad statuses`).toEqual({ total: truth.length, live: truth.length, gone: 0 });
}

/** A succeeded run that sighted every ad of the truth once, counted once. */
export function expectCompleteRun(run: CrawlRunSummary | undefined, truth: readonly GroundTruth[]): void {
  expect(run, 'the crawl run').toBeDefined();
  expect(run!.status, `run ${run!.runId}: ${run!.healthReason ?? ''}`).toBe('succeeded');
  expect(run!.adsSeen).toBe(truth.length);
  expect(run!.adsGone).toBe(0);
}

/** The site's runs, oldest first. */
export async function runsOf(db: Db, site: string): Promise<CrawlRunSummary[]> {
  return (await listCrawlRuns(db, { site })).reverse();
}
