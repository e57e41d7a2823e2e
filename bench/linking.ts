/**
 * Linking at scale: `linkAll` over 1,000,000 synthetic ads, then ads/s of incremental `add` on top
 * of that history, and the union-find clustering of it all. The ads come from the fixture generator:
 * ten universes of 100,000 ads (its cap) with seeds 7…16, each one "month" later than the one
 * before. `generate s` is the cost of making the ads alone; `linkAll s` includes generating them
 * twice (linkAll reads its input twice; generating as it goes keeps a million texts out of memory).
 *
 *   BENCH_LINK_ADS=200000 npx tsx bench/linking.ts
 */
import { clusterAll } from '../src/classifier/risk/clusters.js';
import type { LinkAd } from '../src/classifier/risk/link-ad.js';
import { linkAll } from '../src/classifier/risk/link-all.js';
import { loadRiskConfig } from '../src/classifier/risk/load-risk-config.js';
import { adDescription, adsOnDay, generateUniverse, type FixtureAd } from '../src/fixtures/index.js';

const total = Number(process.env.BENCH_LINK_ADS ?? 1_000_000);
const extra = Number(process.env.BENCH_LINK_EXTRA ?? 20_000);
const baseCount = Math.min(100_000, total);
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2025, 0, 1);

let cached: { replica: number; ads: FixtureAd[] } | undefined;

/** The fixture ads of one replica (one universe), generated when first needed. */
function replicaAds(replica: number): FixtureAd[] {
  if (cached?.replica !== replica) cached = { replica, ads: adsOnDay(generateUniverse({ ads: baseCount, seed: 7 + replica }), 0) };
  return cached.ads;
}

/** Ad `n` of the synthetic history: ad `n % baseCount` of universe `n / baseCount`. */
function synthetic(n: number): LinkAd {
  const replica = Math.floor(n / baseCount);
  const ad = replicaAds(replica)[n % baseCount]!;
  return {
    id: `${replica}:${ad.site}:${ad.siteAdId}`,
    phones: ad.phones.map((p) => p.e164),
    photoHashes: ad.photoIds,
    name: ad.name,
    municipality: ad.place.municipalityCode,
    seenAt: EPOCH + (replica * 15 + (ad.slot % 7)) * DAY_MS,
    site: ad.site,
    text: `${ad.title}\n${adDescription(ad)}`,
  };
}

function range(from: number, to: number): Iterable<LinkAd> {
  return {
    *[Symbol.iterator]() {
      for (let n = from; n < to; n += 1) yield synthetic(n);
    },
  };
}

const tg = performance.now();
for (const ad of range(0, total)) if (ad.id === '') throw new Error('unreachable');
const generateSeconds = (performance.now() - tg) / 1000;

const config = loadRiskConfig();
const t1 = performance.now();
const index = linkAll(range(0, total), config);
const linkSeconds = (performance.now() - t1) / 1000;

const t2 = performance.now();
let newLinks = 0;
for (const ad of range(total, total + extra)) newLinks += index.add(ad).links.length;
const addSeconds = (performance.now() - t2) / 1000;

const t3 = performance.now();
const clusters = clusterAll(index);
const clusterSeconds = (performance.now() - t3) / 1000;
const sizes = new Map<string, number>();
let oversized = 0;
for (const c of clusters.values()) {
  sizes.set(c.id, c.size);
  if (c.oversized) oversized += 1;
}

console.log(
  JSON.stringify({
    name: 'linking: linkAll + incremental add',
    ads: total,
    'generate s': generateSeconds.toFixed(1),
    'linkAll s': linkSeconds.toFixed(1),
    'linkAll ads/s': (total / linkSeconds).toFixed(0),
    'add ads/s': (extra / addSeconds).toFixed(0),
    'new links': newLinks,
    'clusterAll s': clusterSeconds.toFixed(1),
    clusters: sizes.size,
    'largest cluster': Math.max(0, ...sizes.values()),
    'ads in oversized clusters': oversized,
    'peak RSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  }),
);
