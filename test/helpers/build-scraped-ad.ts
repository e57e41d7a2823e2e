import { randomUUID } from 'node:crypto';
import type { AdAnalysis, CompleteAdAnalysis, MunicipalityMatch, PhoneMatch } from '../../src/domain/analysis.js';
import type { ScrapedAd } from '../../src/domain/scraped-ad.js';

let sequence = 0;

/**
 * A valid scraped ad with a fresh `siteAdId` (`ad-1`, `ad-2`, …) unless overridden.
 *
 * @example buildScrapedAd({ siteAdId: 'x1', text: 'Nieuw in Zaandam', phoneText: '06-12345678' })
 */
export function buildScrapedAd(overrides: Partial<ScrapedAd> = {}): ScrapedAd {
  sequence += 1;
  const siteAdId = overrides.siteAdId ?? `ad-${sequence}`;
  const site = overrides.site ?? 'demo-a';
  return {
    site,
    siteAdId,
    url: `http://127.0.0.1/${site}/escort/lisa_${siteAdId}`,
    title: 'Lieve Lisa, discreet en verzorgd',
    name: 'Lisa',
    location: 'Haarlem',
    age: '24 jaar',
    category: 'escort',
    text: 'Hoi, ik ben Lisa uit Haarlem. Bel of app me voor een afspraak. Vergunningnummer HLM-2023-001.',
    phoneText: '06-12345678',
    photoHashes: [],
    seenAt: '2025-01-06T02:00:00.000Z',
    ...overrides,
  };
}

/** A phone match for `e164` (default a Dutch mobile), found in the phone field. */
export function buildPhone(overrides: Partial<PhoneMatch> = {}): PhoneMatch {
  const e164 = overrides.e164 ?? '+31612345678';
  return {
    e164,
    country: 'NL',
    type: 'mobile',
    obfuscated: false,
    span: { field: 'phone', start: 0, end: 11, text: '06-12345678' },
    ...overrides,
  };
}

/** Haarlem, from the structured place field. */
export function buildMunicipality(overrides: Partial<MunicipalityMatch> = {}): MunicipalityMatch {
  return {
    code: 'GM0392',
    name: 'Haarlem',
    confidence: 0.95,
    source: 'location',
    span: { field: 'location', start: 0, end: 7, text: 'Haarlem' },
    ...overrides,
  };
}

/**
 * An analysis matching `buildScrapedAd()`'s defaults: one Dutch mobile, Haarlem (Kennemerland),
 * age 24, one permit number, the name Lisa; no prices, services, languages, 24/7 or work settings.
 *
 * @example buildAnalysis({ phones: [buildPhone({ e164: '+48501234567', country: 'PL' })] })
 */
export function buildAnalysis(overrides: Partial<AdAnalysis> = {}): CompleteAdAnalysis {
  return {
    phones: [buildPhone()],
    municipality: buildMunicipality(),
    district: 'Kennemerland',
    age: 24,
    permitNumbers: ['HLM-2023-001'],
    prices: [],
    pricePerHour: null,
    services: [],
    serviceSpans: {},
    languages: [],
    availability: { always: false, span: null },
    workSettings: [],
    workSettingSpans: {},
    names: ['Lisa'],
    ...overrides,
  } as CompleteAdAnalysis;
}

/** A site id of the test's own, so tests sharing a schema never share ads. */
export function uniqueSite(): string {
  return `site-${randomUUID().slice(0, 8)}`;
}
