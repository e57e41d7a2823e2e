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

/** The pure analysis of one ad: what `zicht analyze` prints and the `ads` worker stores. */
export interface AdAnalysis {
  phones: PhoneMatch[];
  municipality: MunicipalityMatch | null;
  district: District | null;
  /** Stated age in years, from the structured field or the text. */
  age: number | null;
  /** Permit numbers the ad cites, normalised (upper case, no spaces). */
  permitNumbers: string[];
}

/** What the analysis reads from an ad: the text fields of a scraped ad or an `analyze` input line. */
export interface AdText {
  text: string;
  title?: string | undefined;
  name?: string | undefined;
  location?: string | undefined;
  age?: string | number | undefined;
  phoneText?: string | undefined;
}
