import { randomUUID } from 'node:crypto';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';
import { buildScrapedAd } from '../helpers/build-scraped-ad.js';

/** A text of its own: random words, so that ads never link by text unless a test wants them to. */
export function ownText(words = 14): string {
  return Array.from({ length: words }, () => randomUUID().slice(0, 8).replace(/\d/g, (d) => 'qwrtypsdfg'[Number(d)]!)).join(' ');
}

let phoneSeq = 0;
/** A Dutch mobile number of the test's own, as the site shows it and as E.164. */
export function newPhone(): { shown: string; e164: string } {
  const digits = `1${String(Date.now() % 1_000).padStart(3, '0')}${String((phoneSeq += 1) % 10_000).padStart(4, '0')}`;
  return { shown: `06-${digits}`, e164: `+316${digits}` };
}

/** A scraped ad of `site` with a fresh id and its own title, text and number, unless overridden. */
export function riskAd(site: string, overrides: Partial<ScrapedAd> = {}): ScrapedAd {
  return buildScrapedAd({ site, siteAdId: randomUUID().slice(0, 8), text: ownText(), title: ownText(4), phoneText: newPhone().shown, ...overrides });
}
