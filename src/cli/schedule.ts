import type { Queue } from 'bullmq';
import { ConfigError, isTimeZone, type Settings } from '../config/settings.js';
import type { SiteConfig } from '../crawler/site-config.js';
import { DEMO_SITE_IDS } from '../fixtures/fixture-ad.js';
import type { Logger } from '../log.js';
import {
  cronProblem,
  listCrawlSchedulers,
  nextFiring,
  openQueues,
  pingRedis,
  removeCrawlScheduler,
  resolveSchedules,
  syncCrawlSchedulers,
  upsertCrawlScheduler,
  type CrawlScheduler,
  type ScheduleSync,
  type SiteSchedule,
} from '../queue/index.js';
import { deleteScheduleOverride, listScheduleOverrides, saveScheduleOverride, type Db } from '../store/index.js';
import { hasConfiguredSites, loadSites, loggerFor, openMigratedDb, settingsOrExit } from './context.js';
import { formatTable, formatTime } from './table.js';

type ScheduledSite = { id: string; schedule?: string | undefined };

/** Every configured site's schedule; invalid patterns (config or stored) stop with every problem listed. */
export async function planSchedules(settings: Settings, db: Db, sites: Iterable<ScheduledSite>): Promise<SiteSchedule[]> {
  const { schedules, problems } = resolveSchedules({ sites: [...sites], overrides: await listScheduleOverrides(db), tz: settings.scheduleTz });
  if (problems.length > 0) throw new ConfigError(problems);
  return schedules;
}

/** `zicht start`: make the crawl queue's schedulers match the configured sites and their schedules. */
export async function registerSchedules(queue: Queue, schedules: SiteSchedule[], log: Logger): Promise<ScheduleSync> {
  const sync = await syncCrawlSchedulers(queue, schedules);
  log.info({ ...sync, off: schedules.filter((s) => s.pattern === null).map((s) => s.site) }, 'crawl schedules registered');
  return sync;
}

/** `zicht schedule list`: each site's schedule, where it comes from, and what Redis holds. */
export async function scheduleList(): Promise<void> {
  await withScheduleContext(async ({ settings, db, sites, queue }) => {
    const schedules = resolveSchedules({ sites, overrides: await listScheduleOverrides(db), tz: settings.scheduleTz });
    const registered = queue ? new Map((await listCrawlSchedulers(queue)).map((s) => [s.site, s])) : null;
    console.log(formatSchedules(schedules.schedules, registered));
    for (const problem of schedules.problems) console.log(`invalid: ${problem}`);
    const stale = registered ? [...registered.keys()].filter((site) => !sites.some((s) => s.id === site)) : [];
    if (stale.length > 0) console.log(`schedulers of sites no longer configured (zicht start removes them): ${stale.join(', ')}`);
    if (!queue) console.log(`(Redis at ${settings.redisUrl} does not answer: "registered" is unknown)`);
  });
}

/** `zicht schedule set <site> <cron>`: store the override and, when Redis answers, apply it now. */
export async function scheduleSet(site: string, pattern: string, options: { tz?: string }): Promise<void> {
  await withScheduleContext(async ({ settings, db, sites, queue }) => {
    requireSite(sites, site);
    const tz = options.tz ?? settings.scheduleTz;
    const problem = isTimeZone(tz) ? cronProblem(pattern, tz) : `unknown time zone "${tz}"`;
    if (problem) fail(`${site}: ${problem}`);
    await saveScheduleOverride(db, { site, pattern, tz });
    if (queue) await upsertCrawlScheduler(queue, { site, pattern, tz });
    console.log(`${site}: crawled on "${pattern}" (${tz}), next ${formatTime(nextFiring(pattern, tz), tz)}; ${applied(queue, settings)}`);
  });
}

/** `zicht schedule remove <site>`: no scheduled crawls for the site until `set` or `reset`. */
export async function scheduleRemove(site: string): Promise<void> {
  await withScheduleContext(async ({ settings, db, sites, queue }) => {
    requireSite(sites, site);
    await saveScheduleOverride(db, { site, pattern: null, tz: settings.scheduleTz });
    if (queue) await removeCrawlScheduler(queue, site);
    console.log(`${site}: no scheduled crawls; ${applied(queue, settings)}`);
  });
}

/** `zicht schedule reset <site>`: drop the override; the site config's schedule or the default applies. */
export async function scheduleReset(site: string): Promise<void> {
  await withScheduleContext(async ({ settings, db, sites, queue }) => {
    const configured = requireSite(sites, site);
    await deleteScheduleOverride(db, site);
    const [schedule] = await planSchedules(settings, db, [configured]);
    if (!schedule?.pattern) return fail(`${site}: no schedule after reset`);
    if (queue) await upsertCrawlScheduler(queue, { site, pattern: schedule.pattern, tz: schedule.tz });
    console.log(`${site}: ${schedule.source} schedule "${schedule.pattern}" (${schedule.tz}); ${applied(queue, settings)}`);
  });
}

interface ScheduleContext {
  settings: Settings;
  db: Db;
  sites: ScheduledSite[];
  /** The crawl queue, or null when Redis does not answer (overrides are still stored). */
  queue: Queue | null;
}

async function withScheduleContext(fn: (context: ScheduleContext) => Promise<void>): Promise<void> {
  const settings = settingsOrExit();
  const log = loggerFor(settings);
  const sites = await scheduledSites(settings);
  const db = await openMigratedDb(settings, log);
  const queues = (await pingRedis(settings.redisUrl)) ? openQueues(settings.redisUrl, settings.queuePrefix) : null;
  try {
    await fn({ settings, db, sites, queue: queues?.crawl ?? null });
  } finally {
    await queues?.close();
    await db.close();
  }
}

/** The sites `zicht start` would crawl: the configured ones, or the built-in demo sites when none are. */
export async function scheduledSites(settings: Settings): Promise<ScheduledSite[]> {
  if (!hasConfiguredSites(settings)) return DEMO_SITE_IDS.map((id) => ({ id }));
  const sites: Map<string, SiteConfig> = await loadSites(settings);
  return [...sites.values()].map((site) => ({ id: site.id, schedule: site.schedule }));
}

function requireSite(sites: ScheduledSite[], id: string): ScheduledSite {
  const site = sites.find((s) => s.id === id);
  return site ?? fail(`unknown site "${id}"; configured: ${sites.map((s) => s.id).join(', ') || 'none'}`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function applied(queue: Queue | null, settings: Settings): string {
  return queue ? 'scheduler updated' : `saved; Redis at ${settings.redisUrl} does not answer, so the next zicht start applies it`;
}

function formatSchedules(schedules: SiteSchedule[], registered: Map<string, CrawlScheduler> | null): string {
  const header = ['site', 'schedule', 'tz', 'source', 'next', 'registered'];
  const rows = schedules.map((s) => {
    const inRedis = registered?.get(s.site);
    const next = inRedis?.next ?? (s.pattern ? nextFiring(s.pattern, s.tz) : null);
    const state = !registered ? '?' : !inRedis ? 'no' : inRedis.pattern === s.pattern && inRedis.tz === s.tz ? 'yes' : `differs (${inRedis.pattern})`;
    return [s.site, s.pattern ?? 'off', s.tz, s.source, s.pattern ? formatTime(next, s.tz) : '-', state];
  });
  return formatTable(header, rows);
}
