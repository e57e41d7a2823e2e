import type { ChildProcess } from 'node:child_process';
import type { SettingsOverrides } from '../config/settings.js';
import { startDemoSites, type DemoSites } from '../fixtures/index.js';
import { ensureRedis } from '../queue/index.js';
import { crawlAndWait } from './crawl-all.js';
import { hasConfiguredSites, loadSites, loggerFor, onShutdown, openMigratedDb, settingsOrExit } from './context.js';
import { startOperations } from './operations.js';
import { formatSummary } from './progress.js';
import { startWebAlongside } from './serve.js';
import { planSchedules, registerSchedules } from './schedule.js';
import { startWorkerRuntime } from './worker-runtime.js';

export interface StartOptions {
  once?: boolean;
  overrides?: SettingsOverrides;
}

/**
 * The main job: migrate, start workers, register each site's nightly crawl schedule, crawl every
 * configured site (or the built-in demo sites when none is configured), print a summary, and keep
 * running (the workers then run the scheduled crawls).
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
  const schedules = await planSchedules(settings, db, sites.values()).catch(async (error: unknown) => {
    // An invalid schedule is a configuration error: stop before crawling, leaving nothing running.
    await db.close();
    await demo?.close();
    redis?.kill();
    throw error;
  });
  const runtime = startWorkerRuntime(settings, db, sites, log);
  await registerSchedules(runtime.queues.crawl, schedules, log);
  // The nightly retention purge, its maintenance worker, and metrics (ZICHT_METRICS_PORT).
  const operations = await startOperations(settings, db, runtime, log, { schedulePurge: true });
  // The review web app (not with --once, which exits right after the crawl).
  const configured = [...sites.values()].map((site) => ({ id: site.id, schedule: site.schedule }));
  const web = options.once ? null : await startWebAlongside(settings, db, log, operations.metrics.endpoint, configured);
  const stop = async () => {
    await web?.close();
    await operations.close();
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
