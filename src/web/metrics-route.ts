import type { FastifyInstance } from 'fastify';
import { isLoopback, metricsResponse, type MetricsEndpoint } from '../metrics/index.js';

/**
 * GET /metrics (Prometheus) beside the pages. Not a page route: no session or role, but the
 * metrics access rule (src/metrics/metrics-http.ts): ZICHT_METRICS_TOKEN as a bearer token, or
 * without one, loopback clients only — judged on both the socket and the proxy-reported address,
 * so neither a spoofed X-Forwarded-For nor a well-configured proxy lets an outsider in.
 */
export function mountMetrics(app: FastifyInstance, endpoint: MetricsEndpoint): void {
  app.get('/metrics', async (request, reply) => {
    const remoteAddress = isLoopback(request.ip) ? request.socket.remoteAddress : request.ip;
    const response = await metricsResponse(endpoint.metrics, endpoint.sources, endpoint.access, {
      remoteAddress,
      authorization: request.headers.authorization,
    });
    return reply.code(response.status).type(response.contentType).send(response.body);
  });
}
