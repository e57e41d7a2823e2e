/**
 * The work queue page over HTTP: `GET /werkvoorraad` through the whole web app (session lookup,
 * query parsing, `listWorkQueue`, the site list, rendering) by `app.inject`, as a signed-in
 * coordinator of each district in turn, on the bench's synthetic ads (bench/queue-data.ts).
 * Rows for bench/queue.ts: p50/p95 server time of the first page and of the pages after it.
 */
import type { FastifyInstance } from 'fastify';
import { loadSettings } from '../src/config/settings.js';
import { DISTRICTS } from '../src/domain/districts.js';
import { createLogger } from '../src/log.js';
import type { Db } from '../src/store/index.js';
import { buildWebApp } from '../src/web/app.js';
import { addUser, WebClient } from '../test/web/web-harness.js';

/** A year of crawls of the bench's six sites, four a day: what the site filter's list reads. */
async function addCrawlRuns(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO crawl_runs (id, site, status, started_at, finished_at)
     SELECT 'bench-run-' || s || '-' || n, 'bench-' || s, 'succeeded', t, t + interval '20 minutes'
     FROM generate_series(0, 5) s, generate_series(1, 1460) n, LATERAL (SELECT timestamptz '2024-03-01' + n * interval '6 hours' AS t) x
     ON CONFLICT DO NOTHING`,
  );
  await db.query('ANALYZE crawl_runs');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timedGet(app: FastifyInstance, client: WebClient, url: string): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const response = await app.inject({ method: 'GET', url, cookies: Object.fromEntries(client.cookies) });
  const ms = performance.now() - t0;
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode}`);
  return { ms, body: response.body };
}

const nextLink = (body: string) => /<a href="([^"]+)" rel="next">/.exec(body)?.[1]?.replaceAll('&amp;', '&');

/**
 * Times the queue page `runs` times per scenario: the first page (default filters: live, not
 * reviewed), and each next page after it (following the page's own "next" link, ten deep).
 */
export async function queuePageRows(db: Db, options: { total: number; runs: number }): Promise<Array<Record<string, unknown>>> {
  await addCrawlRuns(db);
  const app = await buildWebApp({ db, log: createLogger('silent'), settings: loadSettings({ logLevel: 'warn' }, {}) });
  try {
    const clients: WebClient[] = [];
    for (const district of DISTRICTS) clients.push(await new WebClient(app).loginAs(await addUser(db, 'coordinator', { district })));
    const first: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < options.runs + 5; i += 1) {
      const client = clients[i % clients.length]!;
      const page = await timedGet(app, client, '/werkvoorraad');
      if (i >= 5) first.push(page.ms); // the first rounds warm caches and plans
      let url = nextLink(page.body);
      for (let depth = 0; depth < 10 && url && i >= 5 && i % 10 === 0; depth += 1) {
        const deeper = await timedGet(app, client, url);
        next.push(deeper.ms);
        url = nextLink(deeper.body);
      }
    }
    const row = (name: string, ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return {
        name, ads: options.total.toLocaleString('en'), runs: sorted.length,
        'p50 ms': percentile(sorted, 50).toFixed(2), 'p95 ms': percentile(sorted, 95).toFixed(2),
      };
    };
    return [row('queue page: GET /werkvoorraad (coordinator, first page)', first), row('queue page: GET /werkvoorraad next pages (cursor links, 2–11)', next)];
  } finally {
    await app.close();
  }
}
