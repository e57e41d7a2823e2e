import { describe, expect, it } from 'vitest';
import { extractAge, extractPermitNumbers, extractPhones } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

describe('extractAge', () => {
  it.each([
    [23, 23],
    ['23', 23],
    ['23 jaar', 23],
    ['Leeftijd: 23', 23],
    [' 31 ', 31],
  ])('reads the structured field %j', (age, expected) => {
    expect(extractAge(buildAd({ age, text: 'Ik ben 45 jaar' }))).toBe(expected);
  });

  it.each([
    ['Hoi, ik ben Sanne, 19 jaar jong', 19],
    ['Lisa (21 jr) uit Polen', 21],
    ['Sweet girl, age 19, new in town', 19],
    ['Age: 22', 22],
    ['ik ben 19 en nieuw hier', 19],
    ["Hi, I'm 24 and I love to travel", 24],
    ['I am 27, visiting Haarlem', 27],
    ['Beautiful Anna, 19 years old', 19],
    ['Anna 19yo, Polish', 19],
    ['Mia, 20 y.o.', 20],
    ['Leeftijd: 35 jaar', 35],
    ['een slanke Nederlandse dame van 25 jaar', 25],
    ['Lekkere jonge meid (19) bij station Den Helder', 19],
    ['Chloe, British, 24, living in Haarlem.', 24],
    ['Petra, 45, ontvangt in haar woning.', 45],
    ['Ik ben Rosa, een warme vrouw van 41.', 41],
    ['Bi jongen van 23, getraind.', 23],
    ['Boy next door, 25, for men.', 25],
    ['Jip, tweeëntwintig jaar jong, Hoorn.', 22],
    ['Jip, tweeentwintig jaar, Hoorn.', 22],
    ['Hi, twenty-four years old and new here', 24],
  ])('reads the text: %s', (text, expected) => {
    expect(extractAge(buildAd({ text }))).toBe(expected);
  });

  it('prefers the title and text cue over a number with a unit', () => {
    expect(extractAge(buildAd({ title: 'Leeftijd 26', text: 'Al 10 jaar ervaring, 30 jaar jong' }))).toBe(26);
  });

  it.each([
    ['10 jaar ervaring in massage'],
    ['Al 20 jaar ervaring'],
    ['Ik ben 24/7 bereikbaar'],
    ['Ik ben 30 minuten van Haarlem'],
    ['Ik ben 15 jaar'],
    ['age 12'],
    ['Sinds 22 jaar getrouwd'],
    ['Al meer dan 25 jaar in het vak'],
    ['30 min 100 euro, 1 uur 150 euro'],
    ['Geen leeftijd vermeld'],
    ['Alleen heren vanaf 25 jaar'],
    ['Heren boven 30 jaar en onder 70 jaar welkom'],
    ['In 22 jaar niet zo gelachen'],
    ['Half uur (30) of heel uur (60 min)'],
    ['Dames tussen 21 en 35 jaar.'],
    ['Girls from 21 to 40 years, all nationalities.'],
    ['Alle dames zijn tussen de 21 en 38 jaar oud.'],
    ['Alleen heren boven de 30 jaar.'],
    ['Wij zijn Eva (23) en Mila (25), twee vriendinnen.'],
    ['Nok (24), Ploy (27) and Fah (31).'],
    ['Mijn specialiteiten zijn GFE, 69, dinnerdate en zoenen.'],
    ['Ervaren, 20 jaar in het vak.'],
    ['Dames van 21 tot 40 welkom'],
  ])('finds no age in: %s', (text) => {
    expect(extractAge(buildAd({ text }))).toBeNull();
  });

  it('ignores an implausible structured age and falls back to the text', () => {
    expect(extractAge(buildAd({ age: '12', text: 'ik ben 22' }))).toBe(22);
    expect(extractAge(buildAd({ age: 'onbekend' }))).toBeNull();
  });
});

describe('extractPermitNumbers', () => {
  it.each([
    ['Vergunningnummer HLM-2023-0142', ['HLM-2023-0142']],
    ['vergunningsnummer: hlm-2023-0142.', ['HLM-2023-0142']],
    ['Vergunning nr. ZST/2022/17', ['ZST/2022/17']],
    ['vergunning: AKM.2024.031, tot ziens', ['AKM.2024.031']],
    ['Permit AKM.2024.031', ['AKM.2024.031']],
    ['permit no. HLM-2023-0142', ['HLM-2023-0142']],
    ['Registratienummer: 20230142', ['20230142']],
    ['(vergunning nrd/2024/82)', ['NRD/2024/82']],
    ['Vergunning: HLM-2023-0142 en vergunningnummer ZST/2022/17', ['HLM-2023-0142', 'ZST/2022/17']],
    ['Vergunning gemeente Haarlem nr. HLM-2021-0088', ['HLM-2021-0088']],
    ['Vergunningnummer HLM-2023-0142 (vergunningnummer HLM-2023-0142)', ['HLM-2023-0142']],
    ['Privéhuis met vergunning. Vergunningnummer: HLM-2023-0142. Dagelijks open.', ['HLM-2023-0142']],
    ['APV-vergunning: DEW 2023 044. Privé ontvangst.', ['DEW2023044']],
  ])('%s → %j', (text, expected) => {
    expect(extractPermitNumbers(buildAd({ text }))).toEqual(expected);
  });

  it.each([
    'Wij hebben een vergunning van de gemeente',
    'Vergunning aangevraagd in 2023',
    'vergunning 2023',
    'HLM-2023-0142 zonder cue',
    'KvK registratienummer 12345678',
    'vergunning sinds 2019 in orde',
  ])('finds none in: %s', (text) => {
    expect(extractPermitNumbers(buildAd({ text }))).toEqual([]);
  });

  it('reads the title too', () => {
    expect(extractPermitNumbers(buildAd({ title: 'Privéhuis, vergunning HLM-2021-0007' }))).toEqual(['HLM-2021-0007']);
  });

  it('never reads a cited permit number as a phone number', () => {
    const ad = buildAd({ text: 'Vergunningnummer 0201234567, bel 06-12345678' });
    expect(extractPermitNumbers(ad)).toEqual(['0201234567']);
    expect(extractPhones(ad).map((p) => p.e164)).toEqual(['+31612345678']);
  });
});
