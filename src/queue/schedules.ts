import { createHash } from 'node:crypto';
import { getNextMillis } from 'bullmq';

/**
 * Crawl schedules, pure: which cron pattern each site is crawled on. A site's schedule is, first
 * found: its override (`zicht schedule set|remove`, stored in Postgres), the `schedule` of its site
 * config, or a default nightly slot derived from its id.
 */
export type ScheduleSource = 'override' | 'config' | 'default';

export interface SiteSchedule {
  site: string;
  /** Cron pattern (5 fields, or 6 with seconds first); null: not crawled on a schedule. */
  pattern: string | null;
  tz: string;
  source: ScheduleSource;
}

/** BullMQ job scheduler ids of crawl schedules: `crawl.<site id>` (site ids have no colons or dots). */
export const SCHEDULER_ID_PREFIX = 'crawl.';

export function schedulerIdOf(site: string): string {
  return `${SCHEDULER_ID_PREFIX}${site}`;
}

/** The site of a crawl scheduler id, or null for a scheduler that is not ours. */
export function siteOfSchedulerId(id: string): string | null {
  return id.startsWith(SCHEDULER_ID_PREFIX) ? id.slice(SCHEDULER_ID_PREFIX.length) : null;
}

/**
 * Hours of the default slots: the small hours, when the sites are quiet, 01:00–05:00 — but not
 * 02:00–02:59, which the switch to and from summer time skips or repeats in Europe/Amsterdam.
 */
const DEFAULT_HOURS = [1, 3, 4] as const;

/**
 * The default nightly pattern of a site: one of 180 minute slots, chosen by a hash of its id, so
 * sites are spread over the night and a site keeps its slot from one start to the next.
 *
 * @example defaultPattern('demo-a') // e.g. '17 3 * * *'
 */
export function defaultPattern(site: string): string {
  const slot = createHash('sha256').update(site).digest().readUInt32BE(0) % (DEFAULT_HOURS.length * 60);
  return `${slot % 60} ${DEFAULT_HOURS[Math.floor(slot / 60)]} * * *`;
}

/** What is wrong with a cron pattern in a time zone, in words; null when BullMQ can schedule it. */
export function cronProblem(pattern: string, tz: string): string | null {
  const fields = pattern.trim().split(/\s+/).filter(Boolean);
  if (fields.length < 5 || fields.length > 6) {
    return `"${pattern}" is not a cron pattern: give 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first`;
  }
  try {
    // The parser BullMQ's scheduler uses itself, so what passes here is what it can run.
    if (getNextMillis(Date.now(), { pattern, tz }) === undefined) return `"${pattern}" never fires`;
  } catch (error) {
    return `"${pattern}" in ${tz}: ${(error as Error).message}`;
  }
  return null;
}

/** When a pattern fires next after `from`, or null when it never does. */
export function nextFiring(pattern: string, tz: string, from = new Date()): Date | null {
  try {
    const next = getNextMillis(from.getTime(), { pattern, tz });
    return next === undefined ? null : new Date(next);
  } catch {
    return null;
  }
}

export interface ScheduleInput {
  /** The configured sites, with the `schedule` of their site config if any. */
  sites: ReadonlyArray<{ id: string; schedule?: string | undefined }>;
  /** Overrides by site; sites not configured are ignored. */
  overrides: ReadonlyMap<string, { pattern: string | null; tz: string }>;
  /** Time zone of config and default patterns. */
  tz: string;
}

/**
 * Each configured site's schedule, and every invalid pattern as a problem (`site: why`), so a user
 * fixes them in one go. A site with an invalid pattern gets no schedule.
 */
export function resolveSchedules(input: ScheduleInput): { schedules: SiteSchedule[]; problems: string[] } {
  const problems: string[] = [];
  const schedules: SiteSchedule[] = [];
  for (const site of input.sites) {
    const override = input.overrides.get(site.id);
    const schedule: SiteSchedule = override
      ? { site: site.id, pattern: override.pattern, tz: override.tz, source: 'override' }
      : site.schedule !== undefined
        ? { site: site.id, pattern: site.schedule, tz: input.tz, source: 'config' }
        : { site: site.id, pattern: defaultPattern(site.id), tz: input.tz, source: 'default' };
    const problem = schedule.pattern === null ? null : cronProblem(schedule.pattern, schedule.tz);
    if (problem) problems.push(`${site.id} (${schedule.source === 'config' ? 'site config "schedule"' : 'zicht schedule set'}): ${problem}`);
    else schedules.push(schedule);
  }
  return { schedules, problems };
}
