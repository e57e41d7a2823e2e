import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job, type RepeatOptions } from 'bullmq';
import type { Logger } from '../log.js';
import { loadRetentionPolicy, purgeExpired, retentionCutoffs, type Db, type PurgeReport } from '../store/index.js';

/** Housekeeping jobs apart from the crawl and ads queues, so a long crawl backlog never delays them. */
export const MAINTENANCE_QUEUE = 'maintenance';
export const PURGE_JOB = 'purge';
/** One scheduler for the whole deployment: upserting it again (every `zicht start`) replaces it. */
export const PURGE_SCHEDULER_ID = 'purge.retention';

export interface PurgeJobDeps {
  db: Db;
  log: Logger;
  /** Read at each run, so a changed policy counts from the next night without a restart. */
  retentionFile: string;
  /** Told about every purge that ran (the metrics count removals with it). */
  onPurged?: ((report: PurgeReport) => void) | undefined;
}

export interface MaintenanceOptions {
  connection: ConnectionOptions;
  prefix: string;
}

export function openMaintenanceQueue(options: MaintenanceOptions): Queue {
  return new Queue(MAINTENANCE_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  });
}

/**
 * Registers (or replaces) the purge's job scheduler: a cron pattern in a time zone, or `every` ms
 * (tests). BullMQ keeps one scheduler per id however many processes call this.
 */
export async function schedulePurge(queue: Queue, repeat: Pick<RepeatOptions, 'pattern' | 'tz' | 'every'>): Promise<void> {
  await queue.upsertJobScheduler(PURGE_SCHEDULER_ID, repeat, { name: PURGE_JOB, data: {} });
}

/**
 * The purge job: read the policy, delete what expired, audit it. Idempotent (a second run finds
 * nothing more). An invalid policy file fails at once, without retries: it needs a person.
 */
export function createPurgeProcessor(deps: PurgeJobDeps) {
  return async (job: Job): Promise<PurgeReport> => {
    if (job.name !== PURGE_JOB) throw new UnrecoverableError(`unknown job name on the maintenance queue: ${job.name}`);
    let policy;
    try {
      policy = loadRetentionPolicy(deps.retentionFile);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    const report = await purgeExpired(deps.db, retentionCutoffs(policy, new Date()), { actor: 'system:purge' });
    deps.log.info({ jobId: job.id, removed: report.removed, cascade: report.cascade }, 'retention purge done');
    deps.onPurged?.(report);
    return report;
  };
}

/** The maintenance worker of one process; each scheduler firing makes one job, run by one worker. */
export function startMaintenanceWorker(options: MaintenanceOptions, deps: PurgeJobDeps): Worker {
  const worker = new Worker(MAINTENANCE_QUEUE, createPurgeProcessor(deps), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: 1,
  });
  worker.on('failed', (job, error) => {
    // Logged once, on the last attempt (STYLE.md); earlier ones at debug level.
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    deps.log[final ? 'error' : 'debug']({ queue: MAINTENANCE_QUEUE, jobId: job?.id, err: error.message }, final ? 'job failed' : 'job attempt failed, will retry');
  });
  worker.on('error', (error) => deps.log.warn({ queue: MAINTENANCE_QUEUE, err: error.message }, 'worker connection error'));
  return worker;
}
