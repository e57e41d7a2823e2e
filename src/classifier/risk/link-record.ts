import { foldName, timeOf, type LinkAd, type LinkRecord } from './link-ad.js';
import { bandKeys, hashSeeds, minhashSignature, shingles } from './minhash.js';
import type { LinkGuards, MinHashParams } from './risk-config.js';
import type { ShingleStats } from './shingle-stats.js';

/** What signing a text needs: the MinHash parameters and the boilerplate statistics, fixed together. */
export interface TextSigner {
  readonly minhash: MinHashParams;
  readonly seeds: Uint32Array;
  /** Signature values per LSH band. */
  readonly rows: number;
  readonly stats: ShingleStats | undefined;
  readonly stockThreshold: number;
}

export function createTextSigner(options: { guards: LinkGuards; minhash: MinHashParams; shingleStats?: ShingleStats | undefined }): TextSigner {
  const stats = options.shingleStats;
  return {
    minhash: options.minhash,
    seeds: hashSeeds(options.minhash),
    rows: options.minhash.numHashes / options.minhash.bands,
    stats,
    stockThreshold: stats ? stats.threshold(options.guards) : Infinity,
  };
}

/**
 * The MinHash signature of a text's non-boilerplate shingles, or null when too few remain to
 * compare (`minShingles`): such a text never links.
 */
export function signText(signer: TextSigner, text: string | null | undefined): Uint32Array | null {
  const value = text ?? '';
  let set = shingles(value, signer.minhash.shingleSize);
  if (signer.stats) set = signer.stats.filter(set, signer.stockThreshold);
  if (value.trim() === '' || set.length < signer.minhash.minShingles) return null;
  return minhashSignature(set, signer.seeds);
}

/** The LSH bucket key of each band of a signature. */
export function signatureBands(signer: TextSigner, signature: Uint32Array): number[] {
  return bandKeys(signature, 0, signer.minhash.bands, signer.rows);
}

/** The linker's record of an ad: distinct phones and photos, folded name, place, sighting times. */
export function linkRecordOf(ad: LinkAd, signed: boolean): LinkRecord {
  const record: LinkRecord = {
    id: ad.id,
    phones: [...new Set(ad.phones)],
    photos: [...new Set(ad.photoHashes ?? [])],
    name: foldName(ad.name),
    municipality: ad.municipality ?? null,
    time: timeOf(ad.seenAt),
    site: ad.site ?? null,
    signed,
  };
  const firstTime = timeOf(ad.firstSeenAt);
  if (firstTime !== null) record.firstTime = firstTime;
  return record;
}
