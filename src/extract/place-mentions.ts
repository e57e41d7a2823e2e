import type { AdField, TextSpan } from '../domain/analysis.js';
import { wordTokens, type WordToken } from './fold.js';
import type { Gazetteer, PlaceName } from './gazetteer.js';
import { NOT_PLACES } from './place-words.js';

/** A place name found in one field of an ad. */
export interface PlaceMention {
  place: PlaceName;
  span: TextSpan;
  /**
   * Preceded by a cue phrase: `incall` for where clients are received (`ontvangst in`, `ontvang ik
   * in`, `incall`, `Plaats:`); `strong` for `in`, `regio`, `#`, `dorpje`; `weak` for where the
   * advertiser lives or comes from (`uit`, `woon in`, `normaal in`); `landmark` for what is near
   * (`vlakbij`, `15 min van`, `near`); else null.
   */
  cue: PlaceCue;
  /** Matched with one typo. */
  fuzzy: boolean;
}

export type PlaceCue = 'incall' | 'strong' | 'weak' | 'landmark' | null;

/**
 * How a field is read. `structured`: the site's own location field, where any word may be a place
 * (no capitals needed, ordinary-word names allowed, one typo tolerated). `free`: title and body text,
 * where a bare mention must be capitalised and must not be an ordinary word.
 */
export type FieldMode = 'structured' | 'free';

/** Gaps allowed inside a multi-word name: `Bergen (NH.)`, `Egmond-Binnen`, `'s-Gravenhage`. */
const NAME_GAP = /^[ \t\u00a0\-'’().]{1,3}$/;
/** Where clients are received: `ontvangst in`, `ontvang ik (alleen) in`, `incall`, `Plaats:`, `based in`. */
const INCALL_BEFORE =
  /(?:^|[^\p{L}])(?:(?:(?:thuis|priv[eé]{1,2}\s?)?ontvangst|ontvang(?:t|en)?(?:\s+(?:ik|je|jou|u|alleen|ook|nu|graag|tijdelijk|deze\s+week|vanaf\s+nu))*|incall|in[\s-]call|(?:i|we)\s+receive|receiving|based|located|gevestigd|werkzaam)\s+(?:(?:in|te|at)\s+)?|(?:plaats|locatie|woonplaats|location|city|adres|address)\s*[:-]\s*)$/iu;
const CUE_BEFORE =
  /(?:^|[^\p{L}])(?:(?:in|te|regio|omgeving|omg\.?|rondom|dorpj?e?|stadje|plaatsje|village|town)\s+|(?:stad|town|area|regio|place)\s*[:-]\s*|#)$/iu;
/** Cues that say less about where the ad is: where someone comes from. */
const WEAK_CUE_BEFORE = /(?:^|[^\p{L}])(?:uit|van|from)\s+$/iu;
/** What is near, not where: `vlakbij station X`, `15 min van X`, `near X`. */
const LANDMARK_BEFORE =
  /(?:^|[^\p{L}])(?:bij|nabij|vlakbij|vlak\s+bij|dichtbij|dicht\s+bij|near|close\s+to|next\s+to|naast|onder\s+de\s+rook\s+van|\d+\s*(?:min(?:uten|utes|\.)?|km|kilometers?)\s+(?:(?:rijden|lopen|fietsen|met\s+de\s+\p{L}+|by\s+\p{L}+)\s+)?(?:van|from|vanaf|naar|to)?)\s+(?:(?:het\s+)?(?:station|centrum|center|centre)\s+)?(?:van\s+)?$/iu;
/** The clause says where the advertiser lives or usually is, not where clients come. */
const RESIDENCE_IN_CLAUSE = /(?:^|[^\p{L}])(?:woon|woont|wonend|wonen|live|lives|living|normaal|normaliter|meestal|usually|normally|eerder|vroeger|kom\s+uit|kom\s+oorspronkelijk)(?![\p{L}])/iu;
const INCALL_IN_CLAUSE = /(?:^|[^\p{L}])(?:ontvang\p{L}*|incall|receive|receiving|thuisontvangst)(?![\p{L}])/iu;
/** A clause ends at punctuation or a contrast: `Ik woon in A maar ontvang in B`. */
const CLAUSE_BREAK = /[.,;:!?\n()]|\s(?:maar|but|en\s+ook|echter)\s/giu;
const SENTENCE_START = /(?:^|[.!?\n•*|]\s*)$/u;
const UPPER = /^\p{Lu}/u;
/** `Van Dieren`, `Ter Horst`: a capitalised particle makes the name a surname. */
const SURNAME_BEFORE = /(?:^|\s)(?:Van|Ter|Ten|Van de[nr]?)\s+$/u;
/** Lower-case words that often follow a place name: `Huizen e.o.`, `Hoorn centrum`. */
const PLACE_FOLLOWERS: ReadonlySet<string> = new Set(['e', 'eo', 'en', 'omgeving', 'omg', 'centrum', 'area', 'city', 'region']);

/** All place names in `text`, longest name first at each position, left to right. */
export function findPlaceMentions(text: string, field: AdField, mode: FieldMode, gaz: Gazetteer): PlaceMention[] {
  const tokens = wordTokens(text);
  const out: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const found = longestNameAt(tokens, i, text, gaz) ?? fuzzyNameAt(tokens, i, text, mode, gaz);
    if (!found) {
      i++;
      continue;
    }
    const end = endOfNeighbourhood(tokens, found.last, text);
    const mention = accept(found, end, tokens, text, field, mode);
    if (mention) out.push(mention);
    i = mention ? end + 1 : i + 1;
  }
  return out;
}

interface NameHit {
  place: PlaceName;
  first: number;
  last: number;
  fuzzy: boolean;
}

function longestNameAt(tokens: readonly WordToken[], i: number, text: string, gaz: Gazetteer): NameHit | null {
  const firstToken = tokens[i];
  if (!firstToken || !gaz.firstWords.has(firstToken.folded)) return null;
  let key = firstToken.folded;
  let best: NameHit | null = null;
  for (let j = i; j < tokens.length && j < i + gaz.maxNameWords; j++) {
    if (j > i) {
      const prev = tokens[j - 1];
      const cur = tokens[j];
      if (!prev || !cur || !NAME_GAP.test(text.slice(prev.end, cur.start))) break;
      key += ' ' + cur.folded;
    }
    const place = gaz.names.get(key);
    if (place) best = { place, first: i, last: j, fuzzy: false };
  }
  return best;
}

/** One typo, 6+ letters, never an ordinary region word; only where a place is expected. */
function fuzzyNameAt(
  tokens: readonly WordToken[],
  i: number,
  text: string,
  mode: FieldMode,
  gaz: Gazetteer,
): NameHit | null {
  const token = tokens[i];
  if (!token || token.folded.length < 6 || NOT_PLACES.has(token.folded) || /\d/.test(token.folded)) return null;
  if (mode === 'free' && !(UPPER.test(token.text) && isStrong(cueBefore(text, token.start)))) return null;
  const key = gaz.fuzzy.lookup(token.folded);
  const place = key ? gaz.names.get(key) : undefined;
  return place ? { place, first: i, last: i, fuzzy: true } : null;
}

function accept(
  hit: NameHit,
  end: number,
  tokens: readonly WordToken[],
  text: string,
  field: AdField,
  mode: FieldMode,
): PlaceMention | null {
  const first = tokens[hit.first];
  const last = tokens[end];
  if (!first || !last) return null;
  const start = startWithArticle(text, first.start);
  const cue = cueBefore(text, start);
  // In the location field an ordinary-word name must stand alone: `Best`, but not `Heel Noord-Holland`.
  if (mode === 'structured' && hit.place.hard && hasOtherWords(tokens, hit.first, end)) return null;
  if (mode === 'free') {
    if (!isCapitalised(tokens, hit.first) && !(cue && cue !== 'landmark' && knownTown(hit.place))) return null;
    // `Ik woon in Best` is a residence (weak) but still a plain `in` phrase: enough for a hard name.
    if (hit.place.hard && !isStrong(cue) && !(cue === 'weak' && CUE_BEFORE.test(text.slice(Math.max(0, start - 40), start)))) return null;
    if (!isStrong(cue) && SURNAME_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return null;
    if (hit.place.dictionaryWord && !cue && readsAsWord(tokens, end, text, start)) return null;
  }
  const stop = closeBracket(text, start, last.end);
  const span: TextSpan = { field, start, end: stop, text: text.slice(start, stop) };
  return { place: hit.place, span, cue, fuzzy: hit.fuzzy };
}

/**
 * A name that is also a word (`Huizen`, `Houten`, `Putten`) at the start of a sentence and followed
 * by a lower-case word reads as the word: `Houten vloeren`, but `Hoorn!` or `Huizen e.o.` is a place.
 */
function readsAsWord(tokens: readonly WordToken[], end: number, text: string, start: number): boolean {
  if (!SENTENCE_START.test(text.slice(Math.max(0, start - 3), start))) return false;
  const cur = tokens[end];
  const next = tokens[end + 1];
  if (!cur || !next || !/^\s+$/.test(text.slice(cur.end, next.start))) return false;
  return !UPPER.test(next.text) && !/\d/.test(next.text) && !PLACE_FOLLOWERS.has(next.folded);
}

function hasOtherWords(tokens: readonly WordToken[], first: number, last: number): boolean {
  return tokens.some((t, k) => (k < first || k > last) && t.folded.length >= 3 && !/\d/.test(t.folded));
}

/** `Bergen (NH.)`: include the closing bracket that the last word leaves open. */
function closeBracket(text: string, start: number, end: number): number {
  const inside = text.slice(start, end);
  if (!inside.includes('(') || inside.includes(')')) return end;
  const m = /^\.?\)/.exec(text.slice(end, end + 2));
  return m ? end + m[0].length : end;
}

/** `'s-Hertogenbosch`: the apostrophe belongs to the name. */
function startWithArticle(text: string, start: number): number {
  return start > 0 && /['’]/.test(text[start - 1] ?? '') ? start - 1 : start;
}

/**
 * Last words of every cue phrase. Most place-like words follow none of them, so the cue regexes
 * (anchored at the end, hence slow to scan) run only after one of these, `#`, `:` or `-`.
 */
const CUE_END_WORDS: ReadonlySet<string> = new Set(
  `in te at incall call receive receiving based located gevestigd werkzaam ontvangst ontvang ontvangt ontvangen ik je jou u
  alleen ook nu graag tijdelijk week regio omgeving omg rondom dorp dorpje dorpe stadje plaatsje village town uit van from
  bij nabij vlakbij dichtbij near to naast vanaf naar station centrum center centre min minuten minutes km kilometer
  kilometers rijden lopen fietsen`
    .split(/\s+/)
    .filter(Boolean),
);

/** Cheap test whether `text` before `start` may end in a cue phrase. */
function mayFollowCue(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /[\s.'’]/u.test(text[i] ?? '')) i--;
  const c = text[i] ?? '';
  if (c === '#' || c === ':' || c === '-') return true;
  let j = i;
  while (j >= 0 && /\p{L}/u.test(text[j] ?? '')) j--;
  return i > j && CUE_END_WORDS.has(text.slice(j + 1, i + 1).toLowerCase());
}

function cueBefore(text: string, start: number): PlaceCue {
  if (!mayFollowCue(text, start)) return null;
  const before = text.slice(Math.max(0, start - 40), start);
  if (LANDMARK_BEFORE.test(before)) return 'landmark';
  const incall = INCALL_BEFORE.test(before);
  const clause = clauseBefore(text, start);
  if (!incall && RESIDENCE_IN_CLAUSE.test(clause) && !INCALL_IN_CLAUSE.test(clause)) return 'weak';
  if (incall) return 'incall';
  if (CUE_BEFORE.test(before)) return INCALL_IN_CLAUSE.test(clause) ? 'incall' : 'strong';
  return WEAK_CUE_BEFORE.test(before) ? 'weak' : null;
}

/** The text from the start of the clause a place stands in up to the place. */
function clauseBefore(text: string, start: number): string {
  const window = text.slice(Math.max(0, start - 80), start);
  let from = 0;
  for (const m of window.matchAll(CLAUSE_BREAK)) from = m.index + m[0].length;
  return window.slice(from);
}

/** `incall` and `strong` cues name where the ad is. */
export function isStrong(cue: PlaceCue): boolean {
  return cue === 'incall' || cue === 'strong';
}

/** A municipality or a town of several postcode areas: safe to read in lower case after a cue (`uit castricum`). */
function knownTown(place: PlaceName): boolean {
  const first = place.candidates[0];
  return !place.dictionaryWord && !place.hard && first !== undefined && (first.isMunicipality || first.weight >= 2);
}

/** `Haarlem`, `HAARLEM`, `'s-Gravenhage`, `'t Zand`; not `haarlem`. */
function isCapitalised(tokens: readonly WordToken[], i: number): boolean {
  const first = tokens[i];
  if (!first) return false;
  if (UPPER.test(first.text)) return true;
  const next = tokens[i + 1];
  return (first.folded === 's' || first.folded === 't') && next !== undefined && UPPER.test(next.text);
}

/**
 * `Amsterdam-Noord`, `Haarlem-Schalkwijk`: a place followed by a hyphen and a capitalised word is a
 * neighbourhood of that place, so the suffix is not read as a place of its own.
 */
function endOfNeighbourhood(tokens: readonly WordToken[], last: number, text: string): number {
  const cur = tokens[last];
  const next = tokens[last + 1];
  if (!cur || !next) return last;
  return text.slice(cur.end, next.start) === '-' && UPPER.test(next.text) ? last + 1 : last;
}
