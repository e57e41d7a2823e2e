import { describe, expect, it } from 'vitest';
import { extractPrices, typicalHourlyRate } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

const prices = (text: string) => extractPrices(buildAd({ text })).map((p) => [p.amount, p.minutes, p.perHour]);

describe('extractPrices', () => {
  it.each([
    ['€ 150 per uur', [[150, 60, 150]]],
    ['150,- p/u', [[150, 60, 150]]],
    ['1 uur 120 euro', [[120, 60, 120]]],
    ['half uur 80', [[80, 30, 160]]],
    ['30 min €70', [[70, 30, 140]]],
    ['kwartier 50', [[50, 15, 200]]],
    ['2 uur 250', [[250, 120, 125]]],
    ['€100/h', [[100, 60, 100]]],
    ['hour 150', [[150, 60, 150]]],
    ['nacht 800', [[800, 480, 100]]],
    ['Hele nacht (10 uur) €1400', [[1400, 600, 140]]],
    ['Diner date (4 uur) €680', [[680, 240, 170]]],
    ['1,5 uur €200', [[200, 90, 133]]],
    ['anderhalf uur 200 euro', [[200, 90, 133]]],
    ['€120 an hour', [[120, 60, 120]]],
    ['Prices 60 for 20 min, 100 for 45 min.', [[60, 20, 180], [100, 45, 133]]],
    ['Solo 1h 150, duo 1h 280.', [[150, 60, 150], [280, 60, 280]]],
    ['30 min €80 1 uur €150', [[80, 30, 160], [150, 60, 150]]],
    ['€80 per half uur, €150 per uur', [[80, 30, 160], [150, 60, 150]]],
    ['Prijzen: € 250 per uur, 150,- half uur.', [[250, 60, 250], [150, 30, 300]]],
    ['€80 30 min, €150 1 uur', [[80, 30, 160], [150, 60, 150]]],
    ['1 uur: 150,-', [[150, 60, 150]]],
    ['1 uur .......... €150', [[150, 60, 150]]],
    ['Tarieven: 15 min 50, 30 min 80, 60 min 130', [[50, 15, 200], [80, 30, 160], [130, 60, 130]]],
    ['vanaf €100 per uur', [[100, 60, 100]]],
    // The `uur` of a clock time never pairs with the next amount.
    ['Dagelijks 14.00 - 22.00 uur. €145 / 30 min, €240 / 60 min.', [[145, 30, 290], [240, 60, 240]]],
    ['Open 14 - 22 uur. €90 / 30 min, €150 / 60 min.', [[90, 30, 180], [150, 60, 150]]],
  ])('%s', (text, expected) => {
    expect(prices(text)).toEqual(expected);
  });

  it.each([
    '€ 1.500',
    '€ 1.500 per week',
    'vanaf €100',
    '€50 extra voor anaal',
    'Reiskosten €0,40 per km',
    'Bel 06-12345678, 19 jaar',
    'Open van 10 tot 22 uur. Minimaal 2 uur 30 min',
    '24/7 bereikbaar, 24 uur per dag',
    'maten 85-60-90, 1.72 m, 55 kg',
    'Bel 1 uur van tevoren: 0612345678',
    'Afspraak om 21 uur 15',
    'Op 12-05 in Haarlem, 2 uur rijden',
    'Ik ben 24 jaar en 1.68 lang',
  ])('finds no price in: %s', (text) => {
    expect(prices(text)).toEqual([]);
  });

  it('gives the span of each price', () => {
    const [p] = extractPrices(buildAd({ text: 'Tarief: 1 uur €150.' }));
    expect(p?.span).toEqual({ field: 'text', start: 8, end: 18, text: '1 uur €150' });
  });
});

describe('typicalHourlyRate', () => {
  const at = (amount: number, minutes: number) => ({ amount, minutes, perHour: Math.round((amount * 60) / minutes), span: { field: 'text' as const, start: 0, end: 0, text: '' } });

  it('takes the first price for 60 minutes', () => {
    expect(typicalHourlyRate([at(80, 30), at(150, 60), at(280, 60)])).toBe(150);
  });

  it('else the (lower) median of the hourly rates', () => {
    expect(typicalHourlyRate([at(80, 30), at(250, 120), at(800, 480)])).toBe(125);
    expect(typicalHourlyRate([at(80, 30), at(250, 120)])).toBe(125);
  });

  it('is null without prices', () => {
    expect(typicalHourlyRate([])).toBeNull();
  });
});
