import {
  assessIndexedAd,
  createTextSigner,
  keyId,
  keyOverGuard,
  keysOf,
  priceRegion,
  ShingleStats,
  walkClusters,
  type LinkKey,
  type RiskAssessment,
  type RiskConfig,
  type TextSigner,
} from '../classifier/risk/index.js';
import {
  adsInClusters,
  adsPricedBelow,
  currentShingleSnapshotId,
  loadClusters,
  loadLinkRecords,
  loadRiskSources,
  loadShingleSnapshot,
  lockRiskIndex,
  refreshPriceMedians,
  noteIndexedAds,
  replaceLinkKeys,
  saveLinkRecords,
  saveRiskResults,
  storedMedians,
  transactionWithRetry,
  type AdTarget,
  type Db,
  type RegionMedian,
  type RiskSource,
  type RiskWrite,
  type StoredAssessment,
  type StoredCluster,
  type StoredLinkRecord,
} from '../store/index.js';
import { modelDocOf, withTextModelSignal, type TextModelScorer } from '../classifier/model/index.js';
import { indexedOf, linkRecordFor, neighbourIds, riskItemOf, sameLinkRecord, StoredLinks } from './risk-neighbourhood.js';
import type { TextModelSource } from './text-model-source.js';

/**
 * A worker's signer for the newest boilerplate statistics snapshot: one `max(id)` query per
 * batch, a reload only when a rebuild stored a newer snapshot.
 */
export class ShingleStatsCache {
  private cached: { id: string | null; signer: TextSigner } | null = null;

  constructor(private readonly config: RiskConfig) {}

  async current(db: Db): Promise<{ id: string | null; signer: TextSigner }> {
    const id = await currentShingleSnapshotId(db);
    if (this.cached && this.cached.id === id) return this.cached;
    const snapshot = id === null ? null : await loadShingleSnapshot(db, id);
    const shingleStats = snapshot ? ShingleStats.fromBoilerplate(snapshot.boilerplate, snapshot.ads, snapshot.bits) : undefined;
    this.cached = { id, signer: createTextSigner({ ...this.config, shingleStats }) };
    return this.cached;
  }
}

export interface RiskStepResult {
  /** Ads scored: the target and every ad whose links, cluster or price verdict they touched. */
  assessed: number;
  /** Target ads (re)indexed because their phones, photos, text, place, times or price changed. */
  indexed: number;
  /** Ads whose stored assessment or cluster changed. */
  changed: number;
  /** The index has doubled since the boilerplate statistics were counted: time for a rebuild. */
  rebuildDue: { indexed: number } | null;
}

/** Indexes ads into the stored link index and (re)scores them and every ad they affect. */
export interface RiskStep {
  readonly config: RiskConfig;
  assess(db: Db, target: AdTarget): Promise<RiskStepResult>;
}

/**
 * The risk stage of the ads worker. In one transaction under `lockRiskIndex`: index the target
 * ads' current versions (phones, photo hashes, text LSH bands), find every ad whose links changed
 * (old and new neighbours, members of a key that crossed a guard, ads a moved regional price
 * median flags or unflags), score them all with the pure `assessIndexedAd` over a partial index
 * loaded from the store, walk their clusters, and store what changed. Crawl batches, licence
 * re-assessments and the rebuild all go through here, so incremental results equal the batch
 * `assessRiskBatch` over the stored ads (docs/indicators.md, "In the pipeline").
 *
 * With `hooks.textModel`, the active text model learned from reviews (src/classifier/model) adds
 * its `text_model` signal to each assessment; without one, or with no active model, nothing does.
 */
export function createRiskStep(config: RiskConfig, cache = new ShingleStatsCache(config), hooks: { textModel?: TextModelSource | undefined } = {}): RiskStep {
  return {
    config,
    async assess(db, target) {
      return transactionWithRetry(db, async (tx) => {
        await lockRiskIndex(tx);
        const result = await indexAndScore(tx, target, config, await cache.current(tx), (await hooks.textModel?.current(tx)) ?? null);
        const rebuildDue = result.newAds > 0 ? await dueForRebuild(tx, result.newAds, config) : null;
        return { assessed: result.assessed, indexed: result.indexed, changed: result.changed, rebuildDue };
      });
    },
  };
}

async function indexAndScore(tx: Db, target: AdTarget, config: RiskConfig, stats: { id: string | null; signer: TextSigner }, textModel: TextModelScorer | null) {
  const sources = await loadRiskSources(tx, target);
  const old = await loadLinkRecords(tx, sources.map((s) => s.adId));
  const changed = sources.map((s) => linkRecordFor(s, stats.signer, stats.id)).filter((r) => !sameLinkRecord(r, old.get(r.adId)));
  const seeds = new Set(sources.map((s) => s.adId));
  let links = new StoredLinks(tx, config);
  if (changed.length > 0) {
    const { touched, after } = await reindex(tx, changed, old, config);
    for (const id of touched) seeds.add(id);
    links = after;
  }
  const writes = await score(tx, links, [...seeds], sources, config, textModel);
  const saved = await saveRiskResults(tx, writes);
  return { assessed: seeds.size, indexed: changed.length, changed: saved.length, newAds: changed.filter((r) => !old.has(r.adId)).length };
}

const keysOfRecord = (r: StoredLinkRecord | undefined): LinkKey[] => (r ? keysOf(indexedOf(r)) : []);
const keySet = (r: StoredLinkRecord | undefined): string => keysOfRecord(r).map((k) => `${keyId(k)}\u0000${r!.site}`).sort().join('\n');

/**
 * Stores the changed ads' new records (and keys, where those changed) and returns every other ad
 * whose links or price verdict may have changed with them, and the index as it is now.
 */
async function reindex(tx: Db, changed: readonly StoredLinkRecord[], old: ReadonlyMap<string, StoredLinkRecord>, config: RiskConfig) {
  // Only an ad whose keys changed can gain or lose links (a new sighting time or name changes what its links mean, not who they are).
  const rekeyed = changed.filter((r) => keySet(r) !== keySet(old.get(r.adId)));
  const oldKeys = new Map(rekeyed.flatMap((r) => keysOfRecord(old.get(r.adId))).map((k) => [keyId(k), k]));
  // Per key, the ads that hold it only since this batch: the state before is the state after without them.
  const gained = new Map<string, { key: LinkKey; ads: Set<string> }>();
  for (const r of rekeyed) {
    const had = new Set(keysOfRecord(old.get(r.adId)).map(keyId));
    for (const key of keysOfRecord(r)) if (!had.has(keyId(key))) (gained.get(keyId(key)) ?? gained.set(keyId(key), { key, ads: new Set() }).get(keyId(key))!).ads.add(r.adId);
  }
  // Before the write only the keys some ad held already need reading: new ads cost no reads here.
  const before = new StoredLinks(tx, config);
  const beforeIndex = await before.around(rekeyed.flatMap((r) => (old.has(r.adId) ? [r.adId] : [])), [...oldKeys.values()]);
  await saveLinkRecords(tx, changed);
  const newKeys = rekeyed.flatMap((r) => keysOfRecord(r).map((k) => ({ adId: r.adId, site: r.site, ...k })));
  await replaceLinkKeys(tx, rekeyed.filter((r) => old.has(r.adId)).map((r) => r.adId), newKeys);
  const after = new StoredLinks(tx, config);
  const extra = new Map([...gained].map(([id, g]) => [id, g.ads.size]));
  const afterIndex = await after.around(changed.map((r) => r.adId), [...oldKeys.values(), ...[...gained.values()].map((g) => g.key)], extra);
  const touched = new Set<string>();
  for (const { adId } of changed) for (const nb of [...neighbourIds(beforeIndex, adId), ...neighbourIds(afterIndex, adId)]) touched.add(nb);
  // A key that crossed a guard links (or unlinks) all its members at once.
  for (const id of new Set([...oldKeys.keys(), ...gained.keys()])) {
    const is = after.keys.get(id)!;
    const was = before.keys.get(id)?.members ?? is.members.filter((m) => !gained.get(id)!.ads.has(m.adId));
    if (keyOverGuard(is.key.kind, was, config.guards) !== keyOverGuard(is.key.kind, is.members, config.guards)) for (const m of [...was, ...is.members]) touched.add(m.adId);
  }
  for (const id of await priceFlips(tx, [...changed, ...changed.flatMap((r) => (old.has(r.adId) ? [old.get(r.adId)!] : []))], config)) touched.add(id);
  return { touched, after };
}

/** Ads whose `low_price` verdict or evidence moves with their region's median, after these records changed. */
async function priceFlips(tx: Db, records: readonly StoredLinkRecord[], config: RiskConfig): Promise<string[]> {
  const out: string[] = [];
  const regions = records.filter((r) => r.pricePerHour !== null).map((r) => r.priceRegion);
  for (const { region, before: was, after: is } of await refreshPriceMedians(tx, regions)) {
    const [t0, t1] = [threshold(was, config), threshold(is, config)];
    // Every ad flagged under either median: its verdict or its evidence (the median) changes.
    if (t0 !== t1) out.push(...(await adsPricedBelow(tx, region, Math.max(t0, t1))));
  }
  return out;
}

/** The hourly price below which an ad of the region is `low_price` (0: too few priced peers). */
function threshold(median: RegionMedian | null, config: RiskConfig): number {
  return median && median.peers >= config.lowPrice.minPeers ? config.lowPrice.ratio * median.median : 0;
}

/** Assessments of the seeds and the clusters of every ad their walks reach. */
async function score(
  tx: Db,
  links: StoredLinks,
  seeds: readonly string[],
  known: readonly RiskSource[],
  config: RiskConfig,
  textModel: TextModelScorer | null,
): Promise<RiskWrite[]> {
  const have = new Set(known.map((s) => s.adId));
  const sources = [...known, ...(await loadRiskSources(tx, { adIds: seeds.filter((id) => !have.has(id)) }))];
  const ids = sources.map((s) => s.adId);
  const index = await links.around(ids);
  const medians = await storedMedians(tx, sources.map((s) => priceRegion(s.analysis)));
  const clusters = await clustersOf(tx, links, ids, config);
  const writes = new Map<string, RiskWrite>([...clusters].map(([adId, cluster]) => [adId, { adId, cluster }]));
  for (const source of sources) {
    const item = riskItemOf(source);
    const rules = storedAssessmentOf(assessIndexedAd(item, { index, medians, config, cluster: null }));
    // The learned signal, when a model is active: one more, clearly labelled term (src/classifier/model).
    const assessment = withTextModelSignal(rules, textModel ? textModel.signal(modelDocOf(item)) : null);
    writes.set(source.adId, { ...writes.get(source.adId), adId: source.adId, assessment });
  }
  return [...writes.values()];
}

/**
 * The clusters of the seeds by capped walks (more of the index loaded per round), plus the
 * giant-cluster sweep: when a walk overflows, ads still carrying the old cluster id of an ad it
 * reached belong to the same oversized cluster now and lose that id too.
 */
async function clustersOf(tx: Db, links: StoredLinks, seeds: readonly string[], config: RiskConfig): Promise<Map<string, StoredCluster>> {
  const cap = config.guards.maxClusterSize;
  const walked = await walkClusters(seeds, async (ids) => {
    const index = await links.around(ids);
    return new Map(ids.map((id) => [id, neighbourIds(index, id)]));
  }, cap);
  const out = new Map<string, StoredCluster>([...walked].map(([id, c]) => [id, { id: c.id, size: c.size }]));
  const overflowed = [...walked].filter(([, c]) => c.oversized).map(([id]) => id);
  const oldIds = [...(await loadClusters(tx, overflowed)).values()].flatMap((c) => (c.id === null ? [] : [c.id]));
  for (const id of await adsInClusters(tx, oldIds)) if (!out.has(id)) out.set(id, { id: null, size: cap + 1 });
  return out;
}

/** The stored form: each indicator with its contribution to the risk or the compliance score. */
export function storedAssessmentOf(a: RiskAssessment): StoredAssessment {
  const share = new Map([...a.risk.contributions, ...a.compliance.contributions].map((c) => [c.code, c.contribution]));
  return {
    score: a.risk.score,
    indicators: a.indicators.map((i) => ({ code: i.code, weight: i.weight, contribution: share.get(i.code) ?? 0, evidence: i.evidence })),
    compliance: a.compliance,
  };
}

/** A rebuild is due once the index holds twice the ads the boilerplate statistics were counted over. */
async function dueForRebuild(tx: Db, newAds: number, config: RiskConfig): Promise<{ indexed: number } | null> {
  const { indexed, statsAds } = await noteIndexedAds(tx, newAds);
  return indexed >= Math.max(config.guards.stockShingleMinAds, 2 * statsAds) ? { indexed } : null;
}
