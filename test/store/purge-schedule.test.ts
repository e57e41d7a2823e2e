import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents, type Queue, type Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import {
  MAINTENANCE_QUEUE,
  openMaintenanceQueue,
  PURGE_JOB,
  redisConnection,
  schedulePurge,
  startMaintenanceWorker,
} from '../../src/queue/index.js';
import type { PurgeReport } from '../../src/store/index.js';
import { recordCrawl } from '../helpers/crawl-run.js';
import { uniqueSite } from '../helpers/build-scraped-ad.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

// The nightly purge as BullMQ runs it: a job scheduler on the maintenance queue (every 300 ms
// here instead of a cron pattern), a worker reading the policy file at each run.
let t: TestDb;
let queue: Queue;
let worker: Worker;
let events: QueueEvents;
let policyFile: string;
const reports: PurgeReport[] = [];
const connection = redisConnection(TEST_REDIS_URL);
const prefix = `test-${randomUUID()}`;

beforeAll(async () => {
  t = await createTestDb();
  policyFile = join(await mkdtemp(join(tmpdir(), 'zicht-retention-')), 'retention.json');
  await writeFile(policyFile, JSON.stringify({ unflaggedAdsMonths: 3 }));
  // January 2025: long past 3 months; the ads are unflagged (no indicators).
  await recordCrawl(t.db, uniqueSite(), 6, ['old-1', 'old-2']);
  queue = openMaintenanceQueue({ connection, prefix });
  events = new QueueEvents(MAINTENANCE_QUEUE, { connection, prefix });
  await events.waitUntilReady();
  worker = startMaintenanceWorker({ connection, prefix }, { db: t.db, log: createLogger('silent'), retentionFile: policyFile, onPurged: (r) => reports.push(r) });
});

afterAll(async () => {
  await worker?.close(true);
  await events?.close();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await t?.cleanup();
});

function nextJob(outcome: 'completed' | 'failed'): Promise<string> {
  return new Promise((resolve) => events.once(outcome, ({ jobId }: { jobId: string }) => resolve(jobId)));
}

describe('scheduled retention purge', () => {
  it('fires from its job scheduler, purges, and audits as system:purge; later firings find nothing', async () => {
    const first = nextJob('completed');
    await schedulePurge(queue, { every: 300 });
    await first;
    await nextJob('completed');
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports[0]!.removed.unflagged_ads).toBe(2);
    expect(reports[1]!.removed.unflagged_ads).toBe(0);
    const { rows } = await t.db.query<{ username: string; n: number }>(
      `SELECT username, count(*)::int AS n FROM audit_log WHERE action = 'purge' GROUP BY username`,
    );
    expect(rows).toEqual([{ username: 'system:purge', n: 1 }]);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.name])).toEqual([['purge.retention', PURGE_JOB]]);
  });

  it('fails without retries on an invalid policy file, naming the problem', async () => {
    await writeFile(policyFile, JSON.stringify({ unflaggedAdsMonths: 0, retainForever: true }));
    const failed = nextJob('failed');
    const jobId = await failed;
    const job = await queue.getJob(jobId);
    expect(job?.failedReason).toMatch(/unflaggedAdsMonths/);
    expect(job?.failedReason).toMatch(/retainForever/);
    expect(job?.attemptsMade).toBe(1);
    await queue.removeJobScheduler('purge.retention');
  });
});
