import { createHash } from 'node:crypto';
import type { ScrapedAd } from '../domain/scraped-ad.js';

/** The scraped text fields that make up an ad's content; `seenAt`, `url` and photos are not content. */
export const CONTENT_FIELDS = ['title', 'name', 'location', 'age', 'text', 'phoneText', 'category'] as const;

export type AdContent = Pick<ScrapedAd, (typeof CONTENT_FIELDS)[number]>;

/**
 * sha256 (hex) over the ad's text fields. Whitespace runs are collapsed and Unicode is
 * NFC-normalised first, so a site re-rendering the same text differently does not make a
 * new version; an absent field hashes differently from an empty one.
 */
export function contentHash(ad: AdContent): string {
  const values = CONTENT_FIELDS.map((field) => normalise(ad[field]));
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

function normalise(value: string | undefined): string | null {
  return value === undefined ? null : value.normalize('NFC').replace(/\s+/g, ' ').trim();
}
