import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate, permitKey } from '../../src/classifier/licence/index.js';
import { crawlAndWait } from '../../src/cli/crawl-all.js';
import type { LicenceStatus } from '../../src/domain/licence.js';
import { buildRegister, generateUniverse, licenceStatusOf, registerCsv, type FixtureRegister, type GroundTruth } from '../../src/fixtures/index.js';
import { getAd, getAdLicence, getLicenceHistory } from '../../src/store/index.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { startPipeline, TEST_REDIS_URL, type PipelineHarness } from '../helpers/pipeline.js';
import { TEST_DATABASE_URL } from '../helpers/test-db.js';

// Register import (the real command) → crawl of the fixture sites → licence status of every stored
// ad checked against the fixture's ground truth; then a changed register flips statuses through
// the `reassess-licence` jobs, and the history shows when and by which version.
const ADS = 150;
const SEED = 21;
const SITES = ['demo-a', 'demo-c'] as const;
const today = calendarDate(new Date());
const universe = generateUniverse({ ads: ADS, seed: SEED });
let h: PipelineHarness;
let dir: string;
let env: Record<string, string>;

interface Checked {
  truth: GroundTruth;
  adId: string;
  expected: LicenceStatus;
  stored: LicenceStatus | null;
  storedPermit: string | null;
  /** The stored extraction equals the truth in everything the licence depends on. */
  extractedRight: boolean;
}

async function importRegister(register: FixtureRegister, name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, registerCsv(register.permits));
  const run = spawnZicht(['register', 'import', path], env);
  expect(await run.exited, run.stderr()).toBe(0);
  const id = /register version (\d+)/.exec(run.stdout())?.[1];
  expect(id).toBeDefined();
  return id!;
}

async function check(register: FixtureRegister): Promise<Checked[]> {
  const out: Checked[] = [];
  for (const site of SITES) {
    const truth = (await (await fetch(`${h.demo.urls[site]}/_truth`)).json()) as GroundTruth[];
    for (const t of truth) {
      const ad = await getAd(h.db, t.site, t.siteAdId);
      const licence = await getAdLicence(h.db, t.site, t.siteAdId);
      expect(ad, `${t.url} stored`).not.toBeNull();
      const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
      const extractedRight =
        same(ad!.phones.map((p) => p.e164), t.phones) &&
        ad!.municipalityCode === t.municipalityCode &&
        same(ad!.permitNumbers.map(permitKey), t.permitNumbers.map(permitKey));
      const expected = licenceStatusOf(t, register.permits, register.date);
      out.push({ truth: t, adId: ad!.id, expected, stored: licence!.status, storedPermit: licence!.permit, extractedRight });
    }
  }
  return out;
}

function report(label: string, checked: Checked[]): void {
  const agree = checked.filter((c) => c.stored === c.expected).length;
  const byStatus: Record<string, number> = {};
  for (const c of checked) byStatus[c.expected] = (byStatus[c.expected] ?? 0) + 1;
  console.log(`${label}: ${checked.length} ads, ${agree} as expected; expected statuses ${JSON.stringify(byStatus)}`);
  const wrong = checked.filter((c) => c.stored !== c.expected);
  for (const c of wrong.slice(0, 8)) console.log(`  ${c.truth.url}: ${c.stored} ≠ ${c.expected}${c.extractedRight ? '' : ' (extraction differs)'}`);
  // Every ad with a correct extraction has exactly the expected status; the rest may differ.
  expect(wrong.filter((c) => c.extractedRight).map((c) => `${c.truth.url}: ${c.stored} ≠ ${c.expected}`)).toEqual([]);
  expect(agree / checked.length).toBeGreaterThanOrEqual(0.95);
}

describe('licence assessment end to end', () => {
  let first: { version: string; checked: Checked[]; register: FixtureRegister };

  beforeAll(async () => {
    h = await startPipeline({ ads: ADS, seed: SEED, day: 0, chaos: false }, [...SITES]);
    dir = await mkdtemp(join(tmpdir(), 'zicht-licence-'));
    env = { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, h.schema), REDIS_URL: TEST_REDIS_URL, ZICHT_QUEUE_PREFIX: h.settings.queuePrefix };
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the register, crawls, and stores the expected licence status for every ad', async () => {
    const register = buildRegister(universe, 0, { today });
    const version = await importRegister(register, 'register-v1.csv');
    await crawlAndWait(h.runtime.queues, SITES, false);
    const checked = await check(register);
    report('register v1', checked);
    const statuses = new Set(checked.map((c) => c.expected));
    for (const status of ['licensed', 'invalid_permit', 'unlicensed', 'out_of_region'] as const) expect(statuses).toContain(status);
    for (const c of checked) expect((await getAdLicence(h.db, c.truth.site, c.truth.siteAdId))?.registerVersionId).toBe(version);
    first = { version, checked, register };
  }, 300_000);

  it('a changed register version flips statuses through the re-assessment jobs, with history', async () => {
    expect(first).toBeDefined();
    const register = buildRegister(universe, 0, { today, revision: 1 });
    const version = await importRegister(register, 'register-v2.csv');
    await waitUntilAssessedBy(version, first.checked.length);
    // Without --municipality, v2 replaces the permits of the municipalities in it; the others keep v1's.
    const replaced = new Set(register.permits.map((p) => p.municipalityCode));
    const kept = first.register.permits.filter((p) => !replaced.has(p.municipalityCode));
    console.log(`v2: ${register.permits.length} permits; ${kept.length} permits of v1 kept (municipalities not in v2)`);
    const checked = await check({ ...register, permits: [...register.permits, ...kept] });
    report('register v2', checked);
    const before = new Map(first.checked.map((c) => [c.adId, c]));
    const flipped = checked.filter((c) => c.extractedRight && before.get(c.adId)!.expected !== c.expected);
    console.log(`flipped by v2: ${flipped.length}`);
    expect(flipped.length).toBeGreaterThanOrEqual(5);
    for (const c of flipped) {
      const history = await getLicenceHistory(h.db, c.adId);
      expect(history.at(-1)).toMatchObject({ status: c.expected, registerVersionId: version, cause: 'register' });
      expect(history.find((e) => e.registerVersionId === first.version)).toMatchObject({ status: before.get(c.adId)!.expected, cause: 'crawl' });
      expect(history.at(-1)!.changedAt.getTime()).toBeGreaterThanOrEqual(history[0]!.changedAt.getTime());
    }
    // No change, no history: an ad whose status stayed and that rests on no permit got no v2 row.
    const steady = checked.filter((c) => before.get(c.adId)!.stored === c.stored && c.storedPermit === null && before.get(c.adId)!.storedPermit === null);
    expect(steady.length).toBeGreaterThan(0);
    for (const c of steady) expect((await getLicenceHistory(h.db, c.adId)).map((e) => e.registerVersionId)).not.toContain(version);
  }, 300_000);
});

/** Waits until the re-assessment jobs have assessed every live ad against `version`. */
async function waitUntilAssessedBy(version: string, live: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ads WHERE status = 'live' AND licence_register_version_id = $1`,
      [version],
    );
    if ((rows[0]?.n ?? 0) >= live) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0]?.n} of ${live} ads re-assessed by version ${version}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
