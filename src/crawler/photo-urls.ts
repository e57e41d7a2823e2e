import type { CheerioAPI, Element } from 'cheerio';
import { parseSelector, resolveUrl, safeSelect } from './field-selector.js';
import type { PhotosConfig } from './site-config.js';

/** The photo URLs of one detail page, and how many were left out because another host serves them. */
export interface PhotoUrls {
  /** Absolute http(s) URLs in page order, each once, at most `maxPerAd`. */
  urls: string[];
  offHost: number;
}

/** The URL part of a `srcset`-style value (`a.jpg 1x, b.jpg 2x` → `a.jpg`); other values as they are. */
function firstCandidate(attribute: string, value: string): string {
  return attribute.toLowerCase().endsWith('srcset') ? (value.split(',')[0] ?? '').trim().split(/\s+/)[0] ?? '' : value;
}

function imageReference(element: Element, attributes: readonly string[]): string | undefined {
  for (const attribute of attributes) {
    const value = element.attribs[attribute]?.trim();
    if (value) return firstCandidate(attribute, value);
  }
  return undefined;
}

/** Whether the page's own host or one of the configured extra hosts serves this photo. */
export function photoHostAllowed(photoUrl: URL, pageUrl: string, photos: Pick<PhotosConfig, 'extraHosts'>): boolean {
  const host = photoUrl.hostname.toLowerCase();
  return host === new URL(pageUrl).hostname.toLowerCase() || photos.extraHosts.some((extra) => extra.toLowerCase() === host);
}

/**
 * The ad's photo URLs on a detail page: for every element the selector finds, the first non-empty
 * attribute of `attributes` (or the selector's own `@attr`), resolved against the page URL. The first
 * `||` alternative that yields any URL wins, as for text fields. Photos on hosts other than the page's
 * own and `extraHosts` are counted, not returned; the rest is capped at `maxPerAd`. Pure: no I/O.
 *
 * @example
 * readPhotoUrls($, 'http://127.0.0.1:8080/vrouwen/eva_42', { selector: '.ad-photos img', attributes: ['data-src', 'src'], maxPerAd: 4, extraHosts: [] })
 * // → { urls: ['http://127.0.0.1:8080/img/p1.png'], offHost: 0 }
 */
export function readPhotoUrls($: CheerioAPI, pageUrl: string, photos: Omit<PhotosConfig, 'maxBytes'>): PhotoUrls {
  for (const part of parseSelector(photos.selector)) {
    const attributes = part.attr ? [part.attr] : photos.attributes;
    const found = new Set<string>();
    let offHost = 0;
    for (const node of safeSelect($, part.css)) {
      if (node.type !== 'tag') continue;
      const reference = imageReference(node as Element, attributes);
      const url = reference === undefined ? undefined : resolveUrl(reference, pageUrl);
      if (!url || found.has(url.href)) continue;
      if (photoHostAllowed(url, pageUrl, photos)) found.add(url.href);
      else offHost += 1;
    }
    if (found.size > 0 || offHost > 0) return { urls: [...found].slice(0, photos.maxPerAd), offHost };
  }
  return { urls: [], offHost: 0 };
}
