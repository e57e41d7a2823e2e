import type { AdAnalysis } from '../domain/analysis.js';
import type { LicenceStatus } from '../domain/licence.js';
import type { AdTarget } from './ad-licences.js';
import type { Db } from './db.js';

/** What the risk step reads of a stored ad: its current version's text fields, analysis, licence and sightings. */
export interface RiskSource {
  adId: string;
  site: string;
  versionId: string;
  title: string | null;
  text: string;
  name: string | null;
  location: string | null;
  age: string | null;
  phoneText: string | null;
  photoHashes: string[];
  analysis: AdAnalysis;
  licenceStatus: LicenceStatus | null;
  firstSeen: Date;
  lastSeen: Date;
}

/** The linker's stored record of one ad (table risk_records), as the risk step indexed it. */
export interface StoredLinkRecord {
  adId: string;
  versionId: string;
  statsId: string | null;
  site: string;
  name: string | null;
  municipality: string | null;
  firstSeen: Date;
  lastSeen: Date;
  phones: string[];
  photos: string[];
  signature: Uint32Array | null;
  bands: number[] | null;
  pricePerHour: number | null;
  priceRegion: string;
}

export type RiskKeyKind = 'phone' | 'photo' | 'band';

/**
 * Serialises the risk step across workers and processes: links are a property of the whole
 * history (a number or text shared with any ad), so two batches indexed at once could each miss
 * the other's ads. Transaction-scoped: released at COMMIT or ROLLBACK. Keyed per schema, so
 * databases in other schemas (tests, benchmarks) do not wait for each other.
 */
export async function lockRiskIndex(tx: Db): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zicht.risk'), hashtext(current_schema()))`);
}

/** The current state of the target ads that have a current version, in id order. */
export async function loadRiskSources(tx: Db, target: AdTarget): Promise<RiskSource[]> {
  const filter =
    'adIds' in target
      ? { sql: 'a.id = ANY($1::bigint[])', param: [...target.adIds] }
      : {
          sql: '(a.site, a.site_ad_id) IN (SELECT x.site, x."siteAdId" FROM jsonb_to_recordset($1::jsonb) AS x(site text, "siteAdId" text))',
          param: JSON.stringify(target.identities),
        };
  const { rows } = await tx.query<SourceRow>(
    `SELECT a.id::text AS id, a.site, v.id::text AS version_id, v.title, v.body, v.name, v.location, v.age_text, v.phone_text,
            v.photo_hashes, v.analysis, a.licence_status, a.first_seen, a.last_seen
     FROM ads a JOIN ad_versions v ON v.id = a.current_version_id
     WHERE ${filter.sql} ORDER BY a.id`,
    [filter.param],
  );
  return rows.map((r) => ({
    adId: r.id,
    site: r.site,
    versionId: r.version_id,
    title: r.title,
    text: r.body,
    name: r.name,
    location: r.location,
    age: r.age_text,
    phoneText: r.phone_text,
    photoHashes: r.photo_hashes,
    analysis: r.analysis,
    licenceStatus: r.licence_status,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

interface SourceRow {
  id: string;
  site: string;
  version_id: string;
  title: string | null;
  body: string;
  name: string | null;
  location: string | null;
  age_text: string | null;
  phone_text: string | null;
  photo_hashes: string[];
  analysis: AdAnalysis;
  licence_status: LicenceStatus | null;
  first_seen: Date;
  last_seen: Date;
}

/** The stored link records of `adIds` (those indexed), by ad id. */
export async function loadLinkRecords(tx: Db, adIds: readonly string[]): Promise<Map<string, StoredLinkRecord>> {
  if (adIds.length === 0) return new Map();
  const { rows } = await tx.query<RecordRow>(
    `SELECT ad_id::text AS ad_id, version_id::text AS version_id, stats_id::text AS stats_id, site, name, municipality,
            first_seen, last_seen, phones, photos, encode(signature, 'hex') AS signature, bands, price_per_hour, price_region
     FROM risk_records WHERE ad_id = ANY($1::bigint[])`,
    [[...adIds]],
  );
  return new Map(
    rows.map((r) => [
      r.ad_id,
      {
        adId: r.ad_id,
        versionId: r.version_id,
        statsId: r.stats_id,
        site: r.site,
        name: r.name,
        municipality: r.municipality,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        phones: r.phones,
        photos: r.photos,
        signature: r.signature === null ? null : signatureFromHex(r.signature),
        bands: r.bands,
        pricePerHour: r.price_per_hour,
        priceRegion: r.price_region,
      },
    ]),
  );
}

interface RecordRow {
  ad_id: string;
  version_id: string;
  stats_id: string | null;
  site: string;
  name: string | null;
  municipality: string | null;
  first_seen: Date;
  last_seen: Date;
  phones: string[];
  photos: string[];
  signature: string | null;
  bands: number[] | null;
  price_per_hour: number | null;
  price_region: string;
}

/**
 * The ads holding each key, in id order, at most `limit` per key: enough to apply the guards
 * without reading the thousands of ads behind a site's own number.
 */
export async function loadKeyMembers(
  tx: Db,
  keys: ReadonlyArray<{ kind: RiskKeyKind; key: string; limit: number }>,
): Promise<Array<{ kind: RiskKeyKind; key: string; adId: string; site: string }>> {
  if (keys.length === 0) return [];
  const { rows } = await tx.query<{ kind: RiskKeyKind; key: string; ad_id: string; site: string }>(
    `SELECT x.kind, x.key, m.ad_id::text AS ad_id, m.site
     FROM jsonb_to_recordset($1::jsonb) AS x(kind text, key text, "limit" int)
     CROSS JOIN LATERAL (SELECT k.ad_id, k.site FROM risk_keys k WHERE k.kind = x.kind AND k.key = x.key ORDER BY k.ad_id LIMIT x."limit") m`,
    [JSON.stringify(keys)],
  );
  return rows.map((r) => ({ kind: r.kind, key: r.key, adId: r.ad_id, site: r.site }));
}

/**
 * Inserts or replaces the link records of these ads, and moves their prices in `price_counts`
 * from the old records to the new ones (call under `lockRiskIndex`).
 */
export async function saveLinkRecords(tx: Db, records: readonly StoredLinkRecord[]): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((r) => r.adId);
  await countPrices(tx, ids, -1);
  const input = records.map((r) => ({
    ad_id: r.adId,
    version_id: r.versionId,
    stats_id: r.statsId,
    site: r.site,
    name: r.name,
    municipality: r.municipality,
    first_seen: r.firstSeen,
    last_seen: r.lastSeen,
    phones: r.phones,
    photos: r.photos,
    signature: r.signature ? signatureToHex(r.signature) : null,
    bands: r.bands,
    price_per_hour: r.pricePerHour,
    price_region: r.priceRegion,
  }));
  await tx.query(
    `INSERT INTO risk_records AS r (ad_id, version_id, stats_id, site, name, municipality, first_seen, last_seen, phones, photos,
                                    signature, bands, price_per_hour, price_region)
     SELECT x.ad_id, x.version_id, x.stats_id, x.site, x.name, x.municipality, x.first_seen, x.last_seen, x.phones, x.photos,
            decode(x.signature, 'hex'), x.bands, x.price_per_hour, x.price_region
     FROM jsonb_to_recordset($1::jsonb) AS x(ad_id bigint, version_id bigint, stats_id bigint, site text, name text, municipality text,
          first_seen timestamptz, last_seen timestamptz, phones text[], photos text[], signature text, bands integer[],
          price_per_hour integer, price_region text)
     ORDER BY x.ad_id
     ON CONFLICT (ad_id) DO UPDATE SET version_id = excluded.version_id, stats_id = excluded.stats_id, site = excluded.site,
       name = excluded.name, municipality = excluded.municipality, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
       phones = excluded.phones, photos = excluded.photos, signature = excluded.signature, bands = excluded.bands,
       price_per_hour = excluded.price_per_hour, price_region = excluded.price_region`,
    [JSON.stringify(input)],
  );
  await countPrices(tx, ids, 1);
}

/** Adds (`sign` 1) or takes away (-1) the prices of these ads' stored records in `price_counts`. */
async function countPrices(tx: Db, adIds: readonly string[], sign: 1 | -1): Promise<void> {
  const grouped = `SELECT price_region AS region, price_per_hour AS price, count(*)::int AS n FROM risk_records
                   WHERE ad_id = ANY($1::bigint[]) AND price_per_hour IS NOT NULL GROUP BY 1, 2`;
  if (sign < 0) {
    await tx.query(`UPDATE price_counts c SET ads = c.ads - g.n FROM (${grouped}) g WHERE c.region = g.region AND c.price = g.price`, [[...adIds]]);
    return;
  }
  await tx.query(
    `INSERT INTO price_counts AS c (region, price, ads) SELECT region, price, n FROM (${grouped}) g ORDER BY 1, 2
     ON CONFLICT (region, price) DO UPDATE SET ads = c.ads + excluded.ads`,
    [[...adIds]],
  );
}

/** Removes every key of `adIds` (those indexed before), then inserts `keys` (call under `lockRiskIndex`). */
export async function replaceLinkKeys(
  tx: Db,
  adIds: readonly string[],
  keys: ReadonlyArray<{ adId: string; site: string; kind: RiskKeyKind; key: string }>,
): Promise<void> {
  if (adIds.length > 0) await tx.query('DELETE FROM risk_keys WHERE ad_id = ANY($1::bigint[])', [[...adIds]]);
  if (keys.length === 0) return;
  // Arrays rather than JSON: a new ad brings about 18 keys, and this is the step's largest write.
  await tx.query(
    `INSERT INTO risk_keys (kind, key, ad_id, site)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS x(kind, key, ad_id, site)
     ORDER BY 1, 2, 3
     ON CONFLICT DO NOTHING`,
    [keys.map((k) => k.kind), keys.map((k) => k.key), keys.map((k) => k.adId), keys.map((k) => k.site)],
  );
}

/** Little-endian bytes, so the stored signature reads the same on any machine. */
function signatureToHex(signature: Uint32Array): string {
  const bytes = Buffer.alloc(signature.length * 4);
  signature.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return bytes.toString('hex');
}

function signatureFromHex(hex: string): Uint32Array {
  const bytes = Buffer.from(hex, 'hex');
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i += 1) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}
