import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countAds,
  countRecordedBatches,
  finishCrawlRun,
  findAdsByPhone,
  getAd,
  listCrawlRuns,
  migrate,
  openDb,
  recordAdBatch,
  startCrawlRun,
  type Db,
} from '../../src/store/index.js';
import { buildAnalysis, buildScrapedAd } from '../helpers/build-scraped-ad.js';

// The embedded default (no DATABASE_URL): the same schema and SQL on PGlite (PostgreSQL 18 in WASM).
// Kept to one file: each PGlite instance costs ~500 MB and a few seconds to start.
let dir: string;
let db: Db | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zicht-pglite-'));
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const ad = (siteAdId: string, seenAt: string, text = 'Hoi, ik ben Lisa uit Haarlem.') => ({
  scraped: buildScrapedAd({ site: 'demo-a', siteAdId, seenAt, text }),
  analysis: buildAnalysis(),
});

describe('store on PGlite', () => {
  it('migrates, records crawls, answers queries and keeps its data across restarts', async () => {
    const dataDir = join(dir, 'pglite');
    db = await openDb({ dataDir });
    expect((await migrate(db)).applied).toEqual(
      ['001-initial', '002-register', '003-risk', '004-accounts', '005-reviews', '006-schedules', '007-models'],
    );

    await startCrawlRun(db, { id: 'r1', site: 'demo-a', startedAt: new Date('2025-01-06T01:00:00Z') });
    const batch = { runId: 'r1', batchKey: 'b1', ads: [ad('1', '2025-01-06T02:00:00Z'), ad('2', '2025-01-06T02:00:00Z')] };
    // Issued together: PGlite is one connection, the Db must serialise them.
    const [first, replay] = await Promise.all([recordAdBatch(db, batch), recordAdBatch(db, batch)]);
    expect([first.alreadyRecorded, replay.alreadyRecorded].sort()).toEqual([false, true]);
    expect(first.new).toBe(2);
    expect(await countRecordedBatches(db, 'r1', ['b1', 'b2'])).toBe(1);
    await finishCrawlRun(db, { runId: 'r1', status: 'succeeded', pages: 2, pagesFailed: 0, errors: [], finishedAt: new Date('2025-01-06T03:00:00Z') });

    await startCrawlRun(db, { id: 'r2', site: 'demo-a', startedAt: new Date('2025-01-07T01:00:00Z') });
    expect(await recordAdBatch(db, { runId: 'r2', batchKey: 'b1', ads: [ad('1', '2025-01-07T02:00:00Z', 'Nieuwe tekst')] })).toMatchObject({ changed: 1 });
    const summary = await finishCrawlRun(db, { runId: 'r2', status: 'succeeded', pages: 1, pagesFailed: 0, errors: [{ message: 'x' }], finishedAt: new Date('2025-01-07T03:00:00Z') });
    expect(summary).toMatchObject({ runId: 'r2', adsSeen: 1, adsChanged: 1, adsGone: 1, errors: 1, startedAt: new Date('2025-01-07T01:00:00Z') });

    const stored = await getAd(db, 'demo-a', '1');
    expect(stored).toMatchObject({ id: expect.any(String), status: 'live', versionCount: 2, municipalityCode: 'GM0392', permitNumbers: ['HLM-2023-001'] });
    expect(stored!.current!.text).toBe('Nieuwe tekst');
    expect(stored!.lastSeen).toEqual(new Date('2025-01-07T02:00:00Z'));
    expect((await findAdsByPhone(db, '+31612345678')).map((a) => a.siteAdId).sort()).toEqual(['1', '2']);
    await expect(db.transaction(async (tx) => {
      await tx.query(`UPDATE ads SET url = 'x'`);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await db.close();

    db = await openDb({ dataDir });
    expect(await migrate(db)).toEqual({ applied: [] });
    expect(await countAds(db)).toEqual({ total: 2, live: 1, gone: 1 });
    expect((await listCrawlRuns(db)).map((r) => r.runId)).toEqual(['r2', 'r1']);
    expect((await getAd(db, 'demo-a', '2'))!.url).not.toBe('x');
  });
});
