import { describe, expect, it } from 'vitest';
import {
  adIndicators, alwaysAvailable, foreignPhone, hotelLocation, hourlyPriceOf, licenceIndicator, lowPrice, minorSuspected, nationality,
  newInTown, obfuscatedPhone, thirdParty, under21, unprotected, type AdRiskInput,
} from '../../../src/classifier/risk/ad-indicators.js';
import { analyzeAd, loadGazetteer } from '../../../src/extract/index.js';
import { buildAnalysis, buildPhone } from '../../helpers/build-scraped-ad.js';

const gazetteer = loadGazetteer();
/** The hourly price `low_price` reads: the extraction's own `pricePerHour`, with its span. */
const hourlyPrice = (text: string) => hourlyPriceOf(analyzeAd({ text }, gazetteer));

function ad(text: string, overrides: Partial<AdRiskInput> = {}): AdRiskInput {
  return { text, analysis: buildAnalysis(), ...overrides };
}

/** The matched words of a phrase indicator, or null when it did not fire. */
function spans(hit: ReturnType<typeof unprotected>): string[] | null {
  return hit ? hit.evidence.spans.map((s) => s.text) : null;
}

describe('age indicators', () => {
  it('under_21 fires below 21 with the age field as evidence', () => {
    const hit = under21(ad('Hoi', { age: '19 jaar', analysis: buildAnalysis({ age: 19 }) }));
    expect(hit?.evidence.fields).toEqual({ age: 19 });
    expect(hit?.evidence.spans).toEqual([{ field: 'age', start: 0, end: 7, text: '19 jaar' }]);
    expect(under21(ad('Hoi', { analysis: buildAnalysis({ age: 21 }) }))).toBeNull();
    expect(under21(ad('Hoi', { analysis: buildAnalysis({ age: null }) }))).toBeNull();
  });

  it('minor_suspected fires on a stated age below 18 and on youth wording', () => {
    expect(minorSuspected(ad('Hoi', { age: 17, analysis: buildAnalysis({ age: 17 }) }))?.evidence.fields).toEqual({ age: 17 });
    expect(spans(minorSuspected(ad('Lief schoolmeisje, net 18, barely legal')))).toEqual(['schoolmeisje', 'net 18', 'barely legal']);
    expect(spans(minorSuspected(ad('Jonge tiener zoekt')))).toEqual(['Jonge', 'tiener']);
    const hit = minorSuspected(ad('Tekst', { title: 'Young teen' }));
    expect(hit?.evidence.spans[0]).toEqual({ field: 'title', start: 0, end: 5, text: 'Young' });
  });

  it('minor_suspected ignores attitude idioms and compounds', () => {
    for (const text of ['Ik ben jong van geest', 'jong van hart en 35', 'oud en jong welkom', 'Young at heart!', 'Ik zit op de rijschool', 'jong gebleven dame']) {
      expect(minorSuspected(ad(text, { analysis: buildAnalysis({ age: 35 }) })), text).toBeNull();
    }
  });
});

describe('phrase indicators', () => {
  it('unprotected: offers, but not refusals', () => {
    expect(spans(unprotected(ad('Ook pijpen zonder condoom, AV natural')))).toEqual(['pijpen zonder condoom', 'AV natural']);
    expect(spans(unprotected(ad('BAREBACK possible, NO condom')))).toEqual(['BAREBACK', 'NO condom']);
    expect(spans(unprotected(ad('Alles ongedekt')))).toEqual(['ongedekt']);
    expect(unprotected(ad('Nooit zonder condoom! Veilig vrijen.'))).toBeNull();
    expect(unprotected(ad('Geen seks zonder bescherming'))).toBeNull();
    expect(unprotected(ad('Altijd met condoom'))).toBeNull();
  });

  it('always_available: 24/7 and day-and-night, not "24 uur van tevoren"', () => {
    expect(spans(alwaysAvailable(ad('24/7 bereikbaar, dag en nacht')))).toEqual(['24/7', 'dag en nacht']);
    expect(spans(alwaysAvailable(ad('Altijd beschikbaar, 24 uur per dag')))).toEqual(['Altijd beschikbaar', '24 uur']);
    expect(alwaysAvailable(ad('Bel 24 uur van tevoren. Dagelijks 10:00-22:00.'))).toBeNull();
    expect(alwaysAvailable(ad('Altijd in voor een gezellige tijd'))).toBeNull();
  });

  it('hotel_location: hotel, holiday park or car as the place of work, not outcall to the client hotel', () => {
    expect(spans(hotelLocation(ad('Ontvangst in mijn hotelkamer')))).toEqual(['hotelkamer']);
    expect(spans(hotelLocation(ad('Bungalowpark De Kroon, of in de auto')))).toEqual(['Bungalowpark', 'in de auto']);
    expect(hotelLocation(ad('Ik kom bij je thuis of in je hotel in Haarlem.'))).toBeNull();
    expect(hotelLocation(ad('Gratis parkeren voor de deur, auto kan op de oprit'))).toBeNull();
  });

  it('new_in_town, third_party and nationality', () => {
    expect(spans(newInTown(ad('Nieuw in de stad! Alleen deze week, op doorreis')))).toEqual(['Nieuw in de stad', 'Alleen deze week', 'op doorreis']);
    expect(spans(newInTown(ad('Text', { title: 'New in Haarlem: Kasia' })))).toEqual(['New in Haarlem']);
    expect(newInTown(ad('Al 5 jaar in Haarlem, vaste klanten welkom'))).toBeNull();
    expect(spans(thirdParty(ad('Onze meiden zijn lief. Boekingen via WhatsApp, bel de manager')))).toEqual(['Onze meiden', 'Boekingen via', 'bel de manager']);
    expect(spans(thirdParty(ad('Our girls are waiting')))).toEqual(['Our girls']);
    expect(thirdParty(ad('Ik werk zelfstandig, bel mij zelf'))).toBeNull();
    expect(spans(nationality(ad('Sexy Poolse dame')))).toEqual(['Poolse']);
    expect(nationality(ad('Sexy dame uit Haarlem'))).toBeNull();
  });
});

describe('phone indicators', () => {
  it('foreign_phone and obfuscated_phone come from the analysis phones', () => {
    const pl = buildPhone({ e164: '+48501234567', country: 'PL', span: { field: 'text', start: 4, end: 16, text: '+48501234567' } });
    const hidden = buildPhone({ obfuscated: true, span: { field: 'text', start: 20, end: 40, text: 'nul zes een twee ...' } });
    const input = ad('Bel +48501234567 of nul zes een twee ...', { analysis: buildAnalysis({ phones: [pl, hidden] }) });
    expect(foreignPhone(input)?.evidence).toEqual({ spans: [pl.span], fields: { phones: ['+48501234567'], countries: ['PL'] } });
    expect(obfuscatedPhone(input)?.evidence).toEqual({ spans: [hidden.span], fields: { phones: ['+31612345678'] } });
    expect(foreignPhone(ad('Bel 06-12345678'))).toBeNull();
    expect(obfuscatedPhone(ad('Bel 06-12345678'))).toBeNull();
  });
});

describe('licence and price indicators', () => {
  it('invalid_permit and unlicensed come from the licence status; other statuses are no breach', () => {
    expect(licenceIndicator('invalid_permit')?.code).toBe('invalid_permit');
    expect(licenceIndicator('unlicensed')?.evidence.fields).toEqual({ licenceStatus: 'unlicensed' });
    for (const status of ['licensed', 'out_of_region', 'unknown_location', null, undefined] as const) expect(licenceIndicator(status)).toBeNull();
  });

  it.each([
    ['Prijzen: € 150 per uur, 90,- half uur.', 150, '€ 150 per uur'],
    ['150,- p/u', 150, '150,- p/u'],
    ['half uur 80', 160, 'half uur 80'],
    ['1 uur 120 euro', 120, '1 uur 120 euro'],
    ['Kwartier 40 euro, half uur 80, uur 150.', 150, 'uur 150'],
    ['€90 / 30 min, €150 / 60 min.', 150, '€150 / 60 min'],
    ['Dagelijks 14.00 - 22.00 uur. €90 / 30 min, €150 / 60 min.', 150, '€150 / 60 min'],
    ['Tarief: 1 uur € 150,-. Escort vanaf € 350 (min. 2 uur).', 150, '1 uur € 150,-'],
    ['30 min €90, 1 hour €150.', 150, '1 hour €150'],
    ['Kwartier 50', 200, 'Kwartier 50'],
  ])('the hourly price of %s is %d €/h, from the words that say so', (text, euros, words) => {
    const price = hourlyPrice(text);
    expect(price?.eurosPerHour).toBe(euros);
    expect(price?.span?.text.startsWith(words)).toBe(true);
    expect(text.slice(price!.span!.start, price!.span!.end)).toBe(price!.span!.text);
  });

  it.each([
    'Dagelijks 10.00 - 22.00 uur. Bel niet na 22:30',
    'Alleen heren vanaf 25 jaar. Al 5 jaar ervaring.',
    'Bereikbaar ma t/m za van 10:00 tot 23:00.',
    'Lengte 1.68 m, maten 90-60-90, 24 uur bereikbaar',
  ])('finds no hourly price in %s', (text) => {
    expect(hourlyPrice(text)).toBeNull();
  });

  it('low_price compares the hourly rate with the regional median', () => {
    const cheap = hourlyPrice('Half uur 30, uur 50 euro');
    const hit = lowPrice(cheap, { median: 150, peers: 12 }, { ratio: 0.5, minPeers: 5 });
    expect(hit?.evidence).toEqual({ spans: [cheap!.span], fields: { eurosPerHour: 50, regionalMedian: 150 } });
    expect(lowPrice(hourlyPrice('€ 140 per uur'), { median: 150, peers: 12 }, { ratio: 0.5, minPeers: 5 })).toBeNull();
    expect(lowPrice(cheap, { median: 150, peers: 3 }, { ratio: 0.5, minPeers: 5 })).toBeNull();
    expect(lowPrice(null, { median: 150, peers: 12 }, { ratio: 0.5, minPeers: 5 })).toBeNull();
  });

  it('adIndicators collects the per-ad codes', () => {
    const input = ad('24/7 zonder condoom, nieuw in de stad', { analysis: buildAnalysis({ age: 19 }), licenceStatus: 'unlicensed' });
    expect(adIndicators(input).map((h) => h.code)).toEqual(['under_21', 'unprotected', 'always_available', 'new_in_town', 'unlicensed']);
  });
});
