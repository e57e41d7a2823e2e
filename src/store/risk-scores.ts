import type { Db } from './db.js';

/** The stored form of an assessment (ads.risk): what the review UI shows. */
export interface StoredAssessment {
  score: number;
  indicators: Array<{ code: string; weight: number; contribution: number; evidence: unknown }>;
  compliance: { status: string | null; score: number; contributions: unknown[] };
}

/** A cluster as stored on the ad: null id without links or when oversized (then size is cap + 1). */
export interface StoredCluster {
  id: string | null;
  size: number | null;
}

/** What to write for one ad: its new assessment, its cluster, or both. */
export interface RiskWrite {
  adId: string;
  assessment?: StoredAssessment;
  cluster?: StoredCluster;
}

/**
 * Writes assessments and clusters, only where they differ from what is stored (a replayed batch
 * writes nothing), in id order. `risk_assessed_at` moves when the assessment changes. Returns the
 * ids of the ads it changed.
 */
export async function saveRiskResults(tx: Db, writes: readonly RiskWrite[]): Promise<string[]> {
  if (writes.length === 0) return [];
  const input = [...writes]
    .sort((a, b) => Number(BigInt(a.adId) - BigInt(b.adId)))
    .map((w) => ({
      ad_id: w.adId,
      has_risk: w.assessment !== undefined,
      risk: w.assessment ?? null,
      score: w.assessment?.score ?? 0,
      codes: [...(w.assessment?.indicators.map((i) => i.code) ?? [])],
      has_cluster: w.cluster !== undefined,
      cluster_id: w.cluster?.id ?? null,
      cluster_size: w.cluster?.size ?? null,
    }));
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE ads AS a SET
       risk_assessed_at = CASE WHEN x.has_risk AND a.risk IS DISTINCT FROM x.risk THEN now() ELSE a.risk_assessed_at END,
       risk = CASE WHEN x.has_risk THEN x.risk ELSE a.risk END,
       risk_score = CASE WHEN x.has_risk THEN x.score ELSE a.risk_score END,
       indicator_codes = CASE WHEN x.has_risk THEN x.codes ELSE a.indicator_codes END,
       cluster_id = CASE WHEN x.has_cluster THEN x.cluster_id ELSE a.cluster_id END,
       cluster_size = CASE WHEN x.has_cluster THEN x.cluster_size ELSE a.cluster_size END
     FROM jsonb_to_recordset($1::jsonb) AS x(ad_id bigint, has_risk boolean, risk jsonb, score real, codes text[],
          has_cluster boolean, cluster_id bigint, cluster_size integer)
     WHERE a.id = x.ad_id
       AND ((x.has_risk AND a.risk IS DISTINCT FROM x.risk)
         OR (x.has_cluster AND (a.cluster_id IS DISTINCT FROM x.cluster_id OR a.cluster_size IS DISTINCT FROM x.cluster_size)))
     RETURNING a.id::text AS id`,
    [JSON.stringify(input)],
  );
  return rows.map((r) => r.id);
}

/** The stored cluster of each of these ads. */
export async function loadClusters(tx: Db, adIds: readonly string[]): Promise<Map<string, StoredCluster>> {
  if (adIds.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; cluster_id: string | null; cluster_size: number | null }>(
    `SELECT id::text AS id, cluster_id::text AS cluster_id, cluster_size FROM ads WHERE id = ANY($1::bigint[])`,
    [[...adIds]],
  );
  return new Map(rows.map((r) => [r.id, { id: r.cluster_id, size: r.cluster_size }]));
}

/** Every ad that carries one of these cluster ids. */
export async function adsInClusters(tx: Db, clusterIds: readonly string[]): Promise<string[]> {
  if (clusterIds.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(`SELECT id::text AS id FROM ads WHERE cluster_id = ANY($1::bigint[]) ORDER BY id`, [[...clusterIds]]);
  return rows.map((r) => r.id);
}

/** A region's median hourly price over the indexed ads, and how many priced ads make it. */
export interface RegionMedian {
  region: string;
  median: number;
  peers: number;
}

/**
 * Recomputes the medians of `regions` from `price_counts` (the middle price, or the mean of the
 * two middle ones, as `priceMedians`), stores them, and returns old and new per region. A region
 * without priced ads any more loses its row.
 */
export async function refreshPriceMedians(tx: Db, regions: readonly string[]): Promise<Array<{ region: string; before: RegionMedian | null; after: RegionMedian | null }>> {
  if (regions.length === 0) return [];
  const sorted = [...new Set(regions)].sort();
  const before = await storedMedians(tx, sorted);
  const { rows } = await tx.query<{ region: string; price: number; ads: number }>(
    'SELECT region, price, ads FROM price_counts WHERE region = ANY($1::text[]) AND ads > 0 ORDER BY region, price',
    [sorted],
  );
  const after = new Map<string, RegionMedian>();
  for (const region of sorted) {
    const counts = rows.filter((r) => r.region === region);
    if (counts.length > 0) after.set(region, { region, ...medianOfCounts(counts) });
  }
  await tx.query(
    `INSERT INTO price_medians (region, median, peers)
     SELECT x.region, x.median, x.peers FROM jsonb_to_recordset($1::jsonb) AS x(region text, median double precision, peers integer)
     ORDER BY x.region
     ON CONFLICT (region) DO UPDATE SET median = excluded.median, peers = excluded.peers, updated_at = now()
     WHERE (price_medians.median, price_medians.peers) IS DISTINCT FROM (excluded.median, excluded.peers)`,
    [JSON.stringify([...after.values()])],
  );
  const gone = sorted.filter((r) => !after.has(r));
  if (gone.length > 0) await tx.query('DELETE FROM price_medians WHERE region = ANY($1::text[])', [gone]);
  return sorted.map((region) => ({ region, before: before.get(region) ?? null, after: after.get(region) ?? null }));
}

/** The median of a histogram (prices ascending, with how many ads state each). */
function medianOfCounts(counts: ReadonlyArray<{ price: number; ads: number }>): { median: number; peers: number } {
  const peers = counts.reduce((sum, c) => sum + c.ads, 0);
  const nth = (k: number): number => {
    let seen = 0;
    for (const c of counts) if ((seen += c.ads) > k) return c.price;
    return counts[counts.length - 1]!.price;
  };
  const mid = peers >> 1;
  return { median: peers % 2 ? nth(mid) : (nth(mid - 1) + nth(mid)) / 2, peers };
}

/** The stored medians of these regions. */
export async function storedMedians(tx: Db, regions: readonly string[]): Promise<Map<string, RegionMedian>> {
  if (regions.length === 0) return new Map();
  const { rows } = await tx.query<{ region: string; median: number; peers: number }>(
    'SELECT region, median, peers FROM price_medians WHERE region = ANY($1::text[])',
    [[...new Set(regions)]],
  );
  return new Map(rows.map((r) => [r.region, { region: r.region, median: Number(r.median), peers: r.peers }]));
}

/** Indexed ads of `region` whose hourly price is below `euros`: the ones a moved median can flag or unflag. */
export async function adsPricedBelow(tx: Db, region: string, euros: number): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT ad_id::text AS id FROM risk_records WHERE price_region = $1 AND price_per_hour < $2::double precision ORDER BY ad_id`,
    [region, euros],
  );
  return rows.map((r) => r.id);
}
