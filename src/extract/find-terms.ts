import type { AdField, AdText, TextSpan } from '../domain/analysis.js';

/** One entry of a controlled vocabulary: its code, the regex source of its wordings and their stems. */
export interface TermPattern<C extends string> {
  code: C;
  /** Regex source, case-insensitive, without word boundaries (they are added). */
  source: string;
  /**
   * Lower-case substrings one of which every wording contains: an entry whose stems do not occur
   * in an ad is not scanned for (most ads name few entries; one pass finds all stems).
   */
  stems: readonly string[];
  /** Match inside a compound too (`oliemassage`): no word boundary before the wording. */
  inCompounds?: boolean;
}

interface CompiledTerm<C extends string> {
  code: C;
  /** Matches the lower-cased text (faster than a case-insensitive regex). */
  lower: RegExp;
  /** For the rare text whose lower-case form has another length (offsets would shift). */
  anyCase: RegExp;
  stems: readonly string[];
}

/** A compiled vocabulary: one regex per entry, scanned only when one of its stems occurs. */
export interface Vocabulary<C extends string> {
  readonly terms: readonly CompiledTerm<C>[];
  /** All stems in one regex: one pass over the text says which entries to scan for. */
  readonly stems: RegExp;
}

/** What a vocabulary found in an ad. */
export interface TermsFound<C extends string> {
  /** Codes found and not negated, in vocabulary order. */
  codes: C[];
  /** The first span of each code. */
  spans: Partial<Record<C, TextSpan>>;
}

/**
 * Compiles a vocabulary. Earlier entries win where wordings overlap: text an earlier entry matched
 * is not matched again (`zonder condoom` in `pijpen zonder condoom` is oral_unprotected only).
 */
export function compileVocabulary<C extends string>(patterns: readonly TermPattern<C>[]): Vocabulary<C> {
  const allStems = [...new Set(patterns.flatMap((p) => p.stems))].sort((a, b) => b.length - a.length);
  return {
    stems: new RegExp(allStems.map((st) => st.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'),
    terms: patterns.map((p) => {
      const source = (p.inCompounds ? '' : String.raw`(?<![\p{L}\p{N}])`) + String.raw`(?:${p.source})(?![\p{L}\p{N}])`;
      return { code: p.code, stems: p.stems, lower: new RegExp(source, 'gu'), anyCase: new RegExp(source, 'giu') };
    }),
  };
}

/** Finds the vocabulary's terms in the title and text, leaving out negated ones (`geen anaal`). */
export function findTerms<C extends string>(ad: AdText, vocabulary: Vocabulary<C>): TermsFound<C> {
  const spans: Partial<Record<C, TextSpan>> = {};
  for (const [field, text] of [['title', ad.title], ['text', ad.text]] as const) {
    if (!text) continue;
    const lower = text.toLowerCase();
    const sameLength = lower.length === text.length;
    const present = new Set(lower.match(vocabulary.stems));
    if (present.size === 0) continue;
    const claimed: [number, number][] = [];
    for (const term of vocabulary.terms) {
      if (!term.stems.some((stem) => present.has(stem))) continue;
      for (const m of sameLength ? lower.matchAll(term.lower) : text.matchAll(term.anyCase)) {
        const end = m.index + m[0].length;
        if (claimed.some(([a, b]) => m.index < b && end > a)) continue;
        claimed.push([m.index, end]);
        if (!spans[term.code] && !isNegated(text, m.index, end)) spans[term.code] = spanOf(field, m.index, text.slice(m.index, end));
      }
    }
  }
  return { codes: vocabulary.terms.map((t) => t.code).filter((c) => spans[c] !== undefined), spans };
}

export function spanOf(field: AdField, start: number, text: string): TextSpan {
  return { field, start, end: start + text.length, text };
}

const NEGATION = /(?:^|[^\p{L}])(?:geen|niet|nooit|no|not|never|don'?t|do\s+not|zonder|without|behalve|except)(?=[^\p{L}]|$)/iu;
/** `Niet: anaal, SM, zoenen` — a negated list runs to the end of its sentence. */
const NEGATED_LIST = /(?:^|[^\p{L}])(?:geen|niet|nooit|no|not|never|taboo|taboe|no[\s-]?go)\s*[:-]/iu;
const NEGATION_AFTER = /^[\s:]*(?:(?:doe|do)\s+(?:ik|i)\s+)?(?:niet|nee|not|no)(?![\p{L}])/iu;

/**
 * True when the words before a term in its clause negate it (`geen anaal`, `no kissing`,
 * `Niet: anaal, SM`) or the words right after do (`anaal doe ik niet`).
 */
export function isNegated(text: string, start: number, end: number): boolean {
  const sentence = text.slice(Math.max(0, start - 80), start);
  const sentenceStart = Math.max(...['.', '!', '?', '\n', ';'].map((c) => sentence.lastIndexOf(c))) + 1;
  const inSentence = sentence.slice(sentenceStart);
  if (NEGATED_LIST.test(inSentence)) return true;
  const clause = inSentence.slice(Math.max(...[',', '/', '&', ':'].map((c) => inSentence.lastIndexOf(c))) + 1);
  return NEGATION.test(clause.slice(-30)) || NEGATION_AFTER.test(text.slice(end, end + 16));
}
