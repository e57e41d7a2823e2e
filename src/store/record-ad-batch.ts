import type { AdAnalysis } from '../domain/analysis.js';
import type { ScrapedAd } from '../domain/scraped-ad.js';
import { contentHash } from './content-hash.js';
import { transactionWithRetry, type Db } from './db.js';

export interface AdBatch {
  runId: string;
  /** Unique within the run; replaying a recorded key is a no-op. */
  batchKey: string;
  ads: Array<{ scraped: ScrapedAd; analysis: AdAnalysis }>;
}

/**
 * What a batch did. The counts are of sightings this batch added to its run: an ad already
 * sighted earlier in the run (another batch) is stored but not counted again.
 */
export interface BatchResult {
  alreadyRecorded: boolean;
  new: number;
  changed: number;
  unchanged: number;
}

export type SightingChange = 'new' | 'changed' | 'unchanged';

type Entry = AdBatch['ads'][number];

interface UpsertedAd {
  id: string;
  site: string;
  site_ad_id: string;
  status: string;
  current_version_id: string | null;
}

/**
 * Stores one batch of analysed ads of a crawl run in one transaction: ad identities, content
 * versions, current phones and one sighting per ad and run.
 *
 * - Same content as the ad's current version → `unchanged` (last_seen bumped); other content →
 *   a version row (new, or an earlier one again), `changed`, phones replaced.
 * - An ad that was `gone` and is seen again becomes `live` and counts as `changed`: for a
 *   coordinator a returning ad is news, even with the same text.
 * - A sighting older than the ad's last_seen (a late retry) is recorded but does not move the
 *   current version back.
 * - Lock order is stable (batch key, then ads sorted by site and site id), and a deadlock or
 *   serialization failure re-runs the transaction, so concurrent batches never fail for good.
 */
export async function recordAdBatch(db: Db, batch: AdBatch): Promise<BatchResult> {
  const entries = latestPerAd(batch.ads);
  return transactionWithRetry(db, async (tx) => {
    await checkRun(tx, batch.runId, entries);
    const claimed = await tx.query(
      `INSERT INTO crawl_batches (run_id, batch_key, ads) VALUES ($1, $2, $3)
       ON CONFLICT (run_id, batch_key) DO NOTHING RETURNING batch_key`,
      [batch.runId, batch.batchKey, entries.length],
    );
    if (claimed.rows.length === 0) return storedResult(tx, batch);
    const result = entries.length === 0 ? { new: 0, changed: 0, unchanged: 0 } : await storeAds(tx, batch.runId, entries);
    await tx.query(
      `UPDATE crawl_batches SET ads_new = $3, ads_changed = $4, ads_unchanged = $5 WHERE run_id = $1 AND batch_key = $2`,
      [batch.runId, batch.batchKey, result.new, result.changed, result.unchanged],
    );
    return { alreadyRecorded: false, ...result };
  });
}

/** One entry per ad (the latest sighting wins), sorted by identity for a stable lock order. */
function latestPerAd(ads: Entry[]): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const entry of ads) {
    const key = identityKey(entry.scraped.site, entry.scraped.siteAdId);
    const seen = byKey.get(key);
    if (!seen || Date.parse(entry.scraped.seenAt) >= Date.parse(seen.scraped.seenAt)) byKey.set(key, entry);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

function identityKey(site: string, siteAdId: string): string {
  return `${site}\u0000${siteAdId}`;
}

async function checkRun(tx: Db, runId: string, entries: Entry[]): Promise<void> {
  const { rows } = await tx.query<{ site: string }>('SELECT site FROM crawl_runs WHERE id = $1', [runId]);
  const site = rows[0]?.site;
  if (site === undefined) throw new Error(`unknown crawl run "${runId}": call startCrawlRun first`);
  const stranger = entries.find((entry) => entry.scraped.site !== site);
  if (stranger) throw new Error(`ad of site "${stranger.scraped.site}" in a batch of run "${runId}" (site "${site}")`);
}

async function storedResult(tx: Db, batch: AdBatch): Promise<BatchResult> {
  const { rows } = await tx.query<{ new: number; changed: number; unchanged: number }>(
    `SELECT ads_new AS new, ads_changed AS changed, ads_unchanged AS unchanged
     FROM crawl_batches WHERE run_id = $1 AND batch_key = $2`,
    [batch.runId, batch.batchKey],
  );
  const row = rows[0] ?? { new: 0, changed: 0, unchanged: 0 };
  return { alreadyRecorded: true, new: row.new, changed: row.changed, unchanged: row.unchanged };
}

async function storeAds(tx: Db, runId: string, entries: Entry[]): Promise<Omit<BatchResult, 'alreadyRecorded'>> {
  const ads = await upsertAds(tx, entries);
  const versionIds = await upsertVersions(tx, entries, ads);
  const sightings = entries.map((entry, i) => {
    const ad = ads[i]!;
    const versionId = versionIds.get(ad.id)!;
    return { ad_id: ad.id, version_id: versionId, change: classify(ad, versionId), seen_at: entry.scraped.seenAt };
  });
  const current = await moveCurrentVersions(tx, entries, ads, versionIds);
  await replacePhones(tx, entries, ads, current);
  const { rows } = await tx.query<{ change: SightingChange }>(
    `INSERT INTO sightings (run_id, ad_id, version_id, change, seen_at)
     SELECT $1, x.ad_id, x.version_id, x.change, x.seen_at
     FROM jsonb_to_recordset($2::jsonb) AS x(ad_id bigint, version_id bigint, change text, seen_at timestamptz)
     ORDER BY x.ad_id
     ON CONFLICT (run_id, ad_id) DO NOTHING
     RETURNING change`,
    [runId, JSON.stringify(sightings)],
  );
  const count = (change: SightingChange) => rows.filter((row) => row.change === change).length;
  return { new: count('new'), changed: count('changed'), unchanged: count('unchanged') };
}

/** An ad without a current version was inserted by this very transaction. */
function classify(ad: UpsertedAd, versionId: string): SightingChange {
  if (ad.current_version_id === null) return 'new';
  return ad.current_version_id === versionId && ad.status === 'live' ? 'unchanged' : 'changed';
}

/**
 * Inserts or touches each ad, locking the rows in identity order. RETURNING shows the status
 * and current version as they were, since this statement does not change them.
 */
async function upsertAds(tx: Db, entries: Entry[]): Promise<UpsertedAd[]> {
  const input = entries.map(({ scraped }) => ({ site: scraped.site, site_ad_id: scraped.siteAdId, url: scraped.url, seen_at: scraped.seenAt }));
  const { rows } = await tx.query<UpsertedAd>(
    `INSERT INTO ads AS a (site, site_ad_id, url, first_seen, last_seen)
     SELECT x.site, x.site_ad_id, x.url, x.seen_at, x.seen_at
     FROM jsonb_to_recordset($1::jsonb) AS x(site text, site_ad_id text, url text, seen_at timestamptz)
     ORDER BY x.site, x.site_ad_id
     ON CONFLICT (site, site_ad_id) DO UPDATE SET
       url = CASE WHEN excluded.last_seen >= a.last_seen THEN excluded.url ELSE a.url END,
       first_seen = least(a.first_seen, excluded.first_seen),
       last_seen = greatest(a.last_seen, excluded.last_seen),
       updated_at = now()
     RETURNING a.id::text AS id, a.site, a.site_ad_id, a.status, a.current_version_id::text AS current_version_id`,
    [JSON.stringify(input)],
  );
  const byKey = new Map(rows.map((row) => [identityKey(row.site, row.site_ad_id), row]));
  return entries.map(({ scraped }) => byKey.get(identityKey(scraped.site, scraped.siteAdId))!);
}

/** Inserts each content version (or bumps its last_seen); returns version id by ad id. */
async function upsertVersions(tx: Db, entries: Entry[], ads: UpsertedAd[]): Promise<Map<string, string>> {
  const input = entries.map(({ scraped, analysis }, i) => ({
    ad_id: ads[i]!.id,
    content_hash: contentHash(scraped),
    title: scraped.title ?? null,
    name: scraped.name ?? null,
    location: scraped.location ?? null,
    age_text: scraped.age ?? null,
    category: scraped.category ?? null,
    body: scraped.text,
    phone_text: scraped.phoneText ?? null,
    photo_hashes: scraped.photoHashes ?? [],
    analysis,
    seen_at: scraped.seenAt,
  }));
  const { rows } = await tx.query<{ id: string; ad_id: string }>(
    `INSERT INTO ad_versions AS v (ad_id, content_hash, title, name, location, age_text, category, body,
                                   phone_text, photo_hashes, analysis, first_seen, last_seen)
     SELECT x.ad_id, x.content_hash, x.title, x.name, x.location, x.age_text, x.category, x.body,
            x.phone_text, x.photo_hashes, x.analysis, x.seen_at, x.seen_at
     FROM jsonb_to_recordset($1::jsonb) AS x(ad_id bigint, content_hash text, title text, name text, location text,
          age_text text, category text, body text, phone_text text, photo_hashes text[], analysis jsonb, seen_at timestamptz)
     ORDER BY x.ad_id
     ON CONFLICT (ad_id, content_hash) DO UPDATE SET
       -- The newest analysis of the same text wins: the analysers improve over time.
       analysis = CASE WHEN excluded.last_seen >= v.last_seen THEN excluded.analysis ELSE v.analysis END,
       photo_hashes = CASE WHEN excluded.last_seen >= v.last_seen THEN excluded.photo_hashes ELSE v.photo_hashes END,
       first_seen = least(v.first_seen, excluded.first_seen),
       last_seen = greatest(v.last_seen, excluded.last_seen)
     RETURNING v.id::text AS id, v.ad_id::text AS ad_id`,
    [JSON.stringify(input)],
  );
  return new Map(rows.map((row) => [row.ad_id, row.id]));
}

/**
 * Points each ad at the version just seen and copies its analysis into the ad row — unless
 * this sighting is older than the ad's last_seen. Returns the ids of the ads it moved.
 */
async function moveCurrentVersions(tx: Db, entries: Entry[], ads: UpsertedAd[], versionIds: Map<string, string>): Promise<Set<string>> {
  const input = entries.map(({ scraped, analysis }, i) => ({
    ad_id: ads[i]!.id,
    version_id: versionIds.get(ads[i]!.id),
    seen_at: scraped.seenAt,
    municipality_code: analysis.municipality?.code ?? null,
    district: analysis.district,
    age: analysis.age,
    permit_numbers: analysis.permitNumbers,
  }));
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE ads AS a SET current_version_id = x.version_id, status = 'live', gone_at = NULL, missed_runs = 0,
       municipality_code = x.municipality_code, district = x.district, age = x.age,
       permit_numbers = x.permit_numbers, updated_at = now()
     FROM jsonb_to_recordset($1::jsonb) AS x(ad_id bigint, version_id bigint, seen_at timestamptz,
          municipality_code text, district text, age integer, permit_numbers text[])
     WHERE a.id = x.ad_id AND a.last_seen <= x.seen_at
     RETURNING a.id::text AS id`,
    [JSON.stringify(input)],
  );
  return new Set(rows.map((row) => row.id));
}

/** ad_phones mirrors the current version's analysis: replaced wholesale for the ads moved. */
async function replacePhones(tx: Db, entries: Entry[], ads: UpsertedAd[], moved: Set<string>): Promise<void> {
  if (moved.size === 0) return;
  const phones = entries.flatMap(({ analysis }, i) => {
    const adId = ads[i]!.id;
    return moved.has(adId) ? uniquePhones(analysis).map((phone) => ({ ad_id: adId, ...phone })) : [];
  });
  await tx.query('DELETE FROM ad_phones WHERE ad_id = ANY($1::bigint[])', [[...moved]]);
  if (phones.length === 0) return;
  await tx.query(
    `INSERT INTO ad_phones (ad_id, e164, country, type, obfuscated)
     SELECT x.ad_id, x.e164, x.country, x.type, x.obfuscated
     FROM jsonb_to_recordset($1::jsonb) AS x(ad_id bigint, e164 text, country text, type text, obfuscated boolean)
     ORDER BY x.ad_id, x.e164`,
    [JSON.stringify(phones)],
  );
}

/** One row per number; obfuscated when any of its occurrences was. */
function uniquePhones(analysis: AdAnalysis): Array<{ e164: string; country: string; type: string; obfuscated: boolean }> {
  const byNumber = new Map<string, { e164: string; country: string; type: string; obfuscated: boolean }>();
  for (const phone of analysis.phones) {
    const seen = byNumber.get(phone.e164);
    if (seen) seen.obfuscated ||= phone.obfuscated;
    else byNumber.set(phone.e164, { e164: phone.e164, country: phone.country, type: phone.type, obfuscated: phone.obfuscated });
  }
  return [...byNumber.values()];
}
