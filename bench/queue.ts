/**
 * The work queue at scale: `listWorkQueue` server time (p50/p95 ms) over 1,000,000 synthetic ads
 * (bench/queue-data.ts), for the first page, deep keyset pages, walking 500 pages, filters and
 * searches. Each scenario's query plan is checked once with EXPLAIN ANALYZE: the row says which
 * indexes it used and whether it had to sort. One JSON line per scenario.
 *
 *   BENCH_QUEUE_ADS=200000 BENCH_QUEUE_RUNS=100 npx tsx bench/queue.ts
 */
import { permitKey } from '../src/classifier/licence/permit-key.js';
import { DISTRICTS } from '../src/domain/districts.js';
import {
  ALL_DISTRICTS,
  districtScope,
  getAdForReview,
  listWorkQueue,
  reviewOverview,
  workQueueSql,
  type Db,
  type ReviewScope,
  type WorkQueueFilters,
  type WorkQueuePageRequest,
} from '../src/store/index.js';
import { createQueueBenchDb } from './queue-data.js';
import { queuePageRows } from './queue-page.js';

const total = Number(process.env.BENCH_QUEUE_ADS ?? 1_000_000);
const runs = Number(process.env.BENCH_QUEUE_RUNS ?? 200);
const PAGE = 50;

interface Call {
  scope: ReviewScope;
  filters: WorkQueueFilters;
  page: WorkQueuePageRequest;
}

interface Scenario {
  name: string;
  /** The i-th call of the scenario (params vary, so no single plan or cache line is flattered). */
  call(i: number): Call;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const scopes = DISTRICTS.map((d) => districtScope(d));
const DEFAULT: WorkQueueFilters = { status: 'live', reviewed: 'no' };
const FILTER_PAIRS: WorkQueueFilters[] = [
  { ...DEFAULT, indicator: 'under_21', licence: 'unlicensed' },
  { ...DEFAULT, indicator: 'hotel_location', licence: 'invalid_permit' },
  { ...DEFAULT, indicator: 'phone_shared', licence: 'licensed' },
  { ...DEFAULT, indicator: 'minor_suspected', licence: 'unlicensed' },
];

/** The cursor after the first `offset` rows of a ranking, found once the slow way (all rows up to it). */
async function cursorAt(db: Db, scope: ReviewScope, filters: WorkQueueFilters, offset: number): Promise<{ score: number; id: string } | undefined> {
  const { sql, params } = workQueueSql(scope, filters, { limit: offset - 1 });
  const { rows } = await db.query<{ id: string; risk_score: number }>(sql, params);
  const last = rows.length === offset ? rows.at(-1) : undefined;
  return last ? { score: last.risk_score, id: last.id } : undefined;
}

async function deepCursors(db: Db, filters: WorkQueueFilters[], offsets: number[]): Promise<Call[]> {
  const calls: Call[] = [];
  for (const scope of scopes) {
    for (const f of filters) {
      for (const offset of offsets) {
        const cursor = await cursorAt(db, scope, f, offset);
        if (cursor) calls.push({ scope, filters: f, page: { cursor, limit: PAGE } });
      }
    }
  }
  return calls;
}

async function samples(db: Db, sql: string): Promise<string[]> {
  return (await db.query<{ v: string }>(sql)).rows.map((r) => r.v);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Index names and sorts in the plan of one call, from EXPLAIN ANALYZE. */
async function planOf(db: Db, call: Call): Promise<string> {
  const { sql, params } = workQueueSql(call.scope, call.filters, { ...call.page, limit: call.page.limit ?? PAGE });
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  if (process.env.BENCH_QUEUE_PLANS === '1') console.error(plan);
  const indexes = [...new Set([...plan.matchAll(/(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g)].map((m) => m[1]))];
  const seq = /Seq Scan on ads/.test(plan) ? ' +seqscan' : '';
  const sorted = /Sort Key: a\.risk_score/.test(plan) ? ' +sort' : '';
  return `${indexes.join(',')}${seq}${sorted}`;
}

async function time(db: Db, scenario: Scenario): Promise<Record<string, unknown>> {
  for (let i = 0; i < 5; i += 1) {
    const call = scenario.call(i);
    await listWorkQueue(db, call.scope, call.filters, call.page);
  }
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i += 1) {
    const call = scenario.call(i);
    const t0 = performance.now();
    const page = await listWorkQueue(db, call.scope, call.filters, call.page);
    ms.push(performance.now() - t0);
    rows += page.rows.length;
  }
  ms.sort((a, b) => a - b);
  return row(scenario.name, ms, rows / runs, await planOf(db, scenario.call(0)));
}

function timing(name: string, sortedMs: number[]): Record<string, unknown> {
  return {
    name,
    ads: total.toLocaleString('en'),
    runs: sortedMs.length,
    'p50 ms': percentile(sortedMs, 50).toFixed(2),
    'p95 ms': percentile(sortedMs, 95).toFixed(2),
  };
}

function row(name: string, sortedMs: number[], rowsPerPage: number, plan: string): Record<string, unknown> {
  return { ...timing(`queue: ${name}`, sortedMs), 'rows/page': rowsPerPage.toFixed(0), plan };
}

/** Follows the cursor from page 1 to page 500 of each district's default queue, timing every page. */
async function walk(db: Db): Promise<Record<string, unknown>> {
  const ms: number[] = [];
  const last: number[] = [];
  for (const scope of scopes) {
    let cursor: WorkQueuePageRequest['cursor'];
    for (let p = 1; p <= 500; p += 1) {
      const t0 = performance.now();
      const page = await listWorkQueue(db, scope, DEFAULT, { cursor, limit: PAGE });
      ms.push(performance.now() - t0);
      if (p === 500) last.push(ms.at(-1)!);
      const tail = page.rows.at(-1);
      if (!tail) break;
      cursor = { score: tail.riskScore, id: tail.id };
    }
  }
  ms.sort((a, b) => a - b);
  return { ...row('walk pages 1→500 (each page)', ms, PAGE, 'keyset'), 'page 500 ms': last.length === 0 ? '' : (last.reduce((a, b) => a + b, 0) / last.length).toFixed(2) };
}

/** The other two review reads, for scale: the ad page (random ads) and the overview (a full pass over the ads). */
async function otherReads(db: Db): Promise<Array<Record<string, unknown>>> {
  const ids = await samples(db, `SELECT id::text AS v FROM ads TABLESAMPLE SYSTEM (1) WHERE district IS NOT NULL LIMIT 200`);
  const timed = async (name: string, n: number, fn: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t0 = performance.now();
      await fn(i);
      ms.push(performance.now() - t0);
    }
    return timing(name, ms.sort((a, b) => a - b));
  };
  return [
    await timed('review: ad page (getAdForReview)', runs, (i) => getAdForReview(db, pick(ids, i), ALL_DISTRICTS)),
    await timed('review: overview, one district', 10, (i) => reviewOverview(db, pick(scopes, i))),
    await timed('review: overview, all districts, suppressed', 10, () => reviewOverview(db, ALL_DISTRICTS, { suppressSmallCounts: true })),
  ];
}

const bench = await createQueueBenchDb({ ads: total, keep: process.env.BENCH_KEEP_SCHEMA === '1' });
try {
  const { db } = bench;
  console.log(JSON.stringify({ name: 'queue: load synthetic ads', ads: total.toLocaleString('en'), 'load s': bench.loadSeconds.toFixed(1), schema: bench.schema }));
  // Offsets as at a million ads, scaled down for a smaller run.
  const at = (offset: number) => Math.max(100, Math.round((offset * total) / 1_000_000));
  const deep = await deepCursors(db, [DEFAULT], [25_000, 60_000, 100_000].map(at));
  const deepFiltered = await deepCursors(db, FILTER_PAIRS.slice(0, 2), [500, 2_000].map(at));
  const phones = await samples(db, `SELECT e164 AS v FROM ad_phones TABLESAMPLE SYSTEM (1) LIMIT 200`);
  const permits = await samples(db, `SELECT DISTINCT permit_numbers[1] AS v FROM ads TABLESAMPLE SYSTEM (1) WHERE cardinality(permit_numbers) > 0 LIMIT 200`);
  const municipalities = await samples(db, `SELECT DISTINCT municipality_code AS v FROM ads WHERE district IS NOT NULL`);
  const scenarios: Scenario[] = [
    { name: 'first page, district (live, unreviewed)', call: (i) => ({ scope: pick(scopes, i), filters: DEFAULT, page: { limit: PAGE } }) },
    { name: 'first page, all districts (admin)', call: () => ({ scope: ALL_DISTRICTS, filters: DEFAULT, page: { limit: PAGE } }) },
    { name: 'deep page (rows 25k–100k), district', call: (i) => pick(deep, i) },
    { name: 'indicator + licence, first page', call: (i) => ({ scope: pick(scopes, i), filters: pick(FILTER_PAIRS, i), page: { limit: PAGE } }) },
    { name: 'indicator + licence, deep page', call: (i) => pick(deepFiltered, i) },
    { name: 'municipality, first page', call: (i) => ({ scope: ALL_DISTRICTS, filters: { ...DEFAULT, municipality: pick(municipalities, i) }, page: { limit: PAGE } }) },
    { name: 'reviewed, first page', call: (i) => ({ scope: pick(scopes, i), filters: { reviewed: 'yes' }, page: { limit: PAGE } }) },
    { name: 'phone search', call: (i) => ({ scope: ALL_DISTRICTS, filters: { phone: pick(phones, i) }, page: { limit: PAGE } }) },
    { name: 'permit search', call: (i) => ({ scope: ALL_DISTRICTS, filters: { permit: permitKey(pick(permits, i)) }, page: { limit: PAGE } }) },
  ];
  for (const scenario of scenarios) console.log(JSON.stringify(await time(db, scenario)));
  console.log(JSON.stringify(await walk(db)));
  for (const r of await otherReads(db)) console.log(JSON.stringify(r));
  // The same queue as a page over HTTP (bench/queue-page.ts): what a coordinator waits for.
  for (const r of await queuePageRows(db, { total, runs })) console.log(JSON.stringify(r));
} finally {
  await bench.cleanup();
}
