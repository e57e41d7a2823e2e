import type { LinkAd, LinkRecord } from './link-ad.js';
import { LinkIndex, type LinkIndexOptions, type LinkIndexSnapshot } from './link-index.js';
import { signatureBands, signText, linkRecordOf, type TextSigner } from './link-record.js';
import type { LinkGuards } from './risk-config.js';

/** One ad as a store keeps the linker's index: its record, its text signature and LSH band keys. */
export interface IndexedAd {
  record: LinkRecord;
  /** Null when the text is too short to compare (`record.signed` false). */
  signature: Uint32Array | null;
  bands: number[] | null;
}

export type LinkKeyKind = 'phone' | 'photo' | 'band';

/** A value that links ads: a phone, a photo hash, or an LSH bucket (`band:key`). */
export interface LinkKey {
  kind: LinkKeyKind;
  key: string;
}

/** The ads holding one key, as far as a store listed them (at most `memberLimit`). */
export interface KeyMember {
  adId: string;
  site: string | null;
}

/** Signs the ad's text and builds its record: what a store persists per ad. */
export function indexedAdOf(ad: LinkAd, signer: TextSigner): IndexedAd {
  const signature = signText(signer, ad.text);
  return { record: linkRecordOf(ad, signature !== null), signature, bands: signature ? signatureBands(signer, signature) : null };
}

/** The LSH bucket of band `band` as a key. */
export const bandKey = (band: number, key: number): string => `${band}:${key}`;

/** Every key an indexed ad can link through. */
export function keysOf(ad: IndexedAd): LinkKey[] {
  return [
    ...ad.record.phones.map((key) => ({ kind: 'phone' as const, key })),
    ...ad.record.photos.map((key) => ({ kind: 'photo' as const, key })),
    ...(ad.bands ?? []).map((key, band) => ({ kind: 'band' as const, key: bandKey(band, key) })),
  ];
}

export const keyId = (k: LinkKey): string => `${k.kind}\u0000${k.key}`;

/**
 * How many members of a key a store needs to list to apply the guards: one more than a key may
 * have and still link. A list that long means the key is over its guard, whatever its full size.
 */
export function memberLimit(kind: LinkKeyKind, guards: LinkGuards): number {
  return (kind === 'phone' ? guards.maxAdsPerPhone : kind === 'photo' ? guards.maxAdsPerPhoto : guards.maxBucketSize) + 1;
}

/**
 * Whether a key links nobody: a site or agency phone, a stock photo (too many ads or sites), or a
 * template LSH bucket (too many ads). `members` as listed up to `memberLimit`. Same rule as `LinkIndex`.
 */
export function keyOverGuard(kind: LinkKeyKind, members: readonly KeyMember[], guards: LinkGuards): boolean {
  if (members.length >= memberLimit(kind, guards)) return true;
  if (kind === 'band') return false;
  const sites = new Set(members.flatMap((m) => (m.site === null ? [] : [m.site])));
  return sites.size > (kind === 'phone' ? guards.maxSitesPerPhone : guards.maxSitesPerPhoto);
}

/**
 * A `LinkIndex` over part of a stored history: `ads` and, per key, its listed members. Links,
 * link indicators and guards are exact for every ad whose keys are all in `members` with every
 * member's record in `ads` (the store loads that neighbourhood); keys over a guard are left out,
 * which is what the guard means: they link nobody.
 */
export function partialIndex(ads: readonly IndexedAd[], members: ReadonlyMap<string, { key: LinkKey; members: readonly KeyMember[] }>, options: LinkIndexOptions): LinkIndex {
  const numHashes = options.minhash.numHashes;
  const position = new Map(ads.map((ad, i) => [ad.record.id, i]));
  const signatures: number[] = [];
  for (const ad of ads) for (let i = 0; i < numHashes; i += 1) signatures.push(ad.signature?.[i] ?? 0);
  const snapshot: LinkIndexSnapshot = { records: ads.map((a) => a.record), phoneAds: [], photoAds: [], buckets: Array.from({ length: options.minhash.bands }, () => []), signatures };
  for (const { key, members: list } of members.values()) {
    if (keyOverGuard(key.kind, list, options.guards)) continue;
    const positions = list.map((m) => position.get(m.adId)).filter((p): p is number => p !== undefined);
    if (key.kind === 'phone') snapshot.phoneAds.push([key.key, positions]);
    else if (key.kind === 'photo') snapshot.photoAds.push([key.key, positions]);
    else {
      const [band, bucket] = key.key.split(':').map(Number) as [number, number];
      snapshot.buckets[band]?.push([bucket, positions]);
    }
  }
  return LinkIndex.restore(snapshot, options);
}
