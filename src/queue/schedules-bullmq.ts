import type { Queue } from 'bullmq';
import type { CrawlSiteJob } from './payloads.js';
import { JOB } from './payloads.js';
import { schedulerIdOf, siteOfSchedulerId, type SiteSchedule } from './schedules.js';

/** A crawl job scheduler as BullMQ holds it in Redis. */
export interface CrawlScheduler {
  site: string;
  pattern: string | null;
  tz: string | null;
  /** When its next crawl job is due. */
  next: Date | null;
}

/** What {@link syncCrawlSchedulers} did, by site. */
export interface ScheduleSync {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

/** The crawl schedulers of the crawl queue (other schedulers on it are left alone). */
export async function listCrawlSchedulers(queue: Queue): Promise<CrawlScheduler[]> {
  const all = await queue.getJobSchedulers(0, -1, true);
  return all.flatMap((scheduler) => {
    const site = siteOfSchedulerId(scheduler.key);
    if (site === null) return [];
    return [{ site, pattern: scheduler.pattern ?? null, tz: scheduler.tz ?? null, next: scheduler.next === undefined ? null : new Date(scheduler.next) }];
  });
}

/**
 * Creates or updates a site's scheduler. Each firing adds an ordinary `crawl-site` job (the queue's
 * default attempts and backoff), so a scheduled crawl takes the same path as `zicht crawl`: its own
 * run id, ads batches, finalize-run and the health check.
 */
export async function upsertCrawlScheduler(queue: Queue, schedule: { site: string; pattern: string; tz: string }): Promise<void> {
  const data: CrawlSiteJob = { site: schedule.site };
  await queue.upsertJobScheduler(schedulerIdOf(schedule.site), { pattern: schedule.pattern, tz: schedule.tz }, { name: JOB.crawlSite, data });
}

/** Removes a site's scheduler and its pending job; false when it had none. */
export async function removeCrawlScheduler(queue: Queue, site: string): Promise<boolean> {
  return queue.removeJobScheduler(schedulerIdOf(site));
}

/**
 * Makes Redis hold exactly these schedules: upserts the changed and missing ones, and removes the
 * crawl schedulers of sites that are not given or are off (a site dropped from the configuration).
 * Idempotent: an unchanged schedule is not touched, so running it twice (two `zicht start`s)
 * leaves one scheduler and one pending job per site.
 */
export async function syncCrawlSchedulers(queue: Queue, schedules: readonly SiteSchedule[]): Promise<ScheduleSync> {
  const existing = new Map((await listCrawlSchedulers(queue)).map((scheduler) => [scheduler.site, scheduler]));
  const result: ScheduleSync = { added: [], updated: [], unchanged: [], removed: [] };
  const wanted = new Set<string>();
  for (const { site, pattern, tz } of schedules) {
    if (pattern === null) continue;
    wanted.add(site);
    const current = existing.get(site);
    if (current && current.pattern === pattern && current.tz === tz) {
      result.unchanged.push(site);
      continue;
    }
    await upsertCrawlScheduler(queue, { site, pattern, tz });
    (current ? result.updated : result.added).push(site);
  }
  for (const site of existing.keys()) {
    if (!wanted.has(site) && (await removeCrawlScheduler(queue, site))) result.removed.push(site);
  }
  return result;
}
