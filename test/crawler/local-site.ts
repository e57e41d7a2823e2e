// A tiny HTTP site on 127.0.0.1 for crawler tests: routes by path + query, counts hits, records user agents.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { SiteConfigInput } from '../../src/crawler/index.js';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A route answers a request; `hit` is 1 on the first request to that route. */
export type Route = (hit: number, request: http.IncomingMessage) => Reply | Promise<Reply>;

export interface LocalSite {
  url: string;
  hits: Map<string, number>;
  userAgents: Set<string>;
  close(): Promise<void>;
}

export function html(body: string, headers: Record<string, string> = {}): Reply {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export async function startLocalSite(routes: Record<string, Route>): Promise<LocalSite> {
  const hits = new Map<string, number>();
  const userAgents = new Set<string>();
  const server = http.createServer((request, response) => {
    const key = request.url ?? '/';
    const hit = (hits.get(key) ?? 0) + 1;
    hits.set(key, hit);
    if (key !== '/robots.txt') userAgents.add(request.headers['user-agent'] ?? '');
    const route = routes[key];
    void Promise.resolve(route ? route(hit, request) : { status: 404, body: 'not found' }).then((reply) => {
      response.writeHead(reply.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...reply.headers });
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    userAgents,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A silent logger for tests (set TEST_LOG=debug to see the crawler's lines). */
export const testLog = pino({ level: process.env.TEST_LOG ?? 'silent' });

/** A cheerio site config over the local test pages; override what a test needs. */
export function buildSite(overrides: Partial<SiteConfigInput> = {}): SiteConfigInput {
  return {
    id: 'local',
    name: 'Local test site',
    kind: 'cheerio',
    startUrls: ['{baseUrl}/list?page=1'],
    listing: { detailLinks: 'a.ad', pageLinks: 'a.next' },
    detail: {
      urlPattern: '^/ad/(\\d+)$',
      fields: { title: 'h1', name: '.name', location: '.place', phone: '.phone', text: '.text' },
    },
    politeness: { maxConcurrency: 4, maxRequestsPerMinute: 60_000, robotsTxt: 'respect', maxRetries: 2, requestTimeoutSecs: 10 },
    ...overrides,
  };
}

/** A detail page in the shape `buildSite` reads. */
export function adPage(id: number | string, text = `Advertentie ${id}: lieve dame in Haarlem.`): string {
  return `<!doctype html><html><head><title>ad ${id}</title></head><body>
    <h1>Ad ${id}</h1><span class="name">Eva ${id}</span><span class="place">Haarlem</span>
    <span class="phone">06-1234567${String(id).slice(-1)}</span><div class="text">${text}</div></body></html>`;
}
