/** A word of a text field with its offsets, as the place matcher sees it. */
export interface WordToken {
  /** The word as written. */
  text: string;
  /** Lower case, diacritics removed: the form names are looked up by. */
  folded: string;
  start: number;
  end: number;
}

const COMBINING_MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cases and strips diacritics, so `Súdwest-Fryslân` and `sudwest-fryslan` compare equal. */
export function foldWord(word: string): string {
  // NFD only when needed: most words are plain ASCII and normalize() is the costly part.
  const lower = word.toLowerCase();
  return /[^ -~]/.test(lower) ? lower.normalize('NFD').replace(COMBINING_MARKS, '') : lower;
}

/**
 * The lookup key of a name: its words folded and joined by single spaces, so that
 * `'s-Hertogenbosch`, `'s Hertogenbosch` and `s-Hertogenbosch` share one key, as do
 * `Bergen (NH.)` and `Bergen NH`.
 */
export function nameKey(name: string): string {
  return wordTokens(name)
    .map((w) => w.folded)
    .join(' ');
}

/** Splits a text into letter/digit words with their offsets. */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    out.push({ text: m[0], folded: foldWord(m[0]), start, end: start + m[0].length });
  }
  return out;
}
