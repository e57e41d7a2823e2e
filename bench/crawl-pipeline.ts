/**
 * The full pipeline on demo-a: crawl → BullMQ → analysis → Postgres, timed until the run is
 * closed (every ad stored). Uses its own schema and queue prefix, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { crawlAndWait } from '../src/cli/crawl-all.js';
import { loadSites } from '../src/cli/context.js';
import { startWorkerRuntime } from '../src/cli/worker-runtime.js';
import { loadSettings } from '../src/config/settings.js';
import { createLogger } from '../src/log.js';
import { migrate, openDb } from '../src/store/index.js';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${randomUUID().replace(/-/g, '')}`;
const demoUrls = { 'demo-a': process.env.ZICHT_SITE_DEMO_A_URL ?? '' };
if (!demoUrls['demo-a']) throw new Error('ZICHT_SITE_DEMO_A_URL is not set (bench/run.ts sets it)');

const settings = loadSettings({ databaseUrl, queuePrefix: `bench-${randomUUID()}`, logLevel: 'error' });
const log = createLogger('error');
const db = await openDb({ databaseUrl, schema });
await migrate(db);
const sites = await loadSites(settings, demoUrls);
for (const id of [...sites.keys()]) if (id !== 'demo-a') sites.delete(id);
const runtime = startWorkerRuntime(settings, db, sites, log);

const started = performance.now();
const [summary] = await crawlAndWait(runtime.queues, ['demo-a'], false);
const seconds = (performance.now() - started) / 1000;

await runtime.workers.close();
await runtime.queues.crawl.obliterate({ force: true });
await runtime.queues.ads.obliterate({ force: true });
await runtime.queues.close();
await db.close();
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
await admin.query(`DROP SCHEMA ${schema} CASCADE`);
await admin.end();

console.log(
  JSON.stringify({
    name: 'crawl: full pipeline → Postgres',
    pages: summary?.pages,
    ads: summary?.adsSeen,
    seconds: seconds.toFixed(1),
    'pages/s': ((summary?.pages ?? 0) / seconds).toFixed(1),
    'peak RSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  }),
);
