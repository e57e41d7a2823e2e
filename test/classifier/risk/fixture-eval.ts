/**
 * Precision and recall of the risk indicators on the fixture universe, where the generator's own
 * fields give the truth (stated ages, phone kinds and disguises, shared numbers, group photos, towns,
 * hourly rates). For the eval helper: `evaluateRiskOnFixtures({ ads: 2000, seed: 1 })`.
 */
import { assessRiskBatch, type RiskBatchItem } from '../../../src/classifier/risk/assess-risk-batch.js';
import { foldName } from '../../../src/classifier/risk/link-ad.js';
import { priceMedians } from '../../../src/classifier/risk/ad-indicators.js';
import type { IndicatorCode } from '../../../src/classifier/risk/indicator.js';
import type { RiskConfig } from '../../../src/classifier/risk/risk-config.js';
import { loadRiskConfig } from '../../../src/classifier/risk/load-risk-config.js';
import { analyzeAd, loadGazetteer, type Gazetteer } from '../../../src/extract/index.js';
import { adsOnDay, generateUniverse, type FixtureAd } from '../../../src/fixtures/index.js';
import { fixtureAdAsAnalyzeInput } from '../../helpers/fixture-input.js';

/** Counts and ratios of one indicator. */
export interface IndicatorFigures {
  code: IndicatorCode;
  truth: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

type Truth = (ad: FixtureAd) => boolean;

export const idOf = (ad: FixtureAd): string => `${ad.site}:${ad.siteAdId}`;

/** Ads grouped by a key (phone, photo), for truths about sharing. */
function groupBy(ads: readonly FixtureAd[], keys: (ad: FixtureAd) => string[]): Map<string, FixtureAd[]> {
  const map = new Map<string, FixtureAd[]>();
  for (const ad of ads) for (const key of new Set(keys(ad))) map.set(key, [...(map.get(key) ?? []), ad]);
  return map;
}

function sharing(ads: readonly FixtureAd[], keys: (ad: FixtureAd) => string[], accept: (self: FixtureAd, other: FixtureAd) => boolean): Set<string> {
  const out = new Set<string>();
  for (const group of groupBy(ads, keys).values()) {
    for (const self of group) if (group.some((o) => o !== self && accept(self, o))) out.add(idOf(self));
  }
  return out;
}

const phonesOf = (ad: FixtureAd): string[] => ad.phones.map((p) => p.e164);
/** Group photos (`g…`) are one persona's; stock photos (`s…`) are generic and must not link. */
const groupPhotos = (ad: FixtureAd): string[] => ad.photoIds.filter((p) => p.startsWith('g'));
const otherName = (a: FixtureAd, b: FixtureAd): boolean => foldName(a.name) !== foldName(b.name);
const disjointPhones = (a: FixtureAd, b: FixtureAd): boolean => !phonesOf(a).some((p) => phonesOf(b).includes(p));

/** Per indicator the fixture knows the truth of: whether an ad of `ads` should carry it, judged across `ads`. */
export function fixtureTruths(ads: readonly FixtureAd[], config: RiskConfig): Partial<Record<IndicatorCode, Truth>> {
  const shared = sharing(ads, phonesOf, otherName);
  const reused = sharing(ads, groupPhotos, (a, b) => otherName(a, b) || disjointPhones(a, b));
  const keys = (ad: FixtureAd): string[] => [...phonesOf(ad), ...groupPhotos(ad)];
  const rotating = sharing(ads, keys, (a, b) => a.place.municipalityCode !== b.place.municipalityCode);
  const region = (ad: FixtureAd): string => ad.place.district ?? ad.place.municipalityCode;
  const medians = priceMedians(ads.map((ad) => ({ region: region(ad), eurosPerHour: ad.hourlyRate })));
  return {
    under_21: (ad) => ad.ageShown !== 'none' && ad.age < 21,
    minor_suspected: (ad) => ad.ageShown !== 'none' && ad.age < 18,
    foreign_phone: (ad) => ad.phones.some((p) => p.kind === 'foreign'),
    obfuscated_phone: (ad) => ad.phones.some((p) => p.obfuscation !== null),
    phone_shared: (ad) => shared.has(idOf(ad)),
    photo_reuse: (ad) => reused.has(idOf(ad)),
    multi_city: (ad) => rotating.has(idOf(ad)),
    // Fixture texts are generated independently per ad: every text_duplicate is a false positive.
    text_duplicate: () => false,
    low_price: (ad) => {
      const m = medians.get(region(ad));
      return m !== undefined && m.peers >= config.lowPrice.minPeers && ad.hourlyRate < config.lowPrice.ratio * m.median;
    },
  };
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 1000) / 1000);

/**
 * Runs the fixture ads of one day through `analyzeAd` and `assessRiskBatch` (photo ids stand in
 * for perceptual hashes) and compares each indicator with the generator's truth.
 */
export function evaluateRiskOnFixtures(options: { ads: number; seed: number; day?: number; gazetteer?: Gazetteer; config?: RiskConfig }): IndicatorFigures[] {
  const config = options.config ?? loadRiskConfig();
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const day = options.day ?? 0;
  const ads = adsOnDay(generateUniverse({ ads: options.ads, seed: options.seed }), day);
  const seenAt = new Date(Date.UTC(2025, 0, 6 + day, 2)).toISOString();
  const items: RiskBatchItem[] = ads.map((ad) => {
    const input = fixtureAdAsAnalyzeInput(ad);
    const text = { ...input, phoneText: input.phone };
    return { ...text, id: idOf(ad), analysis: analyzeAd(text, gazetteer), seenAt, photoHashes: ad.photoIds, site: ad.site };
  });
  const assessed = assessRiskBatch(items, config);
  const fired = new Map(assessed.map((a) => [a.id, new Set<string>(a.indicators.map((i) => i.code))]));
  return scoreAgainstTruth(ads, fired, config);
}

/** Precision and recall per indicator of the codes `fired` per ad id (`site:siteAdId`) against the fixture truth. */
export function scoreAgainstTruth(ads: readonly FixtureAd[], fired: ReadonlyMap<string, ReadonlySet<string>>, config: RiskConfig): IndicatorFigures[] {
  return Object.entries(fixtureTruths(ads, config)).map(([code, truth]) => {
    let tp = 0, fp = 0, fn = 0;
    for (const ad of ads) {
      const got = fired.get(idOf(ad))?.has(code) ?? false;
      const want = truth(ad);
      if (got && want) tp += 1;
      else if (got) fp += 1;
      else if (want) fn += 1;
    }
    return { code: code as IndicatorCode, truth: tp + fn, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
  });
}

/** The figures as a table under `title`. */
export function formatIndicatorFigures(rows: readonly IndicatorFigures[], title: string): string {
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
  const n = (x: number) => String(x).padStart(6);
  const lines = rows.map((r) => `${r.code.padEnd(18)} ${n(r.truth)} ${n(r.tp)} ${n(r.fp)} ${n(r.fn)}  ${f(r.precision).padEnd(9)} ${f(r.recall)}`);
  return [title, `${'code'.padEnd(18)} ${'truth'.padStart(6)} ${'tp'.padStart(6)} ${'fp'.padStart(6)} ${'fn'.padStart(6)}  precision recall`, ...lines].join('\n');
}
