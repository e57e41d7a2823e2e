/**
 * Prometheus metrics (issue 7): crawl, queue, store, error and purge figures. Counters count this
 * process's own work; gauges are read from Redis and Postgres at scrape time. The web app serves
 * them on GET /metrics through `metricsResponse`; start and worker processes through their own
 * listener (ZICHT_METRICS_PORT). Series are listed in the README.
 */
export { createMetrics, type ZichtMetrics } from './zicht-metrics.js';
export { instrumentWorkers } from './instrument-workers.js';
export { metricsText, refreshMetrics, METRICS_CONTENT_TYPE, QUEUE_STATES, type MetricsSources } from './scrape.js';
export {
  metricsResponse,
  metricsHandler,
  metricsAccessDenied,
  isLoopback,
  startMetricsServer,
  type MetricsAccess,
  type MetricsEndpoint,
  type MetricsResponse,
  type MetricsServer,
} from './metrics-http.js';
export { startProcessMetrics, type ProcessMetrics, type ProcessMetricsOptions } from './process-metrics.js';
