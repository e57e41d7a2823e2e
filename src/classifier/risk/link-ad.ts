/** What the linker needs of one ad. Ids are unique per ad (`site:siteAdId`); adding an id again replaces it. */
export interface LinkAd {
  id: string;
  /** E.164 numbers from the analysis. */
  phones: readonly string[];
  /** Perceptual hashes of the ad's photos (computed by the crawler; images are not stored). */
  photoHashes?: readonly string[] | undefined;
  /** The advertiser name shown; ads without one each count as a profile of their own. */
  name?: string | null | undefined;
  /** CBS code of the ad's municipality. */
  municipality?: string | null | undefined;
  /** When the ad was seen (ISO 8601 or epoch ms); unknown means "now" for the 14-day window. */
  seenAt?: string | number | Date | null | undefined;
  /**
   * When the ad was first seen, if it was seen over a period (the pipeline knows first and last
   * sightings): the ad then stands for `[firstSeenAt, seenAt]`. Absent: the single moment `seenAt`.
   */
  firstSeenAt?: string | number | Date | null | undefined;
  site?: string | null | undefined;
  /** Title and description: what `text_duplicate` compares. */
  text?: string | null | undefined;
}

export type LinkKind = 'phone' | 'photo' | 'text';

/** An edge between two ads. `key` is the shared phone or photo hash; `similarity` the estimated Jaccard of texts. */
export interface AdLink {
  from: string;
  to: string;
  kind: LinkKind;
  key?: string;
  similarity?: number;
}

/** The internal, serialisable record of one indexed ad. */
export interface LinkRecord {
  id: string;
  phones: string[];
  photos: string[];
  /** Folded name, or null. */
  name: string | null;
  municipality: string | null;
  /** Epoch ms of the (last) sighting, or null when unknown. */
  time: number | null;
  /** Epoch ms of the first sighting when the ad was seen over a period; null: only `time`. */
  firstTime?: number | null;
  site: string | null;
  /** Whether the ad has a MinHash signature (enough non-boilerplate shingles). */
  signed: boolean;
}

/** Lower case, no diacritics, single spaces: "Zoë " and "zoe" are one profile name. */
export function foldName(name: string | null | undefined): string | null {
  if (!name) return null;
  const folded = name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return folded === '' ? null : folded;
}

export function timeOf(seenAt: LinkAd['seenAt']): number | null {
  if (seenAt === null || seenAt === undefined) return null;
  const ms = seenAt instanceof Date ? seenAt.getTime() : typeof seenAt === 'number' ? seenAt : Date.parse(seenAt);
  return Number.isFinite(ms) ? ms : null;
}
