import type { AdField, TextSpan } from '../domain/analysis.js';
import { wordTokens, type WordToken } from './fold.js';
import type { Gazetteer, PlaceName } from './gazetteer.js';
import { NOT_PLACES } from './place-words.js';

/** A place name found in one field of an ad. */
export interface PlaceMention {
  place: PlaceName;
  span: TextSpan;
  /**
   * Preceded by a cue phrase: `strong` for `in`, `ontvangst in`, `Plaats:`, `incall`, `regio`;
   * `weak` for `uit`, `bij`, `nabij`, `vlakbij`; else null.
   */
  cue: 'strong' | 'weak' | null;
  /** Matched with one typo. */
  fuzzy: boolean;
}

/**
 * How a field is read. `structured`: the site's own location field, where any word may be a place
 * (no capitals needed, ordinary-word names allowed, one typo tolerated). `free`: title and body text,
 * where a bare mention must be capitalised and must not be an ordinary word.
 */
export type FieldMode = 'structured' | 'free';

/** Gaps allowed inside a multi-word name: `Bergen (NH.)`, `Egmond-Binnen`, `'s-Gravenhage`. */
const NAME_GAP = /^[ \t\u00a0\-'’().]{1,3}$/;
const CUE_BEFORE =
  /(?:^|[^\p{L}])(?:(?:in|te|incall|regio|omgeving|omg\.?|rondom|based\s+in|located\s+in)\s+|(?:plaats|locatie|woonplaats|stad|location|city|town|area|regio|place)\s*[:-]\s*)$/iu;
/** Cues that say less about where the ad is: where someone comes from, what is nearby. */
const WEAK_CUE_BEFORE = /(?:^|[^\p{L}])(?:uit|van|bij|nabij|vlakbij|near|from)\s+$/iu;
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
  if (mode === 'free' && !(UPPER.test(token.text) && cueBefore(text, token.start) === 'strong')) return null;
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
    if (!isCapitalised(tokens, hit.first)) return null;
    if (hit.place.hard && cue !== 'strong') return null;
    if (cue !== 'strong' && SURNAME_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return null;
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

function cueBefore(text: string, start: number): PlaceMention['cue'] {
  const before = text.slice(Math.max(0, start - 24), start);
  if (CUE_BEFORE.test(before)) return 'strong';
  return WEAK_CUE_BEFORE.test(before) ? 'weak' : null;
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
