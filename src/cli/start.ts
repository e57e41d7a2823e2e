import type { ChildProcess } from 'node:child_process';
import type { SettingsOverrides } from '../config/settings.js';
import { startDemoSites, type DemoSites } from '../fixtures/index.js';
import { ensureRedis } from '../queue/index.js';
import { crawlAndWait } from './crawl-all.js';
import { hasConfiguredSites, loadSites, loggerFor, onShutdown, openMigratedDb, settingsOrExit } from './context.js';
import { formatSummary } from './progress.js';
import { startWorkerRuntime } from './worker-runtime.js';

export interface StartOptions {
  once?: boolean;
  overrides?: SettingsOverrides;
}

/**
 * The main job: migrate, start workers, crawl every configured site (or the built-in demo
 * sites when none is configured), print a summary, and keep running.
 */
export async function start(options: StartOptions = {}): Promise<void> {
  // On a terminal the progress board is the display; JSON logs below warn would scroll it away.
  const quiet = process.stderr.isTTY && !process.env.LOG_LEVEL ? { logLevel: 'warn' } : {};
  const settings = settingsOrExit({ ...quiet, ...options.overrides });
  const log = loggerFor(settings);
  const redis: ChildProcess | null = await ensureRedis(settings.redisUrl, settings.startRedis === 'auto', log);
  const db = await openMigratedDb(settings, log);
  let demo: DemoSites | undefined;
  if (!hasConfiguredSites(settings)) {
    demo = await startDemoSites({ ads: settings.demoAds, seed: settings.demoSeed, day: settings.demoDay });
    log.info({ urls: demo.urls, sitesDir: settings.sitesDir }, 'no sites configured: crawling the built-in demo sites');
  }
  const sites = await loadSites(settings, demo?.urls);
  const runtime = startWorkerRuntime(settings, db, sites, log);
  const stop = async () => {
    await runtime.close();
    await db.close();
    await demo?.close();
    redis?.kill();
  };
  onShutdown(log, stop);
  const summaries = await crawlAndWait(runtime.queues, [...sites.keys()]);
  console.log(`\n${formatSummary(summaries)}\n`);
  if (options.once) {
    await stop();
    return;
  }
  log.info('crawl done; workers keep running for scheduled and queued jobs (Ctrl-C stops)');
}
