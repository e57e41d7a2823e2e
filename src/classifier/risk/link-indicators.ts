import type { AdLink, LinkRecord } from './link-ad.js';
import type { IndicatorHit } from './indicator.js';
import type { LinkIndex } from './link-index.js';

const DAY_MS = 86_400_000;

/** The profile an ad stands for: its name, or the ad itself when it shows none. */
function profile(record: LinkRecord): string {
  return record.name ?? `#${record.id}`;
}

function sharesPhone(a: LinkRecord, b: LinkRecord): boolean {
  return a.phones.some((p) => b.phones.includes(p));
}

function uniq<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Links of one kind, in the other ads' id order: evidence must not depend on the order ads were indexed in. */
function byKind(links: readonly AdLink[], kind: AdLink['kind']): AdLink[] {
  return links.filter((l) => l.kind === kind).sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/** Days between two ads' sighting periods (0 when they overlap); null when either time is unknown. */
function gapMs(a: LinkRecord, b: LinkRecord): number | null {
  if (a.time === null || b.time === null) return null;
  const aStart = Math.min(a.firstTime ?? a.time, a.time);
  const bStart = Math.min(b.firstTime ?? b.time, b.time);
  return Math.max(0, Math.max(aStart, bStart) - Math.min(a.time, b.time));
}

/** `phone_shared`: a (non-stock) number in ads with two or more different names or profiles. */
function phoneShared(index: LinkIndex, self: LinkRecord, links: readonly AdLink[]): IndicatorHit | null {
  const others = uniq(byKind(links, 'phone').map((l) => l.to)).map((id) => index.records[index.byId.get(id)!]!);
  const profiles = new Set([profile(self), ...others.map(profile)]);
  if (profiles.size < 2) return null;
  return {
    code: 'phone_shared',
    evidence: {
      spans: [],
      linkedAdIds: others.map((o) => o.id),
      fields: { phones: uniq(byKind(links, 'phone').map((l) => l.key!)), names: uniq([self, ...others].map((r) => r.name ?? '(none)')) },
    },
  };
}

/** `photo_reuse`: the same photo hash under another name or another number. */
function photoReuse(index: LinkIndex, self: LinkRecord, links: readonly AdLink[]): IndicatorHit | null {
  const photoLinks = byKind(links, 'photo').filter((l) => differs(self, index.records[index.byId.get(l.to)!]!));
  if (photoLinks.length === 0) return null;
  return {
    code: 'photo_reuse',
    evidence: { spans: [], linkedAdIds: uniq(photoLinks.map((l) => l.to)), fields: { photoHashes: uniq(photoLinks.map((l) => l.key!)) } },
  };
}

/** Another name, or no number in common. */
function differs(self: LinkRecord, other: LinkRecord): boolean {
  return profile(self) !== profile(other) || !sharesPhone(self, other);
}

/** `text_duplicate`: a near-duplicate text under another number or name. */
function textDuplicate(index: LinkIndex, self: LinkRecord, links: readonly AdLink[]): IndicatorHit | null {
  const textLinks = byKind(links, 'text').filter((l) => differs(self, index.records[index.byId.get(l.to)!]!));
  if (textLinks.length === 0) return null;
  const best = Math.max(...textLinks.map((l) => l.similarity ?? 0));
  return { code: 'text_duplicate', evidence: { spans: [], linkedAdIds: textLinks.map((l) => l.to), fields: { similarity: Math.round(best * 100) / 100 } } };
}

/**
 * `multi_city`: the same phone or photo in two or more municipalities within `days` of this
 * ad's sighting (rotation). An ad seen over a period counts from its first to its last sighting;
 * ads without a sighting time count as seen together.
 */
function multiCity(index: LinkIndex, self: LinkRecord, links: readonly AdLink[], days: number): IndicatorHit | null {
  const window = days * DAY_MS;
  const near = uniq(links.filter((l) => l.kind !== 'text').map((l) => l.to))
    .sort()
    .map((id) => index.records[index.byId.get(id)!]!)
    .filter((o) => o.municipality !== null && (gapMs(self, o) ?? 0) <= window);
  const places = uniq([self.municipality, ...near.map((o) => o.municipality)].filter((m): m is string => m !== null));
  if (places.length < 2) return null;
  const elsewhere = near.filter((o) => o.municipality !== self.municipality).map((o) => o.id);
  return { code: 'multi_city', evidence: { spans: [], linkedAdIds: elsewhere, fields: { municipalities: places.sort(), days } } };
}

/**
 * The cross-ad indicators of one indexed ad, from its current links.
 *
 * @example linkIndicators(index, 'demo-a:100007', 14).map((h) => h.code) // ['phone_shared', 'multi_city']
 */
export function linkIndicators(index: LinkIndex, id: string, multiCityDays: number): IndicatorHit[] {
  const idx = index.byId.get(id);
  if (idx === undefined) return [];
  const self = index.records[idx]!;
  const links = index.linksAt(idx);
  if (links.length === 0) return [];
  const hits = [
    phoneShared(index, self, links),
    multiCity(index, self, links, multiCityDays),
    textDuplicate(index, self, links),
    photoReuse(index, self, links),
  ];
  return hits.filter((h): h is IndicatorHit => h !== null);
}
