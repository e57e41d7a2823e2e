import type { TextSpan } from '../../domain/analysis.js';

/** Every indicator code, exploitation signals first, then the two compliance codes. */
export const INDICATOR_CODES = [
  'under_21',
  'minor_suspected',
  'unprotected',
  'always_available',
  'hotel_location',
  'foreign_phone',
  'obfuscated_phone',
  'new_in_town',
  'third_party',
  'low_price',
  'nationality',
  'phone_shared',
  'multi_city',
  'text_duplicate',
  'photo_reuse',
  'invalid_permit',
  'unlicensed',
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** Licence status breaches: a compliance matter, scored apart from exploitation signals (DOMAIN.md, "Licences"). */
export const COMPLIANCE_CODES: ReadonlySet<IndicatorCode> = new Set<IndicatorCode>(['invalid_permit', 'unlicensed']);

/** Indicators that come from links between ads rather than from one ad alone. */
export const LINK_CODES: ReadonlySet<IndicatorCode> = new Set<IndicatorCode>(['phone_shared', 'multi_city', 'text_duplicate', 'photo_reuse']);

/** What the licence assessment says about an ad (src/classifier/licence); null when not assessed. */
export type LicenceStatus = 'licensed' | 'invalid_permit' | 'out_of_region' | 'unknown_location' | 'unlicensed';

/** Structured values an indicator was derived from (age, country, price, municipalities, …). */
export type EvidenceValue = string | number | boolean | null | readonly string[];

/**
 * Why an indicator fired: the words in the ad, the structured fields used, and for link
 * indicators the other ads behind the link. A coordinator must be able to check each flag.
 */
export interface IndicatorEvidence {
  spans: TextSpan[];
  fields?: Record<string, EvidenceValue>;
  /** Ids of the other ads that share the phone, photo or text. */
  linkedAdIds?: string[];
}

/** One indicator that fired on an ad. */
export interface IndicatorHit {
  code: IndicatorCode;
  evidence: IndicatorEvidence;
}

/** An indicator with the weight configuration gives it: what `zicht analyze` prints. */
export interface WeightedIndicator extends IndicatorHit {
  weight: number;
}
