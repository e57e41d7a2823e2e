import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRegister } from '../../src/cli/register.js';
import { loadGazetteer } from '../../src/extract/index.js';
import { createLicenceStep } from '../../src/queue/index.js';
import { loadRegisterFile } from '../../src/register/index.js';
import { getAdLicence, getLicenceHistory, listRegisterVersions, loadCurrentRegister, recordAdBatch, startCrawlRun } from '../../src/store/index.js';
import { buildAnalysis, buildScrapedAd } from '../helpers/build-scraped-ad.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { TEST_REDIS_URL } from '../helpers/pipeline.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

// Register versions in Postgres, the `zicht register` commands as real processes, and the licence
// step on stored ads (the queue around it is covered by test/e2e/licence.test.ts).
let t: TestDb;
let dir: string;
let env: Record<string, string>;
const gazetteer = loadGazetteer();
const HEADER = 'vergunningnummer;naam;soort;gemeente;telefoonnummers;geldig_van;geldig_tot';

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function zicht(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnZicht(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('register import and versions', () => {
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(join(tmpdir(), 'zicht-register-'));
    env = { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema), REDIS_URL: TEST_REDIS_URL, ZICHT_QUEUE_PREFIX: `test-${randomUUID()}` };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('zicht register import: a file with bad rows imports nothing, prints every error and exits 1', async () => {
    const path = await file('bad.csv', `${HEADER}\nHLM-1;A;club;Haarlem;06-12345678;2024-01-01;\nHLM-2;B;thuiswerker;Haarlem;12;2024-01-01;2023-01-01\nHLM-3;C;thuiswerker;Haarlem;;2024-01-01;\n`);
    const run = await zicht(['register', 'import', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 error(s); nothing imported.');
    expect(run.stderr).toContain('row 2, soort: must be one of');
    expect(run.stderr).toContain('row 3, telefoonnummers: "12" is not a valid phone number');
    expect(run.stderr).toContain('row 3, geldig_tot: before geldig_van');
    expect(await listRegisterVersions(t.db)).toEqual([]);
  }, 60_000);

  it('zicht register import + list: stores a version and lists the permits with validity', async () => {
    const run = await zicht(['register', 'import', 'config/register-example.csv', '--no-reassess']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/register version \d+: 9 permit\(s\) from register-example.csv \(CSV, utf-8, delimiter ";"\)/);
    const list = await zicht(['register', 'list', '--municipality', 'haarlem', '--date', '2025-06-01']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith('HLM-2021-0090'))).toContain('verlopen');
    expect(lines.find((l) => l.startsWith('HLM-2023-0142'))).toContain('geldig');
  }, 60_000);

  it('a version with --municipality replaces only that municipality; the rest stays as it was', async () => {
    const [first] = await listRegisterVersions(t.db);
    const path = await file('haarlem.csv', `${HEADER}\nHLM-2025-0001;Nieuw;thuiswerker;;;2025-01-01;\n`);
    const loaded = await loadRegisterFile(path, { gazetteer, municipality: 'Haarlem' });
    expect(loaded.errors).toEqual([]);
    const version = await storeRegister(t.db, loaded);
    expect(version).toMatchObject({ explicitScope: true, rowCount: 1, municipalities: [{ code: 'GM0392', name: 'Haarlem' }] });
    const current = await loadCurrentRegister(t.db);
    expect(current.versionId).toBe(version.id);
    const haarlem = current.permits.filter((p) => p.municipalityCode === 'GM0392');
    expect(haarlem.map((p) => [p.number, p.versionId])).toEqual([['HLM-2025-0001', version.id]]);
    const zaanstad = current.permits.filter((p) => p.municipalityCode === 'GM0479');
    expect(zaanstad.map((p) => p.versionId)).toEqual([first!.id, first!.id]);
    expect(zaanstad[1]).toMatchObject({ number: 'ZST/2024/03', validTo: null, validFrom: '2024-04-01' });
  });

  it('the licence step assesses stored ads and keeps a history row per change, with its register version', async () => {
    await startCrawlRun(t.db, { id: 'run-l', site: 'demo-a', startedAt: new Date() });
    const scraped = buildScrapedAd({ siteAdId: 'lic-1', seenAt: '2025-06-01T02:00:00.000Z' });
    await recordAdBatch(t.db, { runId: 'run-l', batchKey: 'b1', ads: [{ scraped, analysis: buildAnalysis({ permitNumbers: ['ZST-2022-17'] }) }] });
    const step = createLicenceStep();
    const identities = [{ site: 'demo-a', siteAdId: 'lic-1' }];
    expect(await step.assess(t.db, { identities }, 'crawl')).toMatchObject({ assessed: 1, changed: 1 });
    expect(await getAdLicence(t.db, 'demo-a', 'lic-1')).toMatchObject({ status: 'licensed', permit: 'ZST/2022/17' });
    // Same register, same ad: nothing changes, no history.
    expect(await step.assess(t.db, { identities }, 'crawl')).toMatchObject({ changed: 0 });
    // Zaanstad's register without that permit: the cited number no longer checks out.
    const path = await file('zaanstad.csv', `${HEADER}\nZST/2024/03;Studio;thuiswerker;Zaanstad;;2024-04-01;\n`);
    const version = await storeRegister(t.db, await loadRegisterFile(path, { gazetteer, municipality: 'Zaanstad' }));
    const stored = await getAdLicence(t.db, 'demo-a', 'lic-1');
    expect(await step.assess(t.db, { adIds: [stored!.adId] }, 'register')).toMatchObject({ changed: 1, registerVersionId: version.id });
    const history = await getLicenceHistory(t.db, stored!.adId);
    expect(history.map((h) => [h.status, h.permit, h.cause])).toEqual([
      ['licensed', 'ZST/2022/17', 'crawl'],
      ['invalid_permit', null, 'register'],
    ]);
    expect(history[1]!.registerVersionId).toBe(version.id);
    expect(Number(history[0]!.registerVersionId)).toBeLessThan(Number(version.id));
    expect(await getAdLicence(t.db, 'demo-a', 'lic-1')).toMatchObject({ registerVersionId: version.id, evidence: [{ kind: 'permit_unknown', cited: 'ZST-2022-17' }] });
  });
});
