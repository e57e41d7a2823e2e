/**
 * Incremental = batch: compares what the pipeline stored (ads.risk, cluster_id) with
 * `assessRiskBatch` over the same stored ads, the same boilerplate statistics and the same config.
 */
import { assessRiskBatch, INDICATOR_CODES, ShingleStats, type IndicatorCode, type RiskAssessment, type RiskConfig } from '../../src/classifier/risk/index.js';
import { riskItemOf, storedAssessmentOf } from '../../src/queue/index.js';
import { currentShingleSnapshotId, loadRiskSources, loadShingleSnapshot, type Db, type StoredAssessment } from '../../src/store/index.js';

export interface StoredRiskRow {
  id: string;
  site: string;
  siteAdId: string;
  risk: StoredAssessment | null;
  codes: string[];
  score: number;
  clusterId: string | null;
  clusterSize: number | null;
}

/** Every stored ad's risk columns, by ad id. */
export async function storedRisk(db: Db, site?: string): Promise<Map<string, StoredRiskRow>> {
  const { rows } = await db.query<{ id: string; site: string; site_ad_id: string; risk: StoredAssessment | null; indicator_codes: string[]; risk_score: number; cluster_id: string | null; cluster_size: number | null }>(
    `SELECT id::text AS id, site, site_ad_id, risk, indicator_codes, risk_score, cluster_id::text AS cluster_id, cluster_size
     FROM ads WHERE $1::text IS NULL OR site = $1::text ORDER BY id`,
    [site ?? null],
  );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, site: r.site, siteAdId: r.site_ad_id, risk: r.risk, codes: r.indicator_codes, score: r.risk_score, clusterId: r.cluster_id, clusterSize: r.cluster_size }]),
  );
}

/** `assessRiskBatch` over every stored ad, signed with the pipeline's current boilerplate statistics. */
export async function batchOverStore(db: Db, config: RiskConfig): Promise<RiskAssessment[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM ads ORDER BY id');
  const sources = await loadRiskSources(db, { adIds: rows.map((r) => r.id) });
  const snapshotId = await currentShingleSnapshotId(db);
  const snapshot = snapshotId === null ? null : await loadShingleSnapshot(db, snapshotId);
  const shingleStats = snapshot ? ShingleStats.fromBoilerplate(snapshot.boilerplate, snapshot.ads, snapshot.bits) : new ShingleStats();
  return assessRiskBatch(sources.map(riskItemOf), config, { shingleStats });
}

export interface CodeAgreement {
  code: IndicatorCode;
  stored: number;
  batch: number;
  both: number;
}

export interface RiskAgreement {
  ads: number;
  perCode: CodeAgreement[];
  /** Ads whose stored assessment (codes, weights, contributions, evidence, compliance) differs from the batch's. */
  assessmentDiffers: string[];
  /** Ads whose stored cluster (members, or oversized) differs from the batch's. */
  clusterDiffers: string[];
  clusters: number;
}

/** Compares stored and batch results per ad and per indicator code. */
export async function compareWithBatch(db: Db, config: RiskConfig): Promise<RiskAgreement> {
  const batch = await batchOverStore(db, config);
  const stored = await storedRisk(db);
  const batchMembers = groups(batch.filter((b) => b.cluster && !b.cluster.oversized).map((b) => [b.id, b.cluster!.id]));
  const storedMembers = groups([...stored.values()].filter((s) => s.clusterId !== null).map((s) => [s.id, s.clusterId!]));
  const perCode = INDICATOR_CODES.map((code) => ({ code, stored: 0, batch: 0, both: 0 }));
  const assessmentDiffers: string[] = [];
  const clusterDiffers: string[] = [];
  for (const b of batch) {
    const s = stored.get(b.id)!;
    for (const row of perCode) {
      const inStored = s.codes.includes(row.code);
      const inBatch = b.indicators.some((i) => i.code === row.code);
      row.stored += Number(inStored);
      row.batch += Number(inBatch);
      row.both += Number(inStored && inBatch);
    }
    if (JSON.stringify(canonical(s.risk)) !== JSON.stringify(canonical(storedAssessmentOf(b)))) assessmentDiffers.push(b.id);
    const batchCluster = b.cluster?.oversized ? 'oversized' : (batchMembers.get(b.id) ?? '');
    const storedCluster = (s.clusterSize ?? 0) > config.guards.maxClusterSize ? 'oversized' : (storedMembers.get(s.id) ?? '');
    if (batchCluster !== storedCluster) clusterDiffers.push(b.id);
  }
  return { ads: batch.length, perCode, assessmentDiffers, clusterDiffers, clusters: new Set(storedMembers.values()).size };
}

/** Per ad, the sorted member list of its group. */
function groups(pairs: Array<[string, string]>): Map<string, string> {
  const byGroup = new Map<string, string[]>();
  for (const [id, group] of pairs) byGroup.set(group, [...(byGroup.get(group) ?? []), id]);
  return new Map(pairs.map(([id, group]) => [id, byGroup.get(group)!.sort().join(',')]));
}

/** JSON with sorted keys and without undefined: jsonb does not keep key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/** A readable table of the per-code agreement. */
export function formatAgreement(agreement: RiskAgreement): string {
  const lines = agreement.perCode
    .filter((r) => r.stored + r.batch > 0)
    .map((r) => `${r.code.padEnd(18)} stored ${String(r.stored).padStart(5)}  batch ${String(r.batch).padStart(5)}  both ${String(r.both).padStart(5)}`);
  return [
    `${agreement.ads} ads, ${agreement.clusters} clusters; assessments differing: ${agreement.assessmentDiffers.length}, clusters differing: ${agreement.clusterDiffers.length}`,
    ...lines,
  ].join('\n');
}
