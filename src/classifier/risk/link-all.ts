import type { LinkAd } from './link-ad.js';
import { LinkIndex } from './link-index.js';
import { shingles } from './minhash.js';
import type { LinkGuards, MinHashParams } from './risk-config.js';
import { ShingleStats } from './shingle-stats.js';

/** Counts shingle document frequencies over a corpus: the boilerplate guard's statistics. */
export function shingleStatsOf(ads: Iterable<Pick<LinkAd, 'text'>>, minhash: Pick<MinHashParams, 'shingleSize'>, bits?: number): ShingleStats {
  const stats = new ShingleStats(bits);
  for (const ad of ads) stats.addDocument(shingles(ad.text ?? '', minhash.shingleSize));
  return stats;
}

/**
 * Links a whole batch: first the boilerplate statistics over all texts, then every ad into a
 * fresh `LinkIndex`. Query it with `linksOf`, `linkIndicators` and `clusterAll`. `ads` is read
 * twice (an array, or an iterable that restarts, so a million texts need not sit in memory).
 *
 * @example const index = linkAll(ads, config); index.linksOf('demo-a:100007')
 */
export function linkAll(ads: Iterable<LinkAd>, options: { guards: LinkGuards; minhash: MinHashParams; shingleStats?: ShingleStats }): LinkIndex {
  const shingleStats = options.shingleStats ?? shingleStatsOf(ads, options.minhash);
  const index = new LinkIndex({ guards: options.guards, minhash: options.minhash, shingleStats });
  for (const ad of ads) index.add(ad);
  return index;
}
