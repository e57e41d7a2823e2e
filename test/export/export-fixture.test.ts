import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlAndWait } from '../../src/cli/crawl-all.js';
import { exportTrends } from '../../src/export/index.js';
import { extractPhones } from '../../src/extract/index.js';
import { adsOnDay, generateUniverse } from '../../src/fixtures/index.js';
import { countAds } from '../../src/store/index.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { startPipeline, type PipelineHarness } from '../helpers/pipeline.js';
import { TEST_DATABASE_URL } from '../helpers/test-db.js';

// The done-when: an export of a fixture crawl, opened as CSV and XLSX, has the documented
// columns and no personal data. Two site styles (demo-c disguises its numbers), three crawls over
// two fixture days so ads are new, changed and gone; exported through the real `zicht export`.
const SITES = ['demo-a', 'demo-c'];
const UNIVERSE = { ads: 150, seed: 23 };
const ALL_DIMENSIONS = 'week,municipality,district,licence,indicator,site';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PERIOD = { from: day(-3), to: day(1) };

let h: PipelineHarness;
let dir: string;
const forbidden = { names: new Set<string>(), shingles: new Set<string>(), urls: [] as string[] };

/** The columns the data dictionary lists for an export, in its order. */
async function documentedColumns(exportName: 'trends' | 'movements'): Promise<Array<{ name: string; when: string }>> {
  const doc = await readFile(new URL('../../docs/data-dictionary.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith(`\`zicht export ${exportName}\``))!;
  return [...section.matchAll(/^\| `([a-z_]+)` \| ([^|]+) \|/gm)].map((m) => ({ name: m[1]!, when: m[2]!.replaceAll('`', '').trim() }));
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function shingles(text: string, size = 4): string[] {
  const w = words(text);
  return w.slice(0, Math.max(0, w.length - size + 1)).map((_, i) => w.slice(i, i + size).join(' '));
}

/** Every way a cell could leak personal data; returns the problems found. */
function leaks(cell: string): string[] {
  const problems: string[] = [];
  if (extractPhones({ text: cell }).length > 0) problems.push(`phone number in "${cell}"`);
  if (/\d{8,}/.test(cell)) problems.push(`8+ digits in "${cell}"`);
  if (/https?:|www\.|127\.0\.0\.1|localhost/i.test(cell) || forbidden.urls.some((u) => cell.includes(u))) problems.push(`URL in "${cell}"`);
  for (const name of forbidden.names) if (new RegExp(`(^|[^\\p{L}])${name}($|[^\\p{L}])`, 'u').test(cell)) problems.push(`name ${name} in "${cell}"`);
  for (const s of shingles(cell)) if (forbidden.shingles.has(s)) problems.push(`ad text "${s}" in "${cell}"`);
  return problems;
}

/** The published/withheld rule on one row: a count is empty exactly when flagged, else 0 or ≥ 5. */
function suppressionProblems(row: Record<string, string>, counts: string[]): string[] {
  return counts.flatMap((c) => {
    const value = row[c]!;
    const flag = row[`${c}_flag`]!;
    if (flag === '') return value !== '' && (Number(value) === 0 || Number(value) >= 5) ? [] : [`${c}=${value} published`];
    return value === '' && ['<5', 'secondary'].includes(flag) ? [] : [`${c}=${value} with flag ${flag}`];
  });
}

async function runExport(args: string[]): Promise<void> {
  const run = spawnZicht(['export', ...args], { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, h.schema) });
  const code = await run.exited;
  expect({ code, stderr: run.stderr() }).toMatchObject({ code: 0 });
}

beforeAll(async () => {
  h = await startPipeline({ ...UNIVERSE, day: 0, chaos: false }, SITES);
  await crawlAndWait(h.runtime.queues, SITES, false);
  h.demo.setDay(1);
  // Two successful crawls without an ad make it gone (ZICHT_GONE_AFTER_RUNS defaults to 2).
  await crawlAndWait(h.runtime.queues, SITES, false);
  await crawlAndWait(h.runtime.queues, SITES, false);
  const universe = generateUniverse(UNIVERSE);
  for (const ad of [...adsOnDay(universe, 0), ...adsOnDay(universe, 1)]) forbidden.names.add(ad.name);
  const { rows } = await h.db.query<{ body: string; title: string | null; url: string }>(
    'SELECT v.body, v.title, a.url FROM ad_versions v JOIN ads a ON a.id = v.ad_id',
  );
  for (const row of rows) {
    for (const s of shingles(`${row.title ?? ''}. ${row.body}`)) forbidden.shingles.add(s);
    forbidden.urls.push(new URL(row.url).pathname);
  }
  dir = await mkdtemp(join(tmpdir(), 'zicht-export-'));
  await runExport(['trends', '--from', PERIOD.from, '--to', PERIOD.to, '--by', ALL_DIMENSIONS, '--format', 'csv', '--out', join(dir, 'trends.csv')]);
  await runExport(['trends', '--from', PERIOD.from, '--to', PERIOD.to, '--by', ALL_DIMENSIONS, '--format', 'xlsx', '--out', join(dir, 'trends.xlsx')]);
  await runExport(['movements', '--from', PERIOD.from, '--to', PERIOD.to, '--by-week', '--format', 'csv', '--out', join(dir, 'movements.csv')]);
}, 600_000);

afterAll(async () => h?.close());

describe('zicht export of a fixture crawl', () => {
  it('counts what the pipeline stored: per site, every ad new and seen; in all, the gone ones gone', async () => {
    const table = await exportTrends(h.db, { ...PERIOD, by: ['site'] });
    for (const site of SITES) {
      const stored = await countAds(h.db, site);
      const row = table.rows.find((r) => r.site === site);
      expect(row).toMatchObject({ ads_seen: stored.total, ads_new: stored.total });
    }
    const stored = await countAds(h.db);
    expect(stored.gone).toBeGreaterThanOrEqual(5);
    const total = await exportTrends(h.db, { ...PERIOD, by: [] });
    expect(total.rows).toEqual([expect.objectContaining({ ads_seen: stored.total, ads_new: stored.total, ads_gone: stored.gone })]);
  });

  it('CSV: exactly the documented columns, suppression applied, no personal data in any cell', async () => {
    const [header, ...records] = parse(await readFile(join(dir, 'trends.csv')), { bom: true }) as string[][];
    expect(header).toEqual((await documentedColumns('trends')).map((c) => c.name));
    expect(records.length).toBeGreaterThan(20);
    const rows = records.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])));
    const counts = ['ads_seen', 'ads_new', 'ads_gone', 'phone_numbers'];
    expect(rows.flatMap((row) => suppressionProblems(row, counts))).toEqual([]);
    expect(rows.some((row) => row.ads_seen_flag === '<5')).toBe(true);
    expect(records.flat().flatMap(leaks)).toEqual([]);
  });

  it('XLSX: the same columns and rows, and no personal data in either sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'trends.xlsx'));
    const sheet = workbook.getWorksheet('trends')!;
    const cells: string[][] = [];
    sheet.eachRow((row) => cells.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const [header, ...records] = cells;
    expect(header).toEqual((await documentedColumns('trends')).map((c) => c.name));
    const csvRows = (parse(await readFile(join(dir, 'trends.csv'))) as string[][]).length - 1;
    expect(records).toHaveLength(csvRows);
    const info: string[] = [];
    workbook.getWorksheet('info')!.eachRow((row) => info.push(...(row.values as ExcelJS.CellValue[]).slice(1).map(String)));
    expect(info).toContain('suppression_threshold');
    expect([...records.flat(), ...info].flatMap(leaks)).toEqual([]);
  });

  it('movements CSV: the documented municipality-level columns, suppressed, no personal data', async () => {
    const [header, ...records] = parse(await readFile(join(dir, 'movements.csv'))) as string[][];
    const documented = (await documentedColumns('movements')).filter((c) => c.when !== '--level district').map((c) => c.name);
    expect(header).toEqual(documented);
    const rows = records.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])));
    expect(rows.flatMap((row) => suppressionProblems(row, ['phone_numbers']))).toEqual([]);
    expect(records.flat().flatMap(leaks)).toEqual([]);
  });

  it('the scan itself finds every kind of leak it looks for (so a clean result means something)', async () => {
    const { rows } = await h.db.query<{ body: string; phone_text: string; name: string; url: string; obfuscated: boolean }>(
      `SELECT DISTINCT ON (p.obfuscated) v.body, v.phone_text, v.name, a.url, p.obfuscated
       FROM ads a JOIN ad_versions v ON v.id = a.current_version_id JOIN ad_phones p ON p.ad_id = a.id
       WHERE v.phone_text IS NOT NULL AND v.name IS NOT NULL ORDER BY p.obfuscated, a.id`,
    );
    expect(rows.map((r) => r.obfuscated)).toEqual([false, true]);
    for (const ad of rows) {
      expect(leaks(ad.phone_text)).not.toEqual([]);
      expect(leaks(`seen: ${ad.name}.`)).not.toEqual([]);
      expect(leaks(new URL(ad.url).pathname)).not.toEqual([]);
      expect(leaks(words(ad.body).slice(2, 8).join(' '))).not.toEqual([]);
    }
    expect(leaks('2025-W02')).toEqual([]);
  });

  it('records every export in the audit log, without its content', async () => {
    const { rows } = await h.db.query<{ username: string; target: string; details: { format: string; rows: number } }>(
      `SELECT username, target, details FROM audit_log WHERE action = 'export' ORDER BY id`,
    );
    expect(rows.map((r) => [r.target, r.details.format])).toEqual([
      ['trends', 'csv'],
      ['trends', 'xlsx'],
      ['movements', 'csv'],
    ]);
    expect(rows.every((r) => r.username.startsWith('cli:'))).toBe(true);
  });
});
