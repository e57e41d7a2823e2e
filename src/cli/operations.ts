import type { Settings } from '../config/settings.js';
import type { Logger } from '../log.js';
import { startProcessMetrics, type ProcessMetrics } from '../metrics/index.js';
import { cronProblem, openMaintenanceQueue, schedulePurge, startMaintenanceWorker } from '../queue/index.js';
import type { Db } from '../store/index.js';
import type { WorkerRuntime } from './worker-runtime.js';

export interface Operations {
  metrics: ProcessMetrics;
  close(): Promise<void>;
}

/**
 * What every long-running process adds to its workers: the maintenance worker (retention purge),
 * and metrics (its workers counted; a /metrics listener with ZICHT_METRICS_PORT). With
 * `schedulePurge` (only `zicht start`) it also registers the nightly purge's job scheduler.
 */
export async function startOperations(
  settings: Settings,
  db: Db,
  runtime: WorkerRuntime,
  log: Logger,
  options: { schedulePurge: boolean },
): Promise<Operations> {
  const problem = options.schedulePurge ? cronProblem(settings.purgeCron, settings.scheduleTz) : null;
  if (problem) throw new Error(`ZICHT_PURGE_CRON: ${problem}`);
  const connection = runtime.queues.connection;
  const prefix = runtime.queues.prefix;
  const maintenance = openMaintenanceQueue({ connection, prefix });
  // Redis restarting is logged (BullMQ reconnects), not printed raw to the console.
  maintenance.on('error', (error) => log.warn({ client: 'queue maintenance', err: error.message }, 'redis connection error'));
  const metrics = await startProcessMetrics({
    db,
    queues: [runtime.queues.crawl, runtime.queues.ads, maintenance],
    workers: [runtime.workers.crawl, runtime.workers.ads],
    log,
    port: settings.metricsPort,
    host: settings.metricsHost,
    token: settings.metricsToken,
  });
  const worker = startMaintenanceWorker(
    { connection, prefix },
    {
      db,
      log,
      retentionFile: settings.retentionFile,
      onPurged: (report) => {
        for (const [category, n] of Object.entries(report.removed)) metrics.metrics.purgeRemoved.inc({ category }, n);
      },
    },
  );
  if (options.schedulePurge) {
    await schedulePurge(maintenance, { pattern: settings.purgeCron, tz: settings.scheduleTz });
    log.info({ pattern: settings.purgeCron, tz: settings.scheduleTz, retentionFile: settings.retentionFile }, 'retention purge scheduled');
  }
  return {
    metrics,
    async close() {
      await worker.close();
      await maintenance.close();
      await metrics.close();
    },
  };
}
