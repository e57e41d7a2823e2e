import { load, type CheerioAPI } from 'cheerio';
import type { ScrapedAd } from '../domain/scraped-ad.js';
import { readField, readValues } from './field-selector.js';
import type { SiteConfig } from './site-config.js';

/**
 * The site's own ad id of a detail URL: the first capture group of `detail.urlPattern` applied to the
 * URL's pathname (the whole match when the pattern has no group), or undefined when it does not match.
 */
export function siteAdIdOf(url: string, site: SiteConfig): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const match = new RegExp(site.detail.urlPattern).exec(new URL(url).pathname);
  if (!match) return undefined;
  const id = match[1] ?? match[0];
  return id === '' ? undefined : id;
}

/**
 * Reads one ad from a parsed detail page. Returns null when the page is not a detail page of this site
 * (URL does not match `detail.urlPattern`) or has no description text; the caller treats that as an
 * error for the URL. Pure: no I/O.
 */
export function readDetailFrom($: CheerioAPI, url: string, site: SiteConfig, seenAt: Date): ScrapedAd | null {
  const siteAdId = siteAdIdOf(url, site);
  const { fields } = site.detail;
  const texts = readValues($, fields.text);
  if (siteAdId === undefined || texts.length === 0) return null;
  const ad: ScrapedAd = { site: site.id, siteAdId, url, text: texts.join(' '), photoHashes: [], seenAt: seenAt.toISOString() };
  const optional = {
    title: readField($, fields.title),
    name: readField($, fields.name),
    location: readField($, fields.location),
    age: readField($, fields.age),
    category: readField($, fields.category),
    phoneText: readField($, fields.phone),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(ad, { [key]: value });
  }
  return ad;
}

/**
 * Reads one ad from a detail page's HTML (server HTML for cheerio sites, the rendered DOM for browser
 * sites): selectors from the site config, `selector@attr`, `a || b` fallbacks and `:contains('x')`.
 * Whitespace in every field is normalised. `photoHashes` is empty here: the crawler downloads and
 * hashes the photos afterwards (`PhotoHasher`), because that takes requests; images are never stored.
 *
 * @example
 * const ad = readDetail(html, 'http://127.0.0.1:8080/vrouwen/eva_42', site, new Date());
 * // → { site: 'demo-a', siteAdId: '42', text: '…', phoneText: '06-12345678', … } or null
 */
export function readDetail(html: string, url: string, site: SiteConfig, seenAt: Date): ScrapedAd | null {
  return readDetailFrom(load(html), url, site, seenAt);
}
