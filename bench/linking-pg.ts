/**
 * Incremental linking through Postgres: ads/s of the ads worker's risk step (index the batch,
 * re-link and re-score the ads it touches, walk clusters, store what changed) on a stored history.
 *
 * The history is one fixture universe (55,000 ads, seed 7) minus 5,000 of its ads (every 10th):
 * 50,000 ads stored as a crawl would (recordAdBatch), with their analysis taken from the generator's
 * truth (analysing them all would take most of the budget), then indexed as a rebuild does
 * (boilerplate statistics counted over them). Timed on top of it, in batches of 100 as the ads queue
 * sends them:
 *   - new: the 5,000 held-back ads (analysed with analyzeAd, stored, then the risk step timed alone);
 *     they share numbers, photos and places with the history as the generator's personas do;
 *   - re-seen: 5,000 history ads seen again a day later (same text): the nightly common case.
 * History ads a batch touches get their first stored assessment (the bench skips scoring the whole
 * history up front), so writes are slightly above a real night's.
 *
 *   BENCH_RISK_ADS=100000 npx tsx bench/linking-pg.ts   # a 95,000-ad history (the generator's cap is 100,000)
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTextSigner, loadRiskConfig, shingles, ShingleStats } from '../src/classifier/risk/index.js';
import type { AdAnalysis } from '../src/domain/analysis.js';
import type { ScrapedAd } from '../src/domain/scraped-ad.js';
import { analyzeAd, loadGazetteer } from '../src/extract/index.js';
import { adFields, adsOnDay, generateUniverse, type FixtureAd } from '../src/fixtures/index.js';
import { createRiskStep } from '../src/queue/index.js';
import { indexedOf, linkRecordFor } from '../src/queue/risk-neighbourhood.js';
import { keysOf } from '../src/classifier/risk/partial-index.js';
import {
  loadRiskSources, migrate, openDb, recordAdBatch, refreshPriceMedians, replaceLinkKeys, saveLinkRecords, saveShingleSnapshot, startCrawlRun, type Db,
} from '../src/store/index.js';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const universeSize = Number(process.env.BENCH_RISK_ADS ?? 55_000);
const BATCH = 100;
const TIMED = 5_000;
const DAY0 = '2025-01-06T02:00:00.000Z';
const DAY1 = '2025-01-07T02:00:00.000Z';

function scrapedOf(ad: FixtureAd, seenAt: string): ScrapedAd {
  const f = adFields(ad);
  return {
    site: ad.site, siteAdId: ad.siteAdId, url: `http://127.0.0.1/${ad.site}/${ad.siteAdId}`, title: f.title, name: f.name,
    location: f.location, age: f.age, category: f.category, text: f.text, phoneText: f.phoneText, photoHashes: ad.photoIds, seenAt,
  };
}

/** The analysis a perfect extraction gives (the generator's truth): for the history only. */
function truthAnalysis(ad: FixtureAd): AdAnalysis {
  const span = { field: 'text' as const, start: 0, end: 0, text: '' };
  return {
    phones: ad.phones.map((p) => ({ e164: p.e164, country: p.e164.startsWith('+31') ? 'NL' : 'XX', type: 'mobile', obfuscated: p.obfuscation !== null, span })),
    municipality: { code: ad.place.municipalityCode, name: ad.place.municipalityName, confidence: 1, source: 'location', span: null },
    district: ad.place.district,
    age: ad.ageShown === 'none' ? null : ad.age,
    permitNumbers: ad.permit ? [ad.permit.normalized] : [],
    prices: [{ amount: ad.hourlyRate, minutes: 60, perHour: ad.hourlyRate, span }],
    pricePerHour: ad.hourlyRate,
  };
}

async function storeAll(db: Db, label: string, ads: readonly FixtureAd[], seenAt: string, analysis: (ad: FixtureAd) => AdAnalysis, size: number): Promise<void> {
  for (const site of new Set(ads.map((a) => a.site))) {
    const runId = `${label}-${site}`;
    await startCrawlRun(db, { id: runId, site, startedAt: new Date(seenAt) });
    const mine = ads.filter((a) => a.site === site);
    for (let i = 0; i < mine.length; i += size) {
      const chunk = mine.slice(i, i + size).map((ad) => ({ scraped: scrapedOf(ad, seenAt), analysis: analysis(ad) }));
      await recordAdBatch(db, { runId, batchKey: `b${i}`, ads: chunk });
    }
  }
}

/** Indexes the stored history as a rebuild does: statistics over all texts, then every ad signed with them. */
async function indexHistory(db: Db, ads: readonly FixtureAd[]): Promise<void> {
  const config = loadRiskConfig();
  const stats = new ShingleStats();
  for (const ad of ads) stats.addDocument(shingles([ad.title, adFields(ad).text].filter(Boolean).join('\n'), config.minhash.shingleSize));
  const statsId = await saveShingleSnapshot(db, { ads: stats.ads, bits: stats.bits, boilerplate: stats.boilerplateSlots(stats.threshold(config.guards)) });
  const signer = createTextSigner({ ...config, shingleStats: stats });
  const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM ads ORDER BY id');
  const regions = new Set<string>();
  for (let i = 0; i < rows.length; i += 2_000) {
    const sources = await loadRiskSources(db, { adIds: rows.slice(i, i + 2_000).map((r) => r.id) });
    const records = sources.map((s) => linkRecordFor(s, signer, statsId));
    const keys = records.flatMap((r) => keysOf(indexedOf(r)).map((k) => ({ adId: r.adId, site: r.site, ...k })));
    await db.transaction(async (tx) => {
      await saveLinkRecords(tx, records);
      await replaceLinkKeys(tx, [], keys);
    });
    for (const r of records) regions.add(r.priceRegion);
  }
  await db.transaction((tx) => refreshPriceMedians(tx, [...regions]));
  // Planner statistics, as autovacuum keeps them on a database that grew over months rather than in a minute.
  await db.query('ANALYZE');
}

async function timeRisk(db: Db, ads: readonly FixtureAd[]): Promise<{ seconds: number; assessed: number; changed: number }> {
  const step = createRiskStep(loadRiskConfig());
  let seconds = 0;
  let assessed = 0;
  let changed = 0;
  for (let i = 0; i < ads.length; i += BATCH) {
    const identities = ads.slice(i, i + BATCH).map((ad) => ({ site: ad.site, siteAdId: ad.siteAdId }));
    const started = performance.now();
    const result = await step.assess(db, { identities });
    seconds += (performance.now() - started) / 1000;
    assessed += result.assessed;
    changed += result.changed;
  }
  return { seconds, assessed, changed };
}

const schema = `bench_${randomUUID().replace(/-/g, '')}`;
const db = await openDb({ databaseUrl, schema });
try {
  await migrate(db);
  const all = adsOnDay(generateUniverse({ ads: universeSize, seed: 7 }), 0);
  const held = all.filter((_, i) => i % 10 === 0).slice(0, TIMED);
  const heldIds = new Set(held);
  const history = all.filter((ad) => !heldIds.has(ad));
  const t0 = performance.now();
  await storeAll(db, 'history', history, DAY0, truthAnalysis, 1_000);
  await indexHistory(db, history);
  const loadSeconds = (performance.now() - t0) / 1000;

  const gazetteer = loadGazetteer();
  await storeAll(db, 'new', held, DAY0, (ad) => analyzeAd({ ...adFields(ad) }, gazetteer), BATCH);
  const fresh = await timeRisk(db, held);
  const reseen = history.filter((_, i) => i % 10 === 7).slice(0, TIMED);
  await storeAll(db, 're-seen', reseen, DAY1, truthAnalysis, BATCH);
  const again = await timeRisk(db, reseen);
  console.log(
    JSON.stringify({
      name: `linking: risk step → Postgres (${Math.round(history.length / 1000)}k history)`,
      ads: history.length,
      'history load s': loadSeconds.toFixed(1),
      'new ads/s': (held.length / fresh.seconds).toFixed(0),
      'scored per new ad': (fresh.assessed / held.length).toFixed(2),
      're-seen ads/s': (reseen.length / again.seconds).toFixed(0),
      'scored per re-seen ad': (again.assessed / reseen.length).toFixed(2),
      'peak RSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
    }),
  );
} finally {
  await db.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
