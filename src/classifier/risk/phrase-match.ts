import type { AdField, AdText, TextSpan } from '../../domain/analysis.js';

/** The text fields phrase indicators read, in the order evidence is listed. */
const PHRASE_FIELDS: ReadonlyArray<[AdField, keyof AdText]> = [
  ['title', 'title'],
  ['text', 'text'],
  ['location', 'location'],
];

/** A phrase pattern plus the contexts that cancel it ("nooit zonder condoom", "jong van geest"). */
export interface PhraseRule {
  pattern: RegExp;
  /** Tested on the ~40 characters before the match (lower case); a hit cancels the match. */
  notAfter?: RegExp;
  /** Tested on the ~40 characters after the match (lower case); a hit cancels the match. */
  notBefore?: RegExp;
}

/** Letters and digits on both sides: `\b` is ASCII-only in JavaScript, so Dutch words need this. */
export const L = '(?<![\\p{L}\\p{N}])';
export const R = '(?![\\p{L}\\p{N}])';

/** A case-insensitive, Unicode-aware pattern for whole words or phrases (`sources` are regex sources). */
export function words(...sources: string[]): RegExp {
  return new RegExp(`${L}(?:${sources.join('|')})${R}`, 'giu');
}

/**
 * Every match of the rules in the ad's title, text and location, as evidence spans; matches
 * cancelled by their context are dropped.
 */
export function findPhrases(ad: AdText, rules: readonly PhraseRule[]): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const [field, key] of PHRASE_FIELDS) {
    const value = ad[key];
    if (typeof value !== 'string' || value === '') continue;
    for (const rule of rules) {
      for (const match of value.matchAll(rule.pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (cancelled(value, start, end, rule)) continue;
        spans.push({ field, start, end, text: match[0] });
      }
    }
  }
  return spans.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field) || a.start - b.start);
}

function cancelled(value: string, start: number, end: number, rule: PhraseRule): boolean {
  if (rule.notAfter?.test(value.slice(Math.max(0, start - 40), start).toLowerCase())) return true;
  return rule.notBefore?.test(value.slice(end, end + 40).toLowerCase()) ?? false;
}

function fieldOrder(field: AdField): number {
  return PHRASE_FIELDS.findIndex(([f]) => f === field);
}
