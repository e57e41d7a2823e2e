import type { Queue, Worker } from 'bullmq';
import type { Logger } from '../log.js';
import type { Db } from '../store/index.js';
import { instrumentWorkers } from './instrument-workers.js';
import { startMetricsServer, type MetricsEndpoint, type MetricsServer } from './metrics-http.js';
import { createMetrics, type ZichtMetrics } from './zicht-metrics.js';

export interface ProcessMetricsOptions {
  db: Db;
  queues: readonly Queue[];
  workers: readonly Worker[];
  log: Logger;
  /** ZICHT_METRICS_PORT: serve /metrics on it; unset: count, but serve nothing. */
  port?: number | undefined;
  host?: string | undefined;
  token?: string | undefined;
}

export interface ProcessMetrics {
  metrics: ZichtMetrics;
  /** For the web app of the same process (`zicht start`): its GET /metrics serves these counters. */
  endpoint: MetricsEndpoint;
  server: MetricsServer | null;
  close(): Promise<void>;
}

/**
 * The metrics of a `zicht start` or `zicht worker` process: its workers instrumented, and with a
 * port set, a /metrics listener reading the queues and Postgres at each scrape.
 */
export async function startProcessMetrics(options: ProcessMetricsOptions): Promise<ProcessMetrics> {
  const metrics = createMetrics();
  instrumentWorkers(metrics, options.workers);
  const endpoint: MetricsEndpoint = { metrics, sources: { db: options.db, queues: options.queues }, access: { token: options.token } };
  let server: MetricsServer | null = null;
  if (options.port !== undefined) {
    server = await startMetricsServer(metrics, endpoint.sources, { port: options.port, host: options.host, token: options.token });
    options.log.info({ port: server.port, host: options.host ?? '127.0.0.1', token: Boolean(options.token) }, 'metrics listening on /metrics');
  }
  return { metrics, endpoint, server, close: async () => server?.close() };
}
