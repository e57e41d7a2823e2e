/**
 * `npm run bench`: each benchmark runs in its own process (so peak RSS is its own) and
 * prints one JSON line; this script collects them into a table.
 *
 *   BENCH_ADS=40000 npm run bench        # fixture universe size (demo-a gets about half)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

interface Row { name: string; [k: string]: unknown }

const here = fileURLToPath(new URL('.', import.meta.url));
const ads = process.env.BENCH_ADS ?? '40000';

/** The fixture sites in a process of their own, so they do not share the crawler's CPU time accounting. */
async function startDemoSites(): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${here}../src/main.ts`, 'demo-sites', '--ads', ads, '--seed', '7', '--no-chaos'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const env: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /export (ZICHT_SITE_\w+_URL)=(\S+)/.exec(line);
    if (match?.[1] && match[2]) env[match[1]] = match[2];
    if (Object.keys(env).length === 3) break;
  }
  return { child, env };
}

/** Every JSON line the benchmark printed: one row each (a script may time several things). */
function runBench(script: string, env: Record<string, string>): Row[] {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${here}${script}`], {
    encoding: 'utf8',
    env: { ...process.env, ...env, BENCH_ADS: ads, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = result.stdout.trim().split('\n').filter((l) => l.startsWith('{'));
  if (result.status !== 0 || lines.length === 0) throw new Error(`${script} failed (exit ${result.status}) after ${Date.now() - started} ms`);
  return lines.map((line) => JSON.parse(line) as Row);
}

function table(rows: Row[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => keys.map((k) => (r[k] === undefined ? '' : String(r[k]))));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const fmt = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [fmt(keys), fmt(widths.map((w) => '-'.repeat(w))), ...cells.map(fmt)].join('\n');
}

const only = process.argv.slice(2);
/** [group, script, needs the fixture sites]. */
const benches: Array<[string, string, boolean]> = [
  ['crawl', 'crawl-bare.ts', true],
  ['crawl', 'crawl-pipeline.ts', true],
  ['crawl', 'photo-hash.ts', false],
  ['analyze', 'analyze.ts', false],
  ['linking', 'linking.ts', false],
  // The ads worker's risk step on a stored history of 50,000 ads (TEST_DATABASE_URL or BENCH_DATABASE_URL).
  ['linking', 'linking-pg.ts', false],
  // The work queue at 1,000,000 ads in Postgres (TEST_DATABASE_URL or BENCH_DATABASE_URL).
  ['queue', 'queue.ts', false],
];
const selected = benches.filter(([group]) => only.length === 0 || only.includes(group));
const rows: Row[] = [];
const demo = selected.some(([, , sites]) => sites) ? await startDemoSites() : undefined;
try {
  for (const [, script] of selected) {
    console.error(`running ${script} …`);
    rows.push(...runBench(script, demo?.env ?? {}));
  }
} finally {
  demo?.child.kill();
}
const bare = rows.find((r) => r.name === 'crawl: bare CheerioCrawler');
const full = rows.find((r) => r.name === 'crawl: full pipeline → Postgres');
console.log(`\n${table(rows)}`);
if (bare && full) {
  const ratio = Number(full['pages/s']) / Number(bare['pages/s']);
  console.log(`\nfull pipeline / bare crawler: ${ratio.toFixed(2)} of the bare crawler's pages/s`);
}
