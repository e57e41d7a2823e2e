import {
  indexedAdOf,
  keyId,
  keyOverGuard,
  keysOf,
  linkAdOf,
  memberLimit,
  partialIndex,
  priceRegion,
  hourlyPriceOf,
  type IndexedAd,
  type KeyMember,
  type LinkIndex,
  type LinkKey,
  type RiskBatchItem,
  type RiskConfig,
  type TextSigner,
} from '../classifier/risk/index.js';
import { loadKeyMembers, loadLinkRecords, type Db, type RiskSource, type StoredLinkRecord } from '../store/index.js';

/** A stored ad as the pure risk functions take it: the same item `zicht analyze` builds from a line. */
export function riskItemOf(source: RiskSource): RiskBatchItem {
  return {
    id: source.adId,
    text: source.text,
    title: source.title ?? undefined,
    name: source.name ?? undefined,
    location: source.location ?? undefined,
    age: source.age ?? undefined,
    phoneText: source.phoneText ?? undefined,
    analysis: source.analysis,
    seenAt: source.lastSeen.toISOString(),
    firstSeenAt: source.firstSeen.toISOString(),
    licenceStatus: source.licenceStatus,
    photoHashes: source.photoHashes,
    site: source.site,
  };
}

/** The link record to store for a source: signed with `signer`, whose statistics are snapshot `statsId`. */
export function linkRecordFor(source: RiskSource, signer: TextSigner, statsId: string | null): StoredLinkRecord {
  const { record, signature, bands } = indexedAdOf(linkAdOf(riskItemOf(source)), signer);
  return {
    adId: source.adId,
    versionId: source.versionId,
    statsId,
    site: source.site,
    name: record.name,
    municipality: record.municipality,
    firstSeen: source.firstSeen,
    lastSeen: source.lastSeen,
    phones: record.phones,
    photos: record.photos,
    signature,
    bands,
    pricePerHour: hourlyPriceOf(source.analysis)?.eurosPerHour ?? null,
    priceRegion: priceRegion(source.analysis),
  };
}

/** Whether two records would index and link the same (then the ad need not be indexed again). */
export function sameLinkRecord(a: StoredLinkRecord, b: StoredLinkRecord | undefined): boolean {
  if (!b) return false;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  return (
    a.versionId === b.versionId && a.statsId === b.statsId && a.site === b.site && a.name === b.name && a.municipality === b.municipality &&
    a.firstSeen.getTime() === b.firstSeen.getTime() && a.lastSeen.getTime() === b.lastSeen.getTime() && same(a.phones, b.phones) &&
    same(a.photos, b.photos) && same(a.bands, b.bands) && a.pricePerHour === b.pricePerHour && a.priceRegion === b.priceRegion
  );
}

/** A stored record in the linker's form. */
export function indexedOf(stored: StoredLinkRecord): IndexedAd {
  return {
    record: {
      id: stored.adId,
      phones: stored.phones,
      photos: stored.photos,
      name: stored.name,
      municipality: stored.municipality,
      time: stored.lastSeen.getTime(),
      firstTime: stored.firstSeen.getTime(),
      site: stored.site,
      signed: stored.signature !== null,
    },
    signature: stored.signature,
    bands: stored.bands,
  };
}

/**
 * The stored link index as one transaction sees it, read lazily: each record and each key's
 * members are loaded once. Valid for one state of the index: after writing to it, use a new one.
 */
export class StoredLinks {
  private readonly records = new Map<string, StoredLinkRecord>();
  private readonly absent = new Set<string>();
  /** The listed members of every key loaded, by `keyId`. */
  readonly keys = new Map<string, { key: LinkKey; members: KeyMember[] }>();

  constructor(
    private readonly tx: Db,
    private readonly config: RiskConfig,
  ) {}

  /**
   * A partial index whose links and link indicators are exact for `centres`: their records, the
   * members of each of their keys (and of `extraKeys`, e.g. keys an ad just dropped) up to the
   * guard limits (plus `moreMembers` for a key), and the records of those members.
   */
  async around(centres: readonly string[], extraKeys: readonly LinkKey[] = [], moreMembers: ReadonlyMap<string, number> = new Map()): Promise<LinkIndex> {
    const { guards, minhash } = this.config;
    await this.loadRecords(centres);
    const wanted = [...centres.flatMap((id) => (this.records.has(id) ? keysOf(indexedOf(this.records.get(id)!)) : [])), ...extraKeys];
    await this.loadKeys(wanted, moreMembers);
    // Members of a key over its guard are not linked through it: their records are not needed.
    const keys = new Map(wanted.map((k) => [keyId(k), this.keys.get(keyId(k))!]));
    const linking = [...keys.values()].filter((k) => !keyOverGuard(k.key.kind, k.members, guards));
    const members = linking.flatMap((k) => k.members.map((m) => m.adId));
    await this.loadRecords(members);
    // Only what the centres' links depend on: a small index per call, however much this view has read.
    const needed = [...new Set([...centres, ...members])].flatMap((id) => (this.records.has(id) ? [indexedOf(this.records.get(id)!)] : []));
    return partialIndex(needed, keys, { guards, minhash });
  }

  private async loadRecords(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.records.has(id) && !this.absent.has(id));
    const loaded = await loadLinkRecords(this.tx, missing);
    for (const id of missing) {
      const record = loaded.get(id);
      if (record) this.records.set(id, record);
      else this.absent.add(id);
    }
  }

  /** `moreMembers`: per key id, how many members to list beyond the guard limit (to tell the state before a batch). */
  private async loadKeys(keys: readonly LinkKey[], moreMembers: ReadonlyMap<string, number>): Promise<void> {
    const missing = new Map<string, LinkKey>();
    for (const key of keys) if (!this.keys.has(keyId(key))) missing.set(keyId(key), key);
    const limit = (k: LinkKey) => memberLimit(k.kind, this.config.guards) + (moreMembers.get(keyId(k)) ?? 0);
    const rows = await loadKeyMembers(this.tx, [...missing.values()].map((k) => ({ ...k, limit: limit(k) })));
    for (const [id, key] of missing) this.keys.set(id, { key, members: [] });
    for (const row of rows) this.keys.get(keyId(row))!.members.push({ adId: row.adId, site: row.site });
  }
}

/** The ids an ad links to in a neighbourhood, without duplicates. */
export function neighbourIds(index: LinkIndex, id: string): string[] {
  return [...new Set(index.linksOf(id).map((l) => l.to))];
}
