import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/store/index.js';
import { buildScrapedAd } from '../helpers/build-scraped-ad.js';

describe('contentHash', () => {
  const ad = buildScrapedAd({ siteAdId: 'x' });

  it('ignores when and where the ad was seen, and its photos', () => {
    const later = { ...ad, seenAt: '2030-01-01T00:00:00Z', url: 'http://127.0.0.1/other', photoHashes: ['abc'], siteAdId: 'y' };
    expect(contentHash(later)).toBe(contentHash(ad));
  });

  it('ignores whitespace and Unicode normalisation differences', () => {
    expect(contentHash({ ...ad, text: `  ${ad.text.replace(/ /g, ' \n ')}  ` })).toBe(contentHash(ad));
    expect(contentHash({ ...ad, name: 'Chloe\u0301' })).toBe(contentHash({ ...ad, name: 'Chloé' }));
  });

  it('changes with each text field', () => {
    const base = contentHash(ad);
    for (const field of ['title', 'name', 'location', 'age', 'text', 'phoneText', 'category'] as const) {
      expect(contentHash({ ...ad, [field]: `${ad[field] ?? ''}!` }), field).not.toBe(base);
    }
  });

  it('tells an absent field from an empty one and keeps fields apart', () => {
    expect(contentHash({ ...ad, title: undefined })).not.toBe(contentHash({ ...ad, title: '' }));
    expect(contentHash({ ...ad, title: 'a', name: 'b' })).not.toBe(contentHash({ ...ad, title: 'ab', name: '' }));
    expect(contentHash(ad)).toMatch(/^[0-9a-f]{64}$/);
  });
});
