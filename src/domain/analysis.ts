import type { District } from './districts.js';

/** Which input field a match was found in. */
export type AdField = 'text' | 'title' | 'name' | 'location' | 'age' | 'phone';

/** Where in the ad a match came from: field plus [start, end) character offsets in that field. */
export interface TextSpan {
  field: AdField;
  start: number;
  end: number;
  /** The matched text itself, as it stood in the ad. */
  text: string;
}

export type PhoneType = 'mobile' | 'fixed' | 'voip' | 'other';

export interface PhoneMatch {
  /** E.164, e.g. `+31612345678`. */
  e164: string;
  /** ISO 3166-1 alpha-2 country of the number, e.g. `NL`, `PL`. */
  country: string;
  type: PhoneType;
  /** True when the advertiser disguised the number (words, letters for digits, odd spacing). */
  obfuscated: boolean;
  span: TextSpan;
}

export interface MunicipalityMatch {
  /** CBS code, e.g. `GM0392`. */
  code: string;
  name: string;
  /** 0..1: how sure the match is (structured field and cue phrases score higher than a bare mention). */
  confidence: number;
  /** How it was found. */
  source: 'location' | 'cue' | 'postcode' | 'mention' | 'area_code';
  span: TextSpan | null;
}

/** One price the ad states for a duration, normalised to euros per hour. */
export interface PriceMatch {
  /** The amount in euros, as stated (`€ 80` → 80). */
  amount: number;
  /** The duration it buys, in minutes (`half uur` → 30, `nacht` → 480). */
  minutes: number;
  /** `amount` scaled to 60 minutes, rounded to whole euros. */
  perHour: number;
  span: TextSpan;
}

/**
 * Controlled vocabulary of services an ad offers (see docs/analysis-fields.md). Where clients are
 * received (incall, escort, hotel, …) is not a service: see `WorkSetting`.
 */
export const SERVICE_CODES = [
  'gfe',
  'pse',
  'kissing',
  'oral',
  'oral_unprotected',
  'unprotected',
  'anal',
  'massage',
  'erotic_massage',
  'striptease',
  'domination',
  'roleplay',
  'threesome',
  'couples',
  'lesbian_show',
  'golden_shower',
  'webcam',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

/** Where the advertiser meets clients. */
export const WORK_SETTINGS = ['incall', 'outcall', 'hotel', 'car', 'holiday_park', 'window', 'club'] as const;
export type WorkSetting = (typeof WORK_SETTINGS)[number];

/** Whether the ad claims round-the-clock availability (`24/7`, `dag en nacht`). */
export interface Availability {
  always: boolean;
  /** The words that say so; null when `always` is false. */
  span: TextSpan | null;
}

/**
 * The fields added by the deeper extraction (issue 3, item 3). `analyzeAd` always fills them; an
 * `AdAnalysis` stored before they existed lacks them, so `AdAnalysis` declares them optional.
 */
export interface AdOffer {
  /** Every price tied to a duration, in order of appearance. */
  prices: PriceMatch[];
  /** The typical hourly rate: the first price for 60 minutes, else the median `perHour`; null without prices. */
  pricePerHour: number | null;
  /** Service codes the ad offers (negated ones such as `geen anaal` left out), in vocabulary order. */
  services: ServiceCode[];
  /** The first span that named each service. */
  serviceSpans: Partial<Record<ServiceCode, TextSpan>>;
  /** ISO 639-1 codes of the languages the advertiser says they speak, in order of mention. */
  languages: string[];
  availability: Availability;
  /** Where clients are met, in `WORK_SETTINGS` order. */
  workSettings: WorkSetting[];
  /** The first span that named each work setting. */
  workSettingSpans: Partial<Record<WorkSetting, TextSpan>>;
  /** The advertiser's stated name(s): the structured name field, `ik ben Lisa`, `Lisa (24)`. */
  names: string[];
}

/** The pure analysis of one ad: what `zicht analyze` prints and the `ads` worker stores. */
export interface AdAnalysis extends Partial<AdOffer> {
  phones: PhoneMatch[];
  municipality: MunicipalityMatch | null;
  district: District | null;
  /** Stated age in years, from the structured field or the text. */
  age: number | null;
  /** Permit numbers the ad cites, normalised (upper case, no spaces). */
  permitNumbers: string[];
}

/** What `analyzeAd` returns: an `AdAnalysis` with every field filled. */
export type CompleteAdAnalysis = AdAnalysis & AdOffer;

/** What the analysis reads from an ad: the text fields of a scraped ad or an `analyze` input line. */
export interface AdText {
  text: string;
  title?: string | undefined;
  name?: string | undefined;
  location?: string | undefined;
  age?: string | number | undefined;
  phoneText?: string | undefined;
}
