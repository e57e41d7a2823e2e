import type { AdLink, LinkAd, LinkRecord } from './link-ad.js';
import { createTextSigner, linkRecordOf, signText, type TextSigner } from './link-record.js';
import { bandKeys } from './minhash.js';
import type { LinkGuards, MinHashParams } from './risk-config.js';
import type { ShingleStats } from './shingle-stats.js';

/** What adding one ad changed. */
export interface AddResult {
  /** Links from the new ad to ads already indexed. */
  links: AdLink[];
  /** Old ads whose links changed: the new ad's neighbours, and members of a phone or photo that just became a stock value. */
  affected: string[];
  /** Phones and photo hashes that crossed a guard with this ad and stopped linking. */
  newStockKeys: string[];
}

export interface LinkIndexOptions {
  guards: LinkGuards;
  minhash: MinHashParams;
  /** Boilerplate statistics; without them no shingle counts as boilerplate. */
  shingleStats?: ShingleStats;
}

type Bucket = number | number[];

/**
 * The index as plain data (JSON-safe), e.g. to mirror into a store: records by position, the
 * postings by key, band buckets and signatures. Restore with `LinkIndex.restore`.
 */
export interface LinkIndexSnapshot {
  records: LinkRecord[];
  phoneAds: Array<[string, number[]]>;
  photoAds: Array<[string, number[]]>;
  buckets: Array<Array<[number, Bucket]>>;
  /** `numHashes` values per record; zeros for records without a signature. */
  signatures: number[];
}

/**
 * In-memory index of ads by phone, photo hash and LSH band bucket, answering "which ads is this
 * one linked to" as ads arrive. Links are a function of the indexed set (guards are checked when
 * asked), so adding ads in any order gives the same links as `linkAll`. Pure logic, no I/O; the
 * maps (phone → ads, photo → ads, band bucket → ads) are plain data a store can mirror.
 *
 * @example
 * const index = new LinkIndex({ guards: config.guards, minhash: config.minhash });
 * index.add({ id: 'a:1', phones: ['+31612345678'], name: 'Lisa' });
 * index.add({ id: 'b:7', phones: ['+31612345678'], name: 'Kasia' }).links // [{ from: 'b:7', to: 'a:1', kind: 'phone', … }]
 */
export class LinkIndex {
  readonly records: LinkRecord[] = [];
  readonly byId = new Map<string, number>();
  readonly phoneAds = new Map<string, number[]>();
  readonly photoAds = new Map<string, number[]>();
  readonly buckets: Map<number, Bucket>[];
  /** Signatures, `numHashes` per record, at the record's position. */
  signatures: Uint32Array;
  readonly guards: LinkGuards;
  readonly minhash: MinHashParams;
  private readonly signer: TextSigner;
  private readonly rows: number;
  private visited = new Uint32Array(0);
  private stamp = 0;

  constructor(options: LinkIndexOptions) {
    this.guards = options.guards;
    this.minhash = options.minhash;
    this.signer = createTextSigner(options);
    this.rows = this.signer.rows;
    this.buckets = Array.from({ length: options.minhash.bands }, () => new Map<number, Bucket>());
    // Grown on demand (doubling): a restored or partial index never needs the room.
    this.signatures = new Uint32Array(0);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Indexes `ad` (replacing an earlier version with the same id) and returns what it changed. */
  add(ad: LinkAd): AddResult {
    let idx = this.byId.get(ad.id);
    if (idx === undefined) {
      idx = this.records.length;
      this.byId.set(ad.id, idx);
    } else this.unpost(idx);
    const record = this.record(ad, idx);
    this.records[idx] = record;
    const wasLinking = [...record.phones.map((p) => ['phone', p] as const), ...record.photos.map((p) => ['photo', p] as const)].filter(
      ([kind, key]) => !this.isStock(kind, key),
    );
    this.post(idx);
    const newStock = wasLinking.filter(([kind, key]) => this.isStock(kind, key));
    const links = this.linksAt(idx);
    const affected = new Set(links.map((l) => l.to));
    for (const [kind, key] of newStock) for (const m of this.members(kind, key)) if (m !== idx) affected.add(this.records[m]!.id);
    return { links, affected: [...affected], newStockKeys: newStock.map(([, key]) => key) };
  }

  /** The index as plain data. */
  snapshot(): LinkIndexSnapshot {
    return {
      records: this.records.map((r) => ({ ...r, phones: [...r.phones], photos: [...r.photos] })),
      phoneAds: [...this.phoneAds].map(([k, v]) => [k, [...v]]),
      photoAds: [...this.photoAds].map(([k, v]) => [k, [...v]]),
      buckets: this.buckets.map((band) => [...band].map(([k, v]) => [k, typeof v === 'number' ? v : [...v]])),
      signatures: Array.from(this.signatures.subarray(0, this.records.length * this.minhash.numHashes)),
    };
  }

  /** An index from a snapshot, with the same options (guards, MinHash parameters, shingle statistics) it was built with. */
  static restore(snapshot: LinkIndexSnapshot, options: LinkIndexOptions): LinkIndex {
    const index = new LinkIndex(options);
    snapshot.records.forEach((r, i) => {
      index.records.push({ ...r });
      index.byId.set(r.id, i);
    });
    for (const [k, v] of snapshot.phoneAds) index.phoneAds.set(k, [...v]);
    for (const [k, v] of snapshot.photoAds) index.photoAds.set(k, [...v]);
    snapshot.buckets.forEach((band, b) => {
      for (const [k, v] of band) index.buckets[b]?.set(k, typeof v === 'number' ? v : [...v]);
    });
    index.signatures = Uint32Array.from(snapshot.signatures);
    return index;
  }

  /** Current links of an indexed ad (empty for an unknown id). */
  linksOf(id: string): AdLink[] {
    const idx = this.byId.get(id);
    return idx === undefined ? [] : this.linksAt(idx);
  }

  /** Whether a phone or photo hash is a site/stock value: in too many ads or on too many sites. */
  isStock(kind: 'phone' | 'photo', key: string): boolean {
    const members = this.members(kind, key);
    const [maxAds, maxSites] =
      kind === 'phone' ? [this.guards.maxAdsPerPhone, this.guards.maxSitesPerPhone] : [this.guards.maxAdsPerPhoto, this.guards.maxSitesPerPhoto];
    if (members.length > maxAds) return true;
    const sites = new Set<string>();
    for (const m of members) {
      const site = this.records[m]!.site;
      if (site !== null) sites.add(site);
    }
    return sites.size > maxSites;
  }

  /** Positions of the ads holding a phone or photo hash. */
  members(kind: 'phone' | 'photo', key: string): readonly number[] {
    return (kind === 'phone' ? this.phoneAds : this.photoAds).get(key) ?? [];
  }

  /** Links of the record at `idx`: shared non-stock phones and photos, and near-duplicate texts. */
  linksAt(idx: number): AdLink[] {
    const record = this.records[idx]!;
    const links: AdLink[] = [];
    for (const kind of ['phone', 'photo'] as const) {
      for (const key of kind === 'phone' ? record.phones : record.photos) {
        if (this.isStock(kind, key)) continue;
        for (const m of this.members(kind, key)) if (m !== idx) links.push({ from: record.id, to: this.records[m]!.id, kind, key });
      }
    }
    for (const [m, similarity] of this.textNeighbours(idx)) links.push({ from: record.id, to: this.records[m]!.id, kind: 'text', similarity });
    return links;
  }

  /** Near-duplicate texts: LSH candidates from non-template buckets, confirmed on the full signature. */
  textNeighbours(idx: number): Map<number, number> {
    const found = new Map<number, number>();
    if (!this.records[idx]!.signed) return found;
    const n = this.minhash.numHashes;
    // A visit stamp per record instead of a Set: candidate checks are the linker's hot loop.
    if (this.visited.length < this.records.length) this.visited = new Uint32Array(Math.max(1024, this.records.length * 2));
    const stamp = (this.stamp = (this.stamp + 1) >>> 0 || 1);
    this.visited[idx] = stamp;
    const keys = bandKeys(this.signatures, idx * n, this.minhash.bands, this.rows);
    const allowed = Math.floor(n * (1 - this.minhash.threshold));
    for (let band = 0; band < keys.length; band += 1) {
      const bucket = this.buckets[band]!.get(keys[band]!);
      if (bucket === undefined || typeof bucket === 'number' || bucket.length > this.guards.maxBucketSize) continue;
      for (const m of bucket) {
        if (this.visited[m] === stamp) continue;
        this.visited[m] = stamp;
        const similarity = similarityAtLeast(this.signatures, idx * n, m * n, n, allowed);
        if (similarity >= this.minhash.threshold) found.set(m, similarity);
      }
    }
    return found;
  }

  private record(ad: LinkAd, idx: number): LinkRecord {
    const signature = signText(this.signer, ad.text);
    if (signature) this.storeSignature(idx, signature);
    return linkRecordOf(ad, signature !== null);
  }

  private storeSignature(idx: number, sig: Uint32Array): void {
    const n = this.minhash.numHashes;
    if ((idx + 1) * n > this.signatures.length) {
      const grown = new Uint32Array(Math.max((idx + 1) * n, this.signatures.length * 2));
      grown.set(this.signatures);
      this.signatures = grown;
    }
    this.signatures.set(sig, idx * n);
  }

  private post(idx: number): void {
    const record = this.records[idx]!;
    for (const phone of record.phones) pushTo(this.phoneAds, phone, idx);
    for (const photo of record.photos) pushTo(this.photoAds, photo, idx);
    if (!record.signed) return;
    const keys = bandKeys(this.signatures, idx * this.minhash.numHashes, this.minhash.bands, this.rows);
    keys.forEach((key, band) => {
      const map = this.buckets[band]!;
      const bucket = map.get(key);
      if (bucket === undefined) map.set(key, idx);
      else if (typeof bucket === 'number') map.set(key, [bucket, idx]);
      else bucket.push(idx);
    });
  }

  private unpost(idx: number): void {
    const record = this.records[idx]!;
    for (const phone of record.phones) removeFrom(this.phoneAds, phone, idx);
    for (const photo of record.photos) removeFrom(this.photoAds, photo, idx);
    if (!record.signed) return;
    const keys = bandKeys(this.signatures, idx * this.minhash.numHashes, this.minhash.bands, this.rows);
    keys.forEach((key, band) => {
      const map = this.buckets[band]!;
      const bucket = map.get(key);
      if (bucket === idx) map.delete(key);
      else if (Array.isArray(bucket)) {
        const rest = bucket.filter((m) => m !== idx);
        map.set(key, rest.length === 1 ? rest[0]! : rest);
      }
    });
  }
}

/** Estimated Jaccard of two signatures, or -1 as soon as more than `allowed` positions differ. */
function similarityAtLeast(sigs: Uint32Array, a: number, b: number, length: number, allowed: number): number {
  let differ = 0;
  for (let i = 0; i < length; i += 1) {
    if (sigs[a + i] !== sigs[b + i] && ++differ > allowed) return -1;
  }
  return (length - differ) / length;
}

function pushTo(map: Map<string, number[]>, key: string, idx: number): void {
  const list = map.get(key);
  if (list) list.push(idx);
  else map.set(key, [idx]);
}

function removeFrom(map: Map<string, number[]>, key: string, idx: number): void {
  const rest = (map.get(key) ?? []).filter((m) => m !== idx);
  if (rest.length > 0) map.set(key, rest);
  else map.delete(key);
}
