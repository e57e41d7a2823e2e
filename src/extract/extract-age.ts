import type { AdText } from '../domain/analysis.js';

const MIN_AGE = 16;
const MAX_AGE = 99;

/** A number that is not followed by something making it a time, price, duration or other count. */
const NOT_AN_AGE_AFTER = String.raw`(?![\d/:.,]\d|\s*(?:min|minuten|uur|euro|eur|€|cm|kg|jaar\s+ervaring|years?\s+(?:of\s+)?experience))`;

/** Cue before the number: `Leeftijd: 23`, `age 19`, `ik ben 19`, `I'm 19`. */
const CUED = new RegExp(
  String.raw`(?<!\p{L})(?:leeftijd|age|ik\s+ben|i\s+am|i'?m|ben\s+pas)\s*[:=]?\s*(\d{2})(?!\d)` + NOT_AN_AGE_AFTER,
  'giu',
);

/**
 * Unit after the number: `19 jaar`, `19 jr`, `19 years old`, `19yo`, `19 y.o.`; not durations
 * (`al 20 jaar`, `in 22 jaar`) nor age limits for clients (`heren vanaf 25 jaar`, `boven 30 jaar`).
 */
const WITH_UNIT = new RegExp(
  String.raw`(?<!(?:^|\P{L})(?:in|na|sinds|ruim|over|voor|dan|al|binnen|circa|ongeveer|for|after|vanaf|tot|boven|onder|from|above|over|under|min\.?|minimaal|minimum|max\.?|maximaal)\s+)` +
    String.raw`(?<![\d.,/])(\d{2})\s*(?:jaar(?:\s+oud)?|jr|years?\s+old|years?(?!\s+(?:of\s+)?experience)|yrs|yo|y\.o\.?)(?!\p{L})` +
    String.raw`(?!\s+(?:ervaring|geleden|ago|lang|later|getrouwd|samen|in\s+het\s+vak))`,
  'giu',
);

/** A two-digit number alone in brackets after a word: `Sandra (38)`, `jonge meid (19)`. */
const BRACKETED = /(?<=\p{L}\s?)(?<!(?:uur|min|minuten|kwartier|euro|eur|prijs|nacht|cup|maat)\s?)\((\d{2})\)/giu;

/**
 * The age the ad states: the structured field first (`23`, `23 jaar`, `Leeftijd: 23`), then cues in
 * the title and text (`ik ben 19`, `age 19`), then numbers with a unit (`19 jaar`, `19yo`), then a
 * bracketed number after a word (`Lisa (21)`). Only
 * 16..99 counts as plausible; anything else is ignored.
 */
export function extractAge(ad: AdText): number | null {
  const fromField = ageFromField(ad.age);
  if (fromField !== null) return fromField;
  for (const re of [CUED, WITH_UNIT, BRACKETED]) {
    for (const text of [ad.title, ad.text]) {
      const age = text ? firstPlausible(text, re) : null;
      if (age !== null) return age;
    }
  }
  return null;
}

function ageFromField(value: AdText['age']): number | null {
  if (typeof value === 'number') return plausible(Math.trunc(value));
  if (typeof value !== 'string') return null;
  const m = /(?<!\d)(\d{2})(?!\d)/.exec(value);
  return m?.[1] ? plausible(Number(m[1])) : null;
}

function firstPlausible(text: string, re: RegExp): number | null {
  for (const m of text.matchAll(re)) {
    const age = plausible(Number(m[1]));
    if (age !== null) return age;
  }
  return null;
}

function plausible(age: number): number | null {
  return Number.isFinite(age) && age >= MIN_AGE && age <= MAX_AGE ? age : null;
}
