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
    });
  });

  it('gives an out-of-region ad its municipality and no district', () => {
    const result = analyzeAd(buildAd({ location: 'Utrecht' }), gaz);
    expect(result.municipality?.code).toBe('GM0344');
    expect(result.district).toBeNull();
  });

  it('returns empty results for an ad that says nothing', () => {
    expect(analyzeAd(buildAd(), gaz)).toEqual({ phones: [], municipality: null, district: null, age: null, permitNumbers: [] });
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
