import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAd, loadGazetteer, type Gazetteer } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

let gaz: Gazetteer;
beforeAll(() => {
  gaz = loadGazetteer();
});

describe('analyzeAd', () => {
  it('puts phones, place, district, age and permits together', () => {
    const ad = buildAd({
      title: 'Nieuw in Zaandam!',
      text: 'Hoi, ik ben Lisa. Bel nul zes 12 34 56 78 of +48 512 345 678. Vergunning: ZST/2022/17. € 150 per uur.',
      age: '23 jaar',
    });
    expect(analyzeAd(ad, gaz)).toEqual({
      phones: [
        expect.objectContaining({ e164: '+31612345678', country: 'NL', type: 'mobile', obfuscated: true }),
        expect.objectContaining({ e164: '+48512345678', country: 'PL', type: 'mobile', obfuscated: false }),
      ],
      municipality: expect.objectContaining({ code: 'GM0479', name: 'Zaanstad', source: 'cue' }),
      district: 'Zaanstreek-Waterland',
      age: 23,
      permitNumbers: ['ZST/2022/17'],
      prices: [expect.objectContaining({ amount: 150, minutes: 60, perHour: 150 })],
      pricePerHour: 150,
      services: [],
      serviceSpans: {},
      languages: [],
      availability: { always: false, span: null },
      workSettings: [],
      workSettingSpans: {},
      names: ['Lisa'],
    });
  });

  it('adds prices, services, languages, availability, work settings and names', () => {
    const ad = buildAd({
      name: 'Chloe',
      text: 'My name is Chloe, incall Haarlem and hotel visits. GFE, tantra massage, no anal. I speak English and German. Available 24/7. 30 min €80, 1 hour €150.',
    });
    const result = analyzeAd(ad, gaz);
    expect(result.pricePerHour).toBe(150);
    expect(result.prices.map((p) => p.perHour)).toEqual([160, 150]);
    expect(result.services).toEqual(['gfe', 'massage', 'erotic_massage']);
    expect(result.languages).toEqual(['en', 'de']);
    const at = ad.text.indexOf('24/7');
    expect(result.availability).toEqual({ always: true, span: { field: 'text', start: at, end: at + 4, text: '24/7' } });
    expect(result.workSettings).toEqual(['incall', 'outcall', 'hotel']);
    expect(result.workSettingSpans.outcall?.text).toBe('hotel visits');
    expect(result.names).toEqual(['Chloe']);
  });

  it('gives an out-of-region ad its municipality and no district', () => {
    const result = analyzeAd(buildAd({ location: 'Utrecht' }), gaz);
    expect(result.municipality?.code).toBe('GM0344');
    expect(result.district).toBeNull();
  });

  it('returns empty results for an ad that says nothing', () => {
    expect(analyzeAd(buildAd({ text: 'Discreet en schoon.' }), gaz)).toEqual({
      phones: [],
      municipality: null,
      district: null,
      age: null,
      permitNumbers: [],
      prices: [],
      pricePerHour: null,
      services: [],
      serviceSpans: {},
      languages: [],
      availability: { always: false, span: null },
      workSettings: [],
      workSettingSpans: {},
      names: [],
    });
  });

  it('is pure: the same ad gives the same analysis and is not modified', () => {
    const ad = buildAd({ text: 'Ontvangst in Haarlem, 06-12345678', location: 'Haarlem' });
    const copy = structuredClone(ad);
    expect(analyzeAd(ad, gaz)).toEqual(analyzeAd(ad, gaz));
    expect(ad).toEqual(copy);
  });

  it('survives hostile input', () => {
    const text = `${'0'.repeat(5000)} ${'nul '.repeat(2000)} ${'<script>'.repeat(100)} \u0000\uFFFF 🙂`;
    const result = analyzeAd(buildAd({ text, title: '', location: '   ' }), gaz);
    expect(result.phones).toEqual([]);
    expect(result.municipality).toBeNull();
  });
});
