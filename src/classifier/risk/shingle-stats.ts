import type { LinkGuards } from './risk-config.js';

const DEFAULT_BITS = 22;

/**
 * Document frequencies of word shingles over a corpus, in a fixed table of counters indexed by
 * the shingle hash (a collision can only over-count, i.e. drop a rare shingle as boilerplate).
 * Shingles in at least `stockShingleShare` of the ads (and `stockShingleMinAds`) are boilerplate:
 * "Bel of app", "Vaste prijzen, geen gezeur", a site's footer. They never link ads.
 *
 * Fixed while a `LinkIndex` uses it, so links do not depend on the order ads arrive in; rebuild it
 * from the stored history (e.g. nightly) and re-index. Serialisable: `counts` and `ads`.
 */
export class ShingleStats {
  readonly counts: Uint32Array;
  ads = 0;
  private readonly mask: number;

  constructor(bits = DEFAULT_BITS, counts?: Uint32Array, ads = 0) {
    this.counts = counts ?? new Uint32Array(1 << bits);
    if ((this.counts.length & (this.counts.length - 1)) !== 0) throw new RangeError('counts length must be a power of two');
    this.mask = this.counts.length - 1;
    this.ads = ads;
  }

  /** Counts one ad's distinct shingles. */
  addDocument(shingleSet: ArrayLike<number>): void {
    this.ads += 1;
    for (let i = 0; i < shingleSet.length; i += 1) this.counts[shingleSet[i]! & this.mask]! += 1;
  }

  /** The document frequency from which a shingle is boilerplate. */
  threshold(guards: Pick<LinkGuards, 'stockShingleShare' | 'stockShingleMinAds'>): number {
    return Math.max(guards.stockShingleMinAds, Math.ceil(guards.stockShingleShare * this.ads));
  }

  /** log2 of the number of counters. */
  get bits(): number {
    return Math.log2(this.counts.length);
  }

  /** The counter slots at or above `threshold`: all a store needs to keep of the statistics. */
  boilerplateSlots(threshold: number): number[] {
    const slots: number[] = [];
    for (let i = 0; i < this.counts.length; i += 1) if (this.counts[i]! >= threshold) slots.push(i);
    return slots;
  }

  /**
   * Statistics that filter exactly the given boilerplate slots, for `ads` counted ads: what
   * `boilerplateSlots` kept, restored (as long as the guard thresholds are unchanged).
   */
  static fromBoilerplate(slots: readonly number[], ads: number, bits = DEFAULT_BITS): ShingleStats {
    const counts = new Uint32Array(1 << bits);
    for (const slot of slots) counts[slot] = 0xffffffff;
    return new ShingleStats(bits, counts, ads);
  }

  /** The shingles of `shingleSet` that are not boilerplate. */
  filter(shingleSet: Uint32Array, threshold: number): Uint32Array {
    return shingleSet.filter((h) => this.counts[h & this.mask]! < threshold);
  }
}
