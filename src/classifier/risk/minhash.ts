import type { MinHashParams } from './risk-config.js';

/** murmur3's finaliser: a fast, well-mixed 32-bit hash of a 32-bit value. */
export function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The token every number becomes. */
const NUMBER_TOKEN = Math.imul(FNV_OFFSET ^ 0x23, FNV_PRIME) >>> 0;

/** Per UTF-16 code unit: its lower-case form if it is a letter or digit, else -1 (0 = not looked up yet). */
const WORD_CHAR = new Int32Array(0x10000);

function wordChar(code: number): number {
  let known = WORD_CHAR[code]!;
  if (known === 0) {
    const ch = String.fromCharCode(code);
    const lower = ch.toLowerCase();
    known = /[\p{L}\p{N}]/u.test(ch) && lower.length === 1 ? lower.charCodeAt(0) + 1 : -1;
    WORD_CHAR[code] = known;
  }
  return known - 1;
}

/**
 * Word tokens for shingling as FNV-1a hashes: letters and digits, lower case, and every number one
 * token `#` — so the same text under another phone number or price still matches (the point of
 * `text_duplicate`). A character loop: a regex tokenizer was the linker's main cost.
 */
export function shingleTokens(text: string): number[] {
  const out: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  let digitsOnly = true;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const lower = c < 128 ? (c >= 65 && c <= 90 ? c + 32 : (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : -1) : wordChar(c);
    if (lower >= 0) {
      h = Math.imul(h ^ lower, FNV_PRIME);
      inWord = true;
      if (lower < 48 || lower > 57) digitsOnly = false;
    } else if (inWord) {
      out.push(digitsOnly ? NUMBER_TOKEN : h >>> 0);
      h = FNV_OFFSET;
      inWord = false;
      digitsOnly = true;
    }
  }
  return out;
}

/** Distinct hashes of the text's `size`-word shingles, sorted (a text shorter than `size` is one shingle). */
export function shingles(text: string, size: number): Uint32Array {
  const tokens = shingleTokens(text);
  if (tokens.length === 0) return new Uint32Array(0);
  const count = Math.max(1, tokens.length - size + 1);
  const all = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    let h = 0x9747b28c;
    for (let k = i; k < Math.min(i + size, tokens.length); k += 1) h = fmix32(h ^ tokens[k]!);
    all[i] = h;
  }
  all.sort();
  let unique = 0;
  for (let i = 0; i < count; i += 1) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i]!;
  return all.slice(0, unique);
}

/** Per-hash seeds derived from the configured seed. */
export function hashSeeds(params: Pick<MinHashParams, 'numHashes' | 'seed'>): Uint32Array {
  const seeds = new Uint32Array(params.numHashes);
  for (let i = 0; i < seeds.length; i += 1) seeds[i] = fmix32(params.seed + Math.imul(i + 1, 0x9e3779b9));
  return seeds;
}

/** The MinHash signature of a set of shingle hashes: for each seeded hash, the minimum over the set. */
export function minhashSignature(shingleSet: ArrayLike<number>, seeds: Uint32Array): Uint32Array {
  const sig = new Uint32Array(seeds.length).fill(0xffffffff);
  for (let s = 0; s < shingleSet.length; s += 1) {
    const x = shingleSet[s]!;
    for (let i = 0; i < seeds.length; i += 1) {
      const h = fmix32(x ^ seeds[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of equal signature positions. */
export function estimatedJaccard(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, length: number): number {
  let equal = 0;
  for (let i = 0; i < length; i += 1) if (a[aOffset + i] === b[bOffset + i]) equal += 1;
  return equal / length;
}

/**
 * The LSH bucket key of each band: the band's rows hashed into a small integer (kept below 2^30
 * so V8 stores it unboxed; a collision only proposes a pair that the signature check rejects).
 */
export function bandKeys(sig: ArrayLike<number>, offset: number, bands: number, rows: number): number[] {
  const keys: number[] = [];
  for (let b = 0; b < bands; b += 1) {
    let h = b;
    for (let r = 0; r < rows; r += 1) h = fmix32(h ^ sig[offset + b * rows + r]!);
    keys.push(h & 0x3fffffff);
  }
  return keys;
}

/** Exact Jaccard similarity of two shingle sets (for measuring the estimate). */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const set = new Set(Array.from(a));
  let inter = 0;
  for (let i = 0; i < b.length; i += 1) if (set.has(b[i]!)) inter += 1;
  const union = set.size + b.length - inter;
  return union === 0 ? 0 : inter / union;
}
