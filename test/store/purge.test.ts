import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  finishCrawlRun,
  purgeExpired,
  recordAdBatch,
  retentionCutoffs,
  startCrawlRun,
  type Db,
  type PurgeCounts,
} from '../../src/store/index.js';
import { buildAnalysis, buildScrapedAd, uniqueSite } from '../helpers/build-scraped-ad.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

// The policy's defaults (6 months unflagged, 12 flagged, 5 years reviewed, 5 years audit log, 13
// months crawl runs), Haarlem's reviewed cases kept only 1 year, applied on 1 September 2025.
const NOW = new Date('2025-09-01T12:00:00Z');
const POLICY = { ...DEFAULT_RETENTION, reviewedYearsByMunicipality: { GM0392: 1 } };
const CUTOFFS = retentionCutoffs(POLICY, NOW);

interface Seeded {
  adId: string;
  runId: string;
}

let t: TestDb;
let userId: string;
const ads: Record<string, Seeded> = {};

/** One ad on a site of its own, seen once on `day` by a succeeded run; then flagged or reviewed as asked. */
async function seedAd(db: Db, name: string, day: string, options: { district?: string | null; indicators?: string[]; reviewedAt?: string; municipality?: 'GM0392' | 'GM0479' } = {}): Promise<void> {
  const site = uniqueSite();
  const runId = `run-${randomUUID()}`;
  await startCrawlRun(db, { id: runId, site, startedAt: new Date(`${day}T01:00:00Z`) });
  const analysis = buildAnalysis({ district: (options.district === undefined ? 'Kennemerland' : options.district) as 'Kennemerland' });
  if (options.municipality === 'GM0479') analysis.municipality = { ...analysis.municipality!, code: 'GM0479', name: 'Zaanstad' };
  await recordAdBatch(db, { runId, batchKey: 'b', ads: [{ scraped: buildScrapedAd({ site, siteAdId: name, seenAt: `${day}T02:00:00Z` }), analysis }] });
  await finishCrawlRun(db, { runId, status: 'succeeded', pages: 1, pagesFailed: 0, errors: [], finishedAt: new Date(`${day}T03:00:00Z`) });
  const { rows } = await db.query<{ id: string }>('SELECT id::text FROM ads WHERE site = $1', [site]);
  const adId = rows[0]!.id;
  await db.query('UPDATE ads SET indicator_codes = $2 WHERE id = $1', [adId, options.indicators ?? []]);
  if (options.reviewedAt) {
    await db.query(`INSERT INTO review_decisions (ad_id, user_id, decision, decided_at) VALUES ($1, $2, 'no_action', $3)`, [adId, userId, options.reviewedAt]);
    await db.query(`UPDATE ads SET review_decision = 'no_action', reviewed_at = $2 WHERE id = $1`, [adId, options.reviewedAt]);
  }
  ads[name] = { adId, runId };
}

async function exists(table: string, column: string, value: string): Promise<boolean> {
  const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [value]);
  return rows[0]!.n > 0;
}

const EXPECTED: PurgeCounts = {
  unflagged_ads: 2,
  flagged_unreviewed_ads: 1,
  reviewed_ads: 2,
  sessions: 1,
  login_throttle: 1,
  crawl_runs: 3,
  audit_log: 1,
};

beforeAll(async () => {
  t = await createTestDb();
  const { rows } = await t.db.query<{ id: string }>(`INSERT INTO users (username, password_hash, role) VALUES ('ana', 'x', 'analyst') RETURNING id::text`);
  userId = rows[0]!.id;
  await seedAd(t.db, 'unflagged-old', '2025-01-10');
  await seedAd(t.db, 'unflagged-outside-region', '2025-02-10', { district: null, indicators: ['phone_shared'] });
  await seedAd(t.db, 'unflagged-recent', '2025-06-10');
  await seedAd(t.db, 'flagged-kept', '2025-01-10', { indicators: ['phone_shared'] });
  await seedAd(t.db, 'flagged-old', '2024-06-10', { indicators: ['phone_shared'] });
  await seedAd(t.db, 'reviewed-kept', '2024-06-10', { reviewedAt: '2024-06-11T10:00:00Z', municipality: 'GM0479' });
  await seedAd(t.db, 'reviewed-haarlem', '2024-06-10', { reviewedAt: '2024-06-11T10:00:00Z' });
  await seedAd(t.db, 'reviewed-old', '2019-06-10', { reviewedAt: '2019-06-11T10:00:00Z', municipality: 'GM0479' });
  await t.db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ('old', $1, 'c', $2), ('live', $1, 'c', now() + interval '1 day')`,
    [userId, new Date(CUTOFFS.sessions.getTime() - 60_000)],
  );
  await t.db.query(
    `INSERT INTO login_throttle (key, failures, window_started_at) VALUES ('ip:192.0.2.1', 3, $1), ('user:ana', 1, now())`,
    [new Date(CUTOFFS.loginThrottle.getTime() - 60_000)],
  );
  await t.db.query(`INSERT INTO audit_log (at, username, action) VALUES ('2019-01-01', 'ana', 'login'), (now(), 'ana', 'login')`);
});
afterAll(() => t?.cleanup());

describe('purgeExpired', () => {
  it('dry run: reports per category what would go, and changes nothing', async () => {
    const before = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM ads) + (SELECT count(*) FROM sightings) + (SELECT count(*) FROM audit_log) AS n');
    const report = await purgeExpired(t.db, CUTOFFS, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.removed).toEqual(EXPECTED);
    expect(report.cascade).toEqual({ ad_versions: 5, sightings: 5, review_decisions: 2 });
    const after = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM ads) + (SELECT count(*) FROM sightings) + (SELECT count(*) FROM audit_log) AS n');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('deletes exactly the expired categories, with what hangs off the ads, and audits the counts', async () => {
    const report = await purgeExpired(t.db, CUTOFFS, { actor: 'cli:test', batchSize: 2 });
    expect(report.removed).toEqual(EXPECTED);
    const gone = ['unflagged-old', 'unflagged-outside-region', 'flagged-old', 'reviewed-haarlem', 'reviewed-old'];
    for (const [name, { adId, runId }] of Object.entries(ads)) {
      const expired = gone.includes(name);
      expect({ name, ad: await exists('ads', 'id', adId) }).toEqual({ name, ad: !expired });
      for (const table of ['ad_versions', 'sightings', 'ad_phones']) expect(await exists(table, 'ad_id', adId)).toBe(!expired);
      // Runs go when empty and older than 13 months; those of 2025 stay, even empty.
      expect(await exists('crawl_runs', 'id', runId)).toBe(!['flagged-old', 'reviewed-haarlem', 'reviewed-old'].includes(name));
    }
    expect(await exists('review_decisions', 'ad_id', ads['reviewed-old']!.adId)).toBe(false);
    expect(await exists('sessions', 'token_hash', 'live')).toBe(true);
    expect(await exists('login_throttle', 'key', 'user:ana')).toBe(true);
    const { rows } = await t.db.query<{ username: string; details: { removed: PurgeCounts } }>(
      `SELECT username, details FROM audit_log WHERE action = 'purge'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe('cli:test');
    expect(rows[0]!.details.removed).toEqual(EXPECTED);
    // Counts and cutoffs only: nothing of what was removed.
    expect(JSON.stringify(rows[0]!.details)).not.toMatch(/\+31|site-|192\.0\.2|unflagged-old/);
  });

  it('a second run is a no-op: nothing removed, no audit entry', async () => {
    const report = await purgeExpired(t.db, CUTOFFS);
    expect(Object.values(report.removed).every((n) => n === 0)).toBe(true);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'purge'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('keeps the audit log append-only outside the purge', async () => {
    await expect(t.db.query(`DELETE FROM audit_log WHERE action = 'purge'`)).rejects.toThrow(/append-only/);
  });
});
