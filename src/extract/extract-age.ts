import type { AdText } from '../domain/analysis.js';
import { AGE_WORD_SOURCE, AGE_WORDS } from './age-words.js';

const MIN_AGE = 16;
const MAX_AGE = 99;

/** A number that is not followed by something making it a time, price, duration or other count. */
const NOT_AN_AGE_AFTER = String.raw`(?![\d/:.,]\d|\s*(?:min|minuten|uur|euro|eur|€|cm|kg|jaar\s+ervaring|years?\s+(?:of\s+)?experience))`;

/** Cue before the number: `Leeftijd: 23`, `age 19`, `ik ben 19`, `I'm 19`. */
const CUED = new RegExp(
  String.raw`(?<!\p{L})(?:leeftijd|age|ik\s+ben|i\s+am|i'?m|ben\s+pas)\s*[:=]?\s*(\d{2})(?!\d)` + NOT_AN_AGE_AFTER,
  'giu',
);

/** A number that ends a range (`tussen 21 en 35 jaar`, `from 21 to 40 years`, `21-35 jaar`): no one's age. */
const NOT_END_OF_RANGE = String.raw`(?<!\d\s*(?:en|tot|t\/m|-|–|to|and|or|of)\s*)`;

/**
 * Unit after the number: `19 jaar`, `19 jr`, `19 years old`, `19yo`, `19 y.o.`; not durations
 * (`al 20 jaar`, `in 22 jaar`) nor age limits for clients (`heren vanaf 25 jaar`, `boven 30 jaar`).
 */
const WITH_UNIT = new RegExp(
  String.raw`(?<!(?:^|\P{L})(?:in|na|sinds|ruim|over|voor|dan|al|binnen|circa|ongeveer|for|after|vanaf|tot|boven|onder|from|above|over|under|min\.?|minimaal|minimum|max\.?|maximaal)\s+(?:de\s+|het\s+|the\s+)?)` +
    NOT_END_OF_RANGE +
    String.raw`(?<![\d.,/])(\d{2})\s*(?:jaar(?:\s+oud)?|jr|years?\s+old|years?(?!\s+(?:of\s+)?experience)|yrs|yo|y\.o\.?)(?!\p{L})` +
    String.raw`(?!\s+(?:ervaring|geleden|ago|lang|later|getrouwd|samen|in\s+het\s+vak))`,
  'giu',
);

/** A range starts here: `21 tot 35`, `21-35`, `21 to 40`. */
const NOT_START_OF_RANGE = String.raw`(?!\s*(?:en|tot|t\/m|-|–|to|and|or|of)\s*\d)`;

/** `vrouw van 41`, `jongen van 23`, `lady of 35`: a person and her age. */
const PERSON_OF = new RegExp(
  String.raw`(?<![\p{L}])(?:vrouw|dame|meid|meisje|jongen|jongeman|man|vent|knul|milf|moeder|mama|lady|woman|girl|guy|boy|student|studente)\s+(?:van|of)\s+(\d{2})(?!\d)` +
    NOT_AN_AGE_AFTER + NOT_START_OF_RANGE,
  'giu',
);

/**
 * A name (and perhaps one more word) opening a sentence, then the age between commas:
 * `Petra, 45, ontvangt`, `Chloe, British, 24, living in`, `Ik ben Ilse, 38, slank`, `Sharon, 32.`
 */
const NAME_COMMA = new RegExp(
  String.raw`(?:^|[.!?\n•|]\s*)(?<lead>[^.!?\n,|•\d]{1,40}),\s*(?:[^.!?\n,|•\d]{1,20},\s*)?(\d{2})` +
    String.raw`(?=\s*(?:[,.;!]|$)|\s+(?:jaar|jr|years?)(?!\p{L})(?!\s+(?:ervaring|geleden|ago|lang|in\s+het\s+vak|(?:of\s+)?experience)))`,
  'gmu',
);
/** The lead of NAME_COMMA must end in a name-like word (`Petra`, `BBW Tara`), unlike a list (`GFE, 69,`, `zoenen, 69,`). */
const ENDS_CAPITALISED = /\p{Lu}\p{Ll}+\s*$/u;
/** `Boy next door, 25,` opening the field: up to three words ending in a lower-case one. */
const SHORT_LOWER_LEAD = /^\s*(?:\p{L}+\s+){0,2}\p{Ll}+\s*$/u;

/** An age written out: `tweeëntwintig jaar`, `twenty-two years old`. */
const IN_WORDS = new RegExp(String.raw`(?<![\p{L}])(${AGE_WORD_SOURCE})\s*(?:jaar|jr|years?)(?!\p{L})`, 'giu');

/** A two-digit number alone in brackets after a word: `Sandra (38)`, `jonge meid (19)`. */
// The unit words must be whole words: `Fleur (29)` ends in `eur` but is a name.
const BRACKETED = /(?<=\p{L}\s?)(?<!(?<!\p{L})(?:uur|min|minuten|kwartier|euro|eur|prijs|nacht|cup|maat)\s?)\((\d{2})\)/giu;

/**
 * The age the ad states: the structured field first (`23`, `23 jaar`, `Leeftijd: 23`), then cues in
 * the title and text (`ik ben 19`, `age 19`), then numbers with a unit (`19 jaar`, `19yo`), a person
 * and her age (`vrouw van 41`), a name and the age between commas (`Petra, 45, ontvangt`), a
 * bracketed number after a word (`Lisa (21)`), and last an age in words (`tweeëntwintig jaar`).
 * Ranges (`tussen 21 en 35 jaar`), client limits (`heren boven de 30 jaar`) and ads for several
 * people with different ages give null. Only 16..99 counts as plausible.
 */
export function extractAge(ad: AdText): number | null {
  const fromField = ageFromField(ad.age);
  if (fromField !== null) return fromField;
  if (severalPeople(ad)) return null;
  for (const re of [CUED, WITH_UNIT, PERSON_OF, NAME_COMMA, BRACKETED]) {
    for (const text of [ad.title, ad.text]) {
      const age = text ? firstPlausible(text, re) : null;
      if (age !== null) return age;
    }
  }
  return ageInWords(ad);
}

/** `Mila (26) en Roxy (24)`: an ad for several people with different ages states no one age. */
function severalPeople(ad: AdText): boolean {
  const ages = new Set<number>();
  for (const text of [ad.title, ad.text]) {
    if (!text) continue;
    for (const re of [BRACKETED, NAME_COMMA]) for (const age of agesIn(text, re)) ages.add(age);
  }
  return ages.size > 1;
}

function ageInWords(ad: AdText): number | null {
  for (const text of [ad.title, ad.text]) {
    const m = text ? IN_WORDS.exec(text) : null;
    IN_WORDS.lastIndex = 0;
    const age = m?.[1] ? AGE_WORDS.get(m[1].toLowerCase().replace(/\s+/g, ' ')) : undefined;
    if (age !== undefined) return age;
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
  for (const age of agesIn(text, re)) return age;
  return null;
}

function* agesIn(text: string, re: RegExp): Generator<number> {
  for (const m of text.matchAll(re)) {
    const lead = m.groups?.lead;
    // A name-comma age needs a capitalised lead word, unless the lead opens the field (`Boy next door, 25,`).
    if (lead !== undefined && !ENDS_CAPITALISED.test(lead) && !(m.index === 0 && SHORT_LOWER_LEAD.test(lead))) continue;
    const age = plausible(Number(m[2] ?? m[1]));
    if (age !== null) yield age;
  }
}

function plausible(age: number): number | null {
  return Number.isFinite(age) && age >= MIN_AGE && age <= MAX_AGE ? age : null;
}
