import type { AdAnalysis, AdText, TextSpan } from '../../domain/analysis.js';
import { typicalHourlyPrice } from '../../extract/extract-prices.js';
import type { IndicatorCode, IndicatorHit, LicenceStatus } from './indicator.js';
import { findPhrases, type PhraseRule } from './phrase-match.js';
import {
  ALWAYS_AVAILABLE_RULES, HOTEL_RULES, NATIONALITY_RULES, NEW_IN_TOWN_RULES, THIRD_PARTY_RULES, UNPROTECTED_RULES, YOUTH_RULES,
} from './phrase-rules.js';

/** One ad as the per-ad indicators read it: its text fields and its analysis. */
export interface AdRiskInput extends AdText {
  analysis: AdAnalysis;
  /** From the licence assessment; null or absent when it has not run. */
  licenceStatus?: LicenceStatus | null;
}

function phraseHit(code: IndicatorCode, ad: AdText, rules: readonly PhraseRule[]): IndicatorHit | null {
  const spans = findPhrases(ad, rules);
  return spans.length > 0 ? { code, evidence: { spans } } : null;
}

/** The structured age field as a span, when the ad has one: where a coordinator can see the age. */
function ageSpan(ad: AdText): TextSpan[] {
  if (ad.age === undefined || ad.age === '') return [];
  const text = String(ad.age);
  return [{ field: 'age', start: 0, end: text.length, text }];
}

/** Stated age below 21: the minimum age in many APVs and the proposed Wrs. */
export function under21(ad: AdRiskInput): IndicatorHit | null {
  const age = ad.analysis.age;
  if (age === null || age >= 21) return null;
  return { code: 'under_21', evidence: { spans: ageSpan(ad), fields: { age } } };
}

/** Stated age below 18, or youth wording ("schoolmeisje", "tiener", "barely legal"; not "jong van geest"). */
export function minorSuspected(ad: AdRiskInput): IndicatorHit | null {
  const age = ad.analysis.age;
  const spans = findPhrases(ad, YOUTH_RULES);
  const minorAge = age !== null && age < 18;
  if (!minorAge && spans.length === 0) return null;
  return { code: 'minor_suspected', evidence: { spans: [...(minorAge ? ageSpan(ad) : []), ...spans], fields: { age } } };
}

export const unprotected = (ad: AdText): IndicatorHit | null => phraseHit('unprotected', ad, UNPROTECTED_RULES);
export const alwaysAvailable = (ad: AdText): IndicatorHit | null => phraseHit('always_available', ad, ALWAYS_AVAILABLE_RULES);
export const hotelLocation = (ad: AdText): IndicatorHit | null => phraseHit('hotel_location', ad, HOTEL_RULES);
export const newInTown = (ad: AdText): IndicatorHit | null => phraseHit('new_in_town', ad, NEW_IN_TOWN_RULES);
export const thirdParty = (ad: AdText): IndicatorHit | null => phraseHit('third_party', ad, THIRD_PARTY_RULES);
export const nationality = (ad: AdText): IndicatorHit | null => phraseHit('nationality', ad, NATIONALITY_RULES);

/** A number from outside the Netherlands among the ad's phones. */
export function foreignPhone(ad: AdRiskInput): IndicatorHit | null {
  const foreign = ad.analysis.phones.filter((p) => p.country !== 'NL');
  if (foreign.length === 0) return null;
  return {
    code: 'foreign_phone',
    evidence: { spans: foreign.map((p) => p.span), fields: { phones: foreign.map((p) => p.e164), countries: foreign.map((p) => p.country) } },
  };
}

/** A number the advertiser deliberately disguised ("nul zes …", "O6-I2345678"). */
export function obfuscatedPhone(ad: AdRiskInput): IndicatorHit | null {
  const hidden = ad.analysis.phones.filter((p) => p.obfuscated);
  if (hidden.length === 0) return null;
  return { code: 'obfuscated_phone', evidence: { spans: hidden.map((p) => p.span), fields: { phones: hidden.map((p) => p.e164) } } };
}

/** Licence breaches from the licence assessment: a compliance signal, not evidence of exploitation. */
export function licenceIndicator(status: LicenceStatus | null | undefined): IndicatorHit | null {
  if (status !== 'invalid_permit' && status !== 'unlicensed') return null;
  return { code: status, evidence: { spans: [], fields: { licenceStatus: status } } };
}

/** Regional median of hourly prices, with the number of priced ads it rests on. */
export interface PriceMedian {
  median: number;
  peers: number;
}

/** The ad's hourly rate as the extraction states it (`pricePerHour`), with the words it came from. */
export interface HourlyPrice {
  eurosPerHour: number;
  span: TextSpan | null;
}

/**
 * The extraction's `pricePerHour` and the price it rests on: one rule for the analysis output and
 * `low_price`. Null when the ad states no price (or was analysed before prices were extracted).
 */
export function hourlyPriceOf(analysis: AdAnalysis): HourlyPrice | null {
  const rate = analysis.pricePerHour;
  if (rate === null || rate === undefined) return null;
  return { eurosPerHour: rate, span: typicalHourlyPrice(analysis.prices ?? [])?.span ?? null };
}

/**
 * `low_price`: the hourly rate is below `ratio` × the median of comparable ads in the same region,
 * when at least `minPeers` priced ads make that median. The median is an input (see `priceMedians`),
 * so the function stays pure and batch-independent. The evidence names the median, not the number
 * of peers: that count moves with every priced ad, and a stored assessment must stay exact.
 */
export function lowPrice(price: HourlyPrice | null, median: PriceMedian | undefined, options: { ratio: number; minPeers: number }): IndicatorHit | null {
  if (!price || !median || median.peers < options.minPeers) return null;
  if (price.eurosPerHour >= options.ratio * median.median) return null;
  return {
    code: 'low_price',
    evidence: { spans: price.span ? [price.span] : [], fields: { eurosPerHour: price.eurosPerHour, regionalMedian: median.median } },
  };
}

/** The region prices are compared within: the BTP district, else the municipality, else everything. */
export function priceRegion(analysis: AdAnalysis): string {
  return analysis.district ?? analysis.municipality?.code ?? '*';
}

/** Median hourly price per region over a population of priced ads. */
export function priceMedians(prices: Iterable<{ region: string; eurosPerHour: number }>): Map<string, PriceMedian> {
  const byRegion = new Map<string, number[]>();
  for (const { region, eurosPerHour } of prices) {
    const list = byRegion.get(region) ?? [];
    list.push(eurosPerHour);
    byRegion.set(region, list);
  }
  const out = new Map<string, PriceMedian>();
  for (const [region, list] of byRegion) {
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    out.set(region, { median: list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2, peers: list.length });
  }
  return out;
}

/** Every per-ad indicator except `low_price`, which needs the population (see `lowPrice`). */
export function adIndicators(ad: AdRiskInput): IndicatorHit[] {
  const hits = [
    under21(ad), minorSuspected(ad), unprotected(ad), alwaysAvailable(ad), hotelLocation(ad), foreignPhone(ad), obfuscatedPhone(ad),
    newInTown(ad), thirdParty(ad), nationality(ad), licenceIndicator(ad.licenceStatus),
  ];
  return hits.filter((h): h is IndicatorHit => h !== null);
}
