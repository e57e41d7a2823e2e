import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cronProblem,
  defaultPattern,
  JOB,
  listCrawlSchedulers,
  nextFiring,
  openQueues,
  resolveSchedules,
  syncCrawlSchedulers,
  type Queues,
  type SiteSchedule,
} from '../../src/queue/index.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';

const TZ = 'Europe/Amsterdam';

describe('default schedules', () => {
  it('gives each site a fixed nightly slot from 01:00 to 05:00, never in the 02:00 hour that summer time skips', () => {
    const sites = Array.from({ length: 300 }, (_, i) => `site-${i}`);
    const patterns = sites.map(defaultPattern);
    expect(sites.map(defaultPattern)).toEqual(patterns);
    for (const pattern of patterns) {
      const [minute, hour, ...rest] = pattern.split(' ');
      expect(rest).toEqual(['*', '*', '*']);
      expect([1, 3, 4]).toContain(Number(hour));
      expect(Number(minute)).toBeGreaterThanOrEqual(0);
      expect(Number(minute)).toBeLessThan(60);
    }
    // Spread: 300 sites over 180 slots take most of them, in all three hours.
    expect(new Set(patterns).size).toBeGreaterThan(120);
    expect(new Set(patterns.map((p) => p.split(' ')[1])).size).toBe(3);
  });

  it('fires in the Amsterdam night, also across the switch to summer time', () => {
    const from = new Date('2025-03-29T12:00:00Z');
    const next = nextFiring('30 3 * * *', TZ, from)!;
    // 30 March 2025: clocks go 02:00 → 03:00; 03:30 CEST is 01:30 UTC.
    expect(next.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(nextFiring('30 1 * * *', TZ, new Date('2025-07-01T12:00:00Z'))!.toISOString()).toBe('2025-07-01T23:30:00.000Z');
  });
});

describe('cron patterns', () => {
  it('accepts 5 fields, or 6 with seconds, and explains what is wrong otherwise', () => {
    expect(cronProblem('30 3 * * *', TZ)).toBeNull();
    expect(cronProblem('*/5 * * * * *', TZ)).toBeNull();
    expect(cronProblem('1 2 3', TZ)).toMatch(/5 fields/);
    expect(cronProblem('', TZ)).toMatch(/5 fields/);
    expect(cronProblem('61 3 * * *', TZ)).toMatch(/0-59/);
    expect(cronProblem('0 0 31 2 *', TZ)).toMatch(/day of month/i);
  });

  it('resolves override > site config > default, and lists every invalid pattern', () => {
    const { schedules, problems } = resolveSchedules({
      sites: [{ id: 'a' }, { id: 'b', schedule: '15 4 * * *' }, { id: 'c', schedule: '15 4 * * *' }, { id: 'd' }, { id: 'e', schedule: 'nightly' }],
      overrides: new Map([
        ['c', { pattern: '0 1 * * 1', tz: 'UTC' }],
        ['d', { pattern: null, tz: TZ }],
        ['unconfigured', { pattern: '0 1 * * *', tz: TZ }],
      ]),
      tz: TZ,
    });
    expect(schedules).toEqual<SiteSchedule[]>([
      { site: 'a', pattern: defaultPattern('a'), tz: TZ, source: 'default' },
      { site: 'b', pattern: '15 4 * * *', tz: TZ, source: 'config' },
      { site: 'c', pattern: '0 1 * * 1', tz: 'UTC', source: 'override' },
      { site: 'd', pattern: null, tz: TZ, source: 'override' },
    ]);
    expect(problems).toEqual([expect.stringMatching(/^e \(site config "schedule"\): "nightly" is not a cron pattern/)]);
  });
});

describe('crawl schedulers in Redis', () => {
  let queues: Queues;
  beforeAll(() => {
    queues = openQueues(TEST_REDIS_URL, `test-${randomUUID()}`);
  });
  afterAll(async () => {
    await queues.crawl.obliterate({ force: true });
    await queues.close();
  });

  const schedule = (site: string, pattern: string | null): SiteSchedule => ({ site, pattern, tz: TZ, source: 'default' });

  it('registers one scheduler and one pending crawl job per site, idempotently', async () => {
    const wanted = [schedule('demo-a', '10 1 * * *'), schedule('demo-b', '20 3 * * *')];
    expect(await syncCrawlSchedulers(queues.crawl, wanted)).toEqual({ added: ['demo-a', 'demo-b'], updated: [], unchanged: [], removed: [] });
    expect(await syncCrawlSchedulers(queues.crawl, wanted)).toEqual({ added: [], updated: [], unchanged: ['demo-a', 'demo-b'], removed: [] });
    expect(await queues.crawl.getJobSchedulersCount()).toBe(2);
    const delayed = await queues.crawl.getDelayed();
    expect(delayed.map((job) => `${job.name} ${(job.data as { site: string }).site}`).sort()).toEqual([`${JOB.crawlSite} demo-a`, `${JOB.crawlSite} demo-b`]);
    const listed = await listCrawlSchedulers(queues.crawl);
    expect(listed.map((s) => [s.site, s.pattern, s.tz]).sort()).toEqual([['demo-a', '10 1 * * *', TZ], ['demo-b', '20 3 * * *', TZ]]);
    expect(listed.find((s) => s.site === 'demo-a')!.next).toEqual(nextFiring('10 1 * * *', TZ));
  });

  it('updates a changed pattern and removes the schedulers of sites dropped or switched off', async () => {
    await queues.crawl.upsertJobScheduler('someone-else', { every: 3_600_000 }, { name: 'other' });
    const result = await syncCrawlSchedulers(queues.crawl, [schedule('demo-a', '45 4 * * *'), schedule('demo-c', null)]);
    expect(result).toEqual({ added: [], updated: ['demo-a'], unchanged: [], removed: ['demo-b'] });
    expect((await listCrawlSchedulers(queues.crawl)).map((s) => [s.site, s.pattern])).toEqual([['demo-a', '45 4 * * *']]);
    // Schedulers that are not crawl schedules are left alone; the dropped site's pending job is gone.
    expect(await queues.crawl.getJobScheduler('someone-else')).toBeDefined();
    expect((await queues.crawl.getDelayed()).filter((job) => job.name === JOB.crawlSite).map((job) => job.data)).toEqual([{ site: 'demo-a' }]);
  });
});
