import { beforeAll, describe, expect, it } from 'vitest';
import type { AdText } from '../../src/domain/analysis.js';
import { loadGazetteer, resolveMunicipality, type Gazetteer } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

let gaz: Gazetteer;
beforeAll(() => {
  gaz = loadGazetteer();
});

const resolve = (overrides: Partial<AdText>) => resolveMunicipality(buildAd(overrides), gaz);

describe('resolveMunicipality: sources in order of trust', () => {
  it('takes the structured location field over everything in the text', () => {
    const m = resolve({ location: 'Zaandam', text: 'Ontvangst in Haarlem. 1441 AB. Bel 072-5123456' });
    expect(m).toMatchObject({ code: 'GM0479', name: 'Zaanstad', source: 'location', confidence: 0.95 });
    expect(m?.span).toEqual({ field: 'location', start: 0, end: 7, text: 'Zaandam' });
  });

  it.each([
    ['Ontvangst in Hoofddorp', 'Haarlemmermeer'],
    ['Plaats: Purmerend', 'Purmerend'],
    ['Locatie - Heiloo', 'Heiloo'],
    ['incall Alkmaar, outcall heel NH', 'Alkmaar'],
    ['Ik ontvang alleen in Schagen', 'Schagen'],
  ])('reads an incall cue phrase with the most confidence: %s', (text, name) => {
    expect(resolve({ text })).toMatchObject({ name, source: 'cue', confidence: 0.88 });
  });

  it.each([
    ['regio Heerhugowaard en omstreken', 'Dijk en Waard'],
    ['Nieuw in Zaandam!', 'Zaanstad'],
    ['Sexy dame, ook te Enkhuizen', 'Enkhuizen'],
  ])('reads a cue phrase: %s', (text, name) => {
    expect(resolve({ text })).toMatchObject({ name, source: 'cue', confidence: 0.85 });
  });

  it.each([
    ['Ik ben Zoë uit Enkhuizen', 'Enkhuizen'],
    ['Ik woon in Purmerend', 'Purmerend'],
  ])('reads a weak cue phrase with less confidence: %s', (text, name) => {
    expect(resolve({ text })).toMatchObject({ name, source: 'cue', confidence: 0.7 });
  });

  it.each([
    ['Escort vlakbij Castricum', 'Castricum'],
    ['Op 2 minuten van station Hoofddorp', 'Haarlemmermeer'],
  ])('reads a landmark as a mention, below a bare name: %s', (text, name) => {
    expect(resolve({ text })).toMatchObject({ name, source: 'mention', confidence: 0.55 });
  });

  it.each([
    ['Ik woon in Amsterdam maar ontvangst in Zaandam', 'Zaanstad'],
    ['Normaal in Alkmaar, maar deze week ontvang ik in Schagen!', 'Schagen'],
    ['Ik woon in de Vogelbuurt in Amsterdam-Noord, maar ontvang alleen in Landsmeer', 'Landsmeer'],
    ['Ik ontvang in het rustige dorpje Spanbroek, 15 min van Hoorn.', 'Opmeer'],
    ['Noelle, ontvangst in 2031, vlakbij station Spaarnwoude.', 'Haarlem'],
    ['lieve meid uit castricum, bel me', 'Castricum'],
    ['#escort #haarlem #nieuw', 'Haarlem'],
  ])('lets where clients are received beat where she lives or what is near: %s', (text, name) => {
    expect(resolve({ text })?.name).toBe(name);
  });

  it('corrects a vowel-length typo in the location field (Zandaam)', () => {
    expect(resolve({ location: 'Zandaam', text: 'Nikki ontvangt in zandaam.' })?.name).toBe('Zaanstad');
  });

  it('prefers a cue phrase over a bare mention earlier in the text', () => {
    expect(resolve({ text: 'Vroeger Amsterdam, nu ontvangst in Haarlem' })).toMatchObject({ name: 'Haarlem', source: 'cue' });
  });

  it.each([
    ['Adres: 1441 AB', 'Purmerend'],
    ['Postcode 2011AB, vlakbij station', 'Haarlem'],
    ['1811 Alkmaar', 'Alkmaar'],
  ])('reads a postcode: %s', (text, name) => {
    expect(resolve({ text })).toMatchObject({ name, source: 'postcode' });
  });

  it.each([
    ['Schalkwijk, Haarlem', 'Haarlem'],
    ['Haarlem, Schalkwijk', 'Haarlem'],
    ['1441 AB Purmerend', 'Purmerend'],
    ['Haarlem (Noord-Holland)', 'Haarlem'],
    ['Den Helder - Julianadorp', 'Den Helder'],
  ])('reads a location field naming several things: %s', (location, name) => {
    expect(resolve({ location })?.name).toBe(name);
  });

  it('reads a bare 4-digit postcode in the location field', () => {
    expect(resolve({ location: '1441' })).toMatchObject({ name: 'Purmerend', source: 'location' });
  });

  it('does not read a bare 4-digit number in the text as a postcode', () => {
    expect(resolve({ text: 'Sinds 2011 actief, 1441 klanten' })).toBeNull();
  });

  it('falls back to a bare capitalised mention', () => {
    expect(resolve({ text: 'Heerlijke massage. Volendam, discreet.' })).toMatchObject({
      name: 'Edam-Volendam',
      source: 'mention',
      confidence: 0.6,
    });
  });

  it.each([
    ['023-5551234', 'Haarlem'],
    ['072 5123456', 'Alkmaar'],
    ['075-6123456', 'Zaanstad'],
    ['0229-123456', 'Hoorn'],
  ])('falls back to the area code of a landline: %s', (phone, name) => {
    const m = resolve({ text: `Bel ${phone}` });
    expect(m).toMatchObject({ name, source: 'area_code', confidence: 0.5 });
    expect(m?.span?.text).toBe(phone);
  });

  it('ignores the area code of a mobile number', () => {
    expect(resolve({ text: 'Bel 06-12345678' })).toBeNull();
  });

  it('uses phones passed in instead of scanning again', () => {
    expect(resolveMunicipality(buildAd({ text: 'Bel 023-5551234' }), gaz, [])).toBeNull();
  });
});

describe('resolveMunicipality: spellings', () => {
  it.each([
    ['Amsterdam-Noord', 'Amsterdam', 'Amsterdam-Noord'],
    ['Haarlem-Schalkwijk', 'Haarlem', 'Haarlem-Schalkwijk'],
    ['Amsterdam Zuidoost', 'Amsterdam', 'Amsterdam Zuidoost'],
    ['Bergen (NH.)', 'Bergen (NH.)', 'Bergen (NH.)'],
    ['Bergen NH', 'Bergen (NH.)', 'Bergen NH'],
    ['Den Helder', 'Den Helder', 'Den Helder'],
    ["'s-Hertogenbosch", "'s-Hertogenbosch", "'s-Hertogenbosch"],
    ['Súdwest-Fryslân', 'Súdwest-Fryslân', 'Súdwest-Fryslân'],
    ['Sudwest Fryslan', 'Súdwest-Fryslân', 'Sudwest Fryslan'],
    ['ZAANDAM', 'Zaanstad', 'ZAANDAM'],
  ])('ontvangst in %s → %s', (written, name, spanText) => {
    const m = resolve({ text: `Ontvangst in ${written}, bel me` });
    expect(m).toMatchObject({ name, source: 'cue' });
    expect(m?.span?.text).toBe(spanText);
  });

  it('reads "Helder" as Den Helder only where a place is expected', () => {
    expect(resolve({ location: 'Helder' })?.name).toBe('Den Helder');
    expect(resolve({ text: 'Helder en duidelijk: geen seks zonder condoom.' })).toBeNull();
  });

  it.each([
    ['Haarlm', 'Haarlem'],
    ['Amsterdan', 'Amsterdam'],
    ['Purmerent', 'Purmerend'],
    ['Heerhugowaart', 'Dijk en Waard'],
  ])('corrects one typo in the location field: %s → %s', (typo, name) => {
    const m = resolve({ location: typo });
    expect(m?.name).toBe(name);
    expect(m?.confidence).toBeLessThan(0.95);
  });

  it('corrects one typo after a cue phrase, but not in a bare word', () => {
    expect(resolve({ text: 'Ontvangst in Alkmaat' })?.name).toBe('Alkmaar');
    expect(resolve({ text: 'Heerlijke Alkmaat massage' })).toBeNull();
  });

  it('never fuzzy-matches short names', () => {
    expect(resolve({ location: 'Hoom' })).toBeNull();
  });
});

describe('resolveMunicipality: ordinary words that are also place names', () => {
  it.each([
    'Best service in town, echt de beste!',
    'Echt lekker. Best Massage ever.',
    'Ik ben Lies, ik hou van lekker eten.',
    'Well, hello there. Made for pleasure, Born to please.',
    'Wijk: rustig, Stad: druk. Hem en haar.',
    'Ik ben in de winkel. Huizen zijn duur. Houten vloer.',
    'Mijn vriendin Erica en De Vries zijn er ook.',
    'haarlem en zaandam in kleine letters',
    'Heerlijk in Nederland en in Holland, regio Noord-Holland',
    'Mijn vriend Van Dieren komt uit Polen.',
    'Voorzitter Van Dieren en Ter Horst kwamen bij Best en uit Echt.',
    'Lekker en Heel Discreet, Monster Service',
  ])('%s → no place', (text) => {
    expect(resolve({ text })).toBeNull();
  });

  it.each([
    ['Ik woon in Best', 'Best'],
    ['Plaats: Echt', 'Echt-Susteren'],
    ['ontvangst in Hem', 'Drechterland'],
  ])('accepts them after a cue phrase: %s', (text, name) => {
    expect(resolve({ text })?.name).toBe(name);
  });

  it('accepts them in the location field', () => {
    expect(resolve({ location: 'Winkel' })?.name).toBe('Hollands Kroon');
    expect(resolve({ location: 'Best' })?.name).toBe('Best');
  });

  it('accepts them in the location field only when they stand alone', () => {
    expect(resolve({ location: 'Heel Noord-Holland' })).toBeNull();
    expect(resolve({ location: 'Heel Noord-Holland, Alkmaar' })?.name).toBe('Alkmaar');
  });
});

describe('resolveMunicipality: ambiguous names', () => {
  it('lowers the confidence of "Bergen" without context', () => {
    const m = resolve({ location: 'Bergen' });
    expect(m?.confidence).toBeLessThan(0.7);
  });

  it.each([
    ['area code', { location: 'Bergen', text: 'Bel 072-5123456' }, 'GM0373'],
    ['postcode in the region', { location: 'Bergen', text: 'Postcode 1861 AB' }, 'GM0373'],
    ['another place in Noord-Holland', { text: 'Ontvangst in Bergen, 10 min van Alkmaar' }, 'GM0373'],
    ['qualifier (L.)', { location: 'Bergen (L.)' }, 'GM0893'],
    ['Limburg area code', { location: 'Bergen', text: 'Bel 0485-123456' }, 'GM0893'],
    ['another place in Limburg', { text: 'Ontvangst in Bergen, vlakbij Venlo' }, 'GM0893'],
  ])('resolves "Bergen" with context: %s', (_label, ad, code) => {
    const m = resolve(ad);
    expect(m?.code).toBe(code);
    expect(m?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('resolves a name shared with a village to the municipality, slightly less sure', () => {
    const m = resolve({ location: 'Hoorn' });
    expect(m).toMatchObject({ code: 'GM0405', name: 'Hoorn' });
    expect(m?.confidence).toBeLessThan(0.95);
    expect(m?.confidence).toBeGreaterThan(0.8);
  });

  it('resolves Laren to the Gooi with a 035 number, and to Lochem with a 0573 number', () => {
    expect(resolve({ location: 'Laren', text: 'Bel 035-5123456' })?.name).toBe('Laren (NH.)');
    expect(resolve({ location: 'Laren', text: 'Bel 0573-123456' })?.name).toBe('Lochem');
  });
});
