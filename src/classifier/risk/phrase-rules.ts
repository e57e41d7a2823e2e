import { words, type PhraseRule } from './phrase-match.js';

/** A negation just before the phrase: "nooit zonder condoom", "no bareback", "geen GFE zonder". */
const NEGATED = /(?:^|[^\p{L}])(?:niet|nooit|geen|no|never|not|don'?t)(?:\s+\S+){0,2}\s*$/u;

/**
 * Youth wording (DOMAIN.md: a core signal). "jong"/"jonge"/"young" only count when not an idiom
 * of attitude ("jong van geest", "jong van hart", "jong gebleven", "oud en jong", "young at heart").
 */
export const YOUTH_RULES: PhraseRule[] = [
  {
    pattern: words(
      'school(?:meisje|meid|girl|uniform)?s?', 'scholiere?', 'middelbare school', 'high ?school', 'tiener(?:tje|s)?', 'teen(?:ager)?s?',
      'barely legal', 'net 18', 'pas 18', 'just 18', 'net achttien', 'lolita', 'minderjarig',
    ),
  },
  {
    pattern: words('jong(?:e|etje)?', 'young'),
    notAfter: /(?:oud|old) (?:en|and|&) $/u,
    notBefore: /^\s*(?:van (?:geest|hart|binnen)|gebleven|at heart|(?:en|and|&) oud|(?:en|and|&) old)/u,
  },
];

export const UNPROTECTED_RULES: PhraseRule[] = [
  {
    pattern: words(
      'zonder (?:condoom|bescherming|rubber)', 'ongedekt', 'onbeschermd', 'without (?:a )?condom', 'no condom', 'condoomloos',
      'bare ?back', 'bbbj', 'bbfs', 'av natural', '(?:gfe|pijpen|blowjob|bj|seks|sex|neuken) zonder(?: (?:condoom|bescherming|rubber))?', 'natural service',
    ),
    notAfter: NEGATED,
  },
];

export const ALWAYS_AVAILABLE_RULES: PhraseRule[] = [
  { pattern: words('24 ?[/x-] ?7', 'dag (?:en|&) nacht', 'day (?:and|&) night', 'altijd beschikbaar', 'always available', 'non-?stop', 'dag en nacht bereikbaar') },
  {
    // "24 uur van tevoren" (a day in advance) is about booking, not availability.
    pattern: words('24 ?(?:uurs?|hours?|h)', 'rond de klok', 'around the clock'),
    notBefore: /^\s*(?:van tevoren|tevoren|vooraf|vooruit|in advance|before|notice|vantevoren)/u,
  },
];

/** Hotel, holiday park or car as the place of work; "je hotel" (outcall to the client's hotel) does not count. */
export const HOTEL_RULES: PhraseRule[] = [
  { pattern: words('hotel(?:kamer|room)?s?'), notAfter: /(?:je|jouw|uw|your|of|naar|to)\s*$/u },
  { pattern: words('vakantiepark', 'bungalowpark', 'bungalow', 'chalet', 'vakantiewoning', 'holiday park', 'airbnb') },
  { pattern: words('in (?:de|mijn|je|jouw|een|my|your|the|a) (?:auto|car)', 'auto ?(?:seks|sex|date)', 'car ?(?:sex|date)', 'parkeerplaats(?:seks)?') },
];

/** Contested (DOMAIN.md): found *less* often in confirmed cases; weighted low. */
export const NEW_IN_TOWN_RULES: PhraseRule[] = [
  {
    pattern: words(
      'nieuw in (?:de stad|de regio|nederland|holland|\\p{L}[\\p{L}-]+)', 'new in (?:town|the city|\\p{L}[\\p{L}-]+)', 'net aangekomen', 'pas aangekomen',
      'just arrived', 'alleen deze week', 'only this week', 'op doorreis', 'on tour', 'op tour', 'alleen vandaag', 'eerste keer in', 'first time in',
      'visiting', 'kort in', 'for a few days',
    ),
  },
];

export const THIRD_PARTY_RULES: PhraseRule[] = [
  {
    pattern: words(
      'onze (?:meiden|meisjes|dames|girls)', 'our (?:girls|ladies|models)', 'boekingen via', 'boeken via', 'booking(?:s)? (?:via|through|agent)',
      'boekingsagent', 'wij hebben', 'we have (?:new )?(?:girls|ladies)', '(?:mijn|onze|my|our|bel de|call the) (?:manager|agent|chauffeur|driver)', 'manager',
    ),
  },
];

/** Nationality and ethnicity words: off by default for bias risk (DOMAIN.md, "Risk indicators"). */
export const NATIONALITY_RULES: PhraseRule[] = [
  {
    pattern: words(
      'poolse?', 'polish', 'roemeense?', 'romanian', 'bulgaarse?', 'bulgarian', 'hongaarse?', 'hungarian', 'oost-europese?', 'eastern european',
      'russische?', 'russian', 'oekra[iï]ense?', 'ukrainian', 'latina', 'colombiaanse?', 'colombian', 'braziliaanse?', 'brazilian', 'spaanse?',
      'spanish', 'dominicaanse?', 'aziatische?', 'asian', 'thaise?', 'thai', 'vietnamese', 'japanse?', 'japanese', 'chinese', 'afrikaanse?',
      'african', 'nigeriaanse?', 'nigerian', 'ebony', 'exotische?', 'exotic', 'hollandse?', 'nederlandse?', 'dutch',
    ),
  },
];
