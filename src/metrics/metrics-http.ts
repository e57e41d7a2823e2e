import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_CONTENT_TYPE, metricsText, type MetricsSources } from './scrape.js';
import type { ZichtMetrics } from './zicht-metrics.js';

/** Who may read /metrics: ZICHT_METRICS_TOKEN, or nobody but this machine when it is unset. */
export interface MetricsAccess {
  token?: string | undefined;
}

export interface MetricsResponse {
  status: 200 | 401 | 403;
  contentType: string;
  body: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Whether an address is this machine's own (127.0.0.0/8, ::1). */
export function isLoopback(address: string | undefined): boolean {
  return LOOPBACK.test(address ?? '');
}

/** Everything a /metrics route needs: the registry, where the gauges are read, who may read. */
export interface MetricsEndpoint {
  metrics: ZichtMetrics;
  sources: MetricsSources;
  access: MetricsAccess;
}

/**
 * The access rule. With a token set, every request must bring it (`Authorization: Bearer …`),
 * from anywhere — also from localhost, because behind a reverse proxy on the same machine every
 * visitor looks local. Without a token, only loopback clients are served. The figures hold no
 * personal data, but queue sizes and site names are still nobody else's business.
 */
export function metricsAccessDenied(access: MetricsAccess, client: { remoteAddress?: string | undefined; authorization?: string | undefined }): 401 | 403 | null {
  if (access.token) {
    const given = /^Bearer\s+(.+)$/i.exec(client.authorization ?? '')?.[1]?.trim() ?? '';
    return sameSecret(given, access.token) ? null : 401;
  }
  return isLoopback(client.remoteAddress) ? null : 403;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics for any web framework: check access, then scrape. The web app mounts it as
 * `const r = await metricsResponse(metrics, sources, access, { remoteAddress, authorization })`
 * and sends `r.status`, `r.contentType`, `r.body`.
 */
export async function metricsResponse(
  metrics: ZichtMetrics,
  sources: MetricsSources,
  access: MetricsAccess,
  client: { remoteAddress?: string | undefined; authorization?: string | undefined },
): Promise<MetricsResponse> {
  const denied = metricsAccessDenied(access, client);
  if (denied === 401) return { status: 401, contentType: 'text/plain; charset=utf-8', body: 'metrics: bearer token required\n' };
  if (denied === 403) return { status: 403, contentType: 'text/plain; charset=utf-8', body: 'metrics: only local clients (set ZICHT_METRICS_TOKEN to allow others)\n' };
  return { status: 200, contentType: METRICS_CONTENT_TYPE, body: await metricsText(metrics, sources) };
}

/** The same as a Node `http` request handler (serves GET /metrics, 404 for the rest). */
export function metricsHandler(metrics: ZichtMetrics, sources: MetricsSources, access: MetricsAccess) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metricsResponse(metrics, sources, access, { remoteAddress: req.socket.remoteAddress, authorization: req.headers.authorization })
      .then((r) => res.writeHead(r.status, { 'content-type': r.contentType }).end(r.body))
      .catch((error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`));
  };
}

export interface MetricsServer {
  server: Server;
  /** The port it listens on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * A tiny listener for processes without the web app (`zicht worker`, `zicht start`): set
 * ZICHT_METRICS_PORT to have one. Binds to `host` (default loopback).
 */
export async function startMetricsServer(
  metrics: ZichtMetrics,
  sources: MetricsSources,
  options: MetricsAccess & { port: number; host?: string | undefined },
): Promise<MetricsServer> {
  const server = createServer(metricsHandler(metrics, sources, options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
