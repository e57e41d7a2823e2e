import { describe, expect, it } from 'vitest';
import { extractLanguages, extractNames } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

describe('extractLanguages', () => {
  it.each([
    ['Ik spreek Engels en Duits', ['en', 'de']],
    ['Languages: English, Spanish', ['en', 'es']],
    ['Nederlands, English', ['nl', 'en']],
    ['Ik spreek Nederlands, Engels en een beetje Duits.', ['nl', 'en', 'de']],
    ['i speak little english', ['en']],
    ['Alle dames spreken Nederlands of Engels.', ['nl', 'en']],
    ['Talen: NL / EN / RO', ['nl', 'en', 'ro']],
    ['Engelstalig, Dutch speaking', ['en', 'nl']],
    ['Ik spreek Frans en Italiaans', ['fr', 'it']],
    ['Ik spreek Engels, geen Duits', ['en']],
    ['Sprechen: Deutsch, Polski', ['de', 'pl']],
  ])('%s → %j', (text, expected) => {
    expect(extractLanguages(buildAd({ text }))).toEqual(expected);
  });

  it.each([
    'Polish girl Kasia, new in town',
    'Poolse dame, Roemeense vriendin',
    'Thai and Chinese massage',
    'Standje, Frans en Grieks',
    'Spreek je snel!',
    'Body language says it all',
  ])('finds no spoken language in: %s', (text) => {
    expect(extractLanguages(buildAd({ text }))).toEqual([]);
  });
});

describe('extractNames', () => {
  const isPlace = (w: string) => ['Haarlem', 'Zaandam', 'Hoorn'].includes(w);

  it.each([
    [{ name: 'Lisa' }, ['Lisa']],
    [{ name: 'Eva & Mila' }, ['Eva', 'Mila']],
    [{ name: 'LISA (24)' }, ['Lisa']],
    [{ text: 'Hoi, ik ben Lisa uit Haarlem' }, ['Lisa']],
    [{ text: 'Hello, my name is Chloe.' }, ['Chloe']],
    [{ text: "I'm Joy from the Philippines" }, ['Joy']],
    [{ text: 'Wij zijn Eva (23) en Mila (25), twee vriendinnen' }, ['Eva', 'Mila']],
    [{ text: 'Sexy Mandy, 28, ontvangt' }, ['Mandy']],
    [{ text: 'Zuster Emma (27) staat voor je klaar' }, ['Emma']],
    [{ name: 'Nina', text: 'Kusjes, Nina' }, ['Nina']],
  ])('%j → %j', (ad, expected) => {
    expect(extractNames(buildAd(ad), isPlace)).toEqual(expected);
  });

  it.each([
    { text: 'Ik ben Nieuw hier en ik ben Nederlandse' },
    { text: "I'm British, 24, living in Haarlem" },
    { text: 'Haarlem (2031), ontvangst in Zaandam, 24.' },
    { text: 'Grace from Ghana, 31.' },
    { text: 'GFE (30) en massage' },
  ])('finds no name in %j', (ad) => {
    expect(extractNames(buildAd(ad), isPlace)).toEqual([]);
  });
});
