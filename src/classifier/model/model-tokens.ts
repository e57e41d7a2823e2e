import type { TextSpan } from '../../domain/analysis.js';
import { wordTokens } from '../../extract/fold.js';
import { nationality } from '../risk/ad-indicators.js';
import { dutchStemmer } from './natural-bayes.js';

/** What the text model reads of an ad. Only the title and the description: the words an advertiser chose. */
export interface ModelDoc {
  title?: string | null | undefined;
  text: string;
  /** The ad's name: its words are dropped, so the model learns wording rather than who advertised. */
  name?: string | null | undefined;
  /** Spans to leave out, e.g. the phone numbers the extraction found (also those written in words). */
  exclude?: readonly TextSpan[] | undefined;
}

/** One word the model uses, with where it stands (for the evidence marks). */
export interface ModelToken {
  /** Folded (lower case, no diacritics) and stemmed with natural's Dutch Porter stemmer. */
  stem: string;
  field: 'title' | 'text';
  start: number;
  end: number;
  /** The word as written. */
  text: string;
}

/** Words shorter than this carry little meaning (and many are initials or units). */
export const MIN_WORD_LENGTH = 2;
const HAS_DIGIT = /\p{N}/u;

/**
 * The ad's words as the model sees them: folded, stemmed (`meisjes` and `meisje` share `meisj`
 * where the stemmer allows), in text order. Words with a digit go (numbers, prices, phone
 * fragments: the model should learn words, not numbers), as do the ad's own name, the
 * `exclude` spans, and nationality or ethnicity wording (the `nationality` indicator's phrases):
 * that signal is off by default for its bias risk, and a model must not bring it back by learning
 * the same words (DOMAIN.md, "Risk indicators"). Stop words stay: "wij", "ons" and "onze" are exactly the third-party wording
 * a model should be able to pick up, and natural's Dutch stop list would drop them.
 *
 * @example modelTokens({ text: 'Onze meisjes, bel 06-12345678' }).map((t) => t.stem) // ['onz', 'meisjes', 'bel']
 */
export function modelTokens(doc: ModelDoc): ModelToken[] {
  const nameWords = new Set(wordTokens(doc.name ?? '').map((w) => w.folded));
  const origin = nationality({ text: doc.text, title: doc.title ?? undefined })?.evidence.spans ?? [];
  const out: ModelToken[] = [];
  const fields: Array<[ModelToken['field'], string | null | undefined]> = [['title', doc.title], ['text', doc.text]];
  for (const [field, value] of fields) {
    if (!value) continue;
    const excluded = [...(doc.exclude ?? []), ...origin].filter((s) => s.field === field);
    for (const word of wordTokens(value)) {
      if (word.text.length < MIN_WORD_LENGTH || HAS_DIGIT.test(word.text) || nameWords.has(word.folded)) continue;
      if (excluded.some((s) => word.start < s.end && s.start < word.end)) continue;
      out.push({ stem: stemWord(word.folded), field, start: word.start, end: word.end, text: word.text });
    }
  }
  return out;
}

/** Stems of words seen lately: ads repeat the same few thousand words, and stemming is most of a score's cost. */
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

/** A folded word's stem. */
export function stemWord(folded: string): string {
  let stem = STEM_CACHE.get(folded);
  if (stem === undefined) {
    if (STEM_CACHE.size >= STEM_CACHE_MAX) STEM_CACHE.clear();
    stem = dutchStemmer.stem(folded);
    STEM_CACHE.set(folded, stem);
  }
  return stem;
}

/** The distinct stems of a document, in first-seen order: the model's features are presence, not counts. */
export function distinctStems(tokens: readonly ModelToken[]): string[] {
  return [...new Set(tokens.map((t) => t.stem))];
}

/** The model's view of a stored or analysed ad: its title and text, without its name and the phone numbers found in it. */
export function modelDocOf(ad: {
  title?: string | null | undefined;
  text: string;
  name?: string | null | undefined;
  analysis?: { phones: ReadonlyArray<{ span: TextSpan }> } | null | undefined;
}): ModelDoc {
  return { title: ad.title, text: ad.text, name: ad.name, exclude: ad.analysis?.phones.map((p) => p.span) ?? [] };
}
