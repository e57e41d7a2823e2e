import { diffWords as wordDiff } from 'diff';
import type { StoredAdVersion } from './ad-queries.js';

/** A run of text that both versions share, or that only the newer (`added`) or older (`removed`) has. */
export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** The text fields of a version a coordinator compares. */
export type VersionText = Pick<StoredAdVersion, 'title' | 'name' | 'location' | 'age' | 'category' | 'text' | 'phoneText'>;

export const VERSION_TEXT_FIELDS = ['title', 'name', 'location', 'age', 'category', 'phoneText', 'text'] as const;

export interface FieldDiff {
  field: (typeof VERSION_TEXT_FIELDS)[number];
  changed: boolean;
  parts: DiffPart[];
}

/**
 * Word-level diff of two texts. Changes of whitespace alone are not changes (a re-flowed ad is the
 * same ad); `same` and `added` parts joined give the newer text.
 *
 * @example diffWords('Nieuw in Haarlem', 'Nieuw in Zaandam')
 * // → [{ text: 'Nieuw in ', change: 'same' }, { text: 'Haarlem', change: 'removed' }, { text: 'Zaandam', change: 'added' }]
 */
export function diffWords(older: string, newer: string): DiffPart[] {
  return wordDiff(older, newer).map((c) => ({
    text: c.value,
    change: c.added ? 'added' : c.removed ? 'removed' : 'same',
  }));
}

/**
 * What changed between two versions of an ad, per text field in reading order (a missing field is
 * empty text). Pure: the ad page renders the parts, escaped, with its own markup.
 */
export function diffVersions(older: VersionText, newer: VersionText): FieldDiff[] {
  return VERSION_TEXT_FIELDS.map((field) => {
    const parts = diffWords(older[field] ?? '', newer[field] ?? '');
    return { field, changed: parts.some((p) => p.change !== 'same'), parts };
  });
}
