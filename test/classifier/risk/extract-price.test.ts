import { describe, expect, it } from 'vitest';
import { extractHourlyPrice } from '../../../src/classifier/risk/extract-price.js';

describe('extractHourlyPrice', () => {
  it.each([
    ['Prijzen: € 150 per uur, 90,- half uur.', 150, '€ 150 per uur'],
    ['150,- p/u', 150, '150,- p/u'],
    ['half uur 80', 160, 'half uur 80'],
    ['1 uur 120 euro', 120, '1 uur 120 euro'],
    ['Kwartier 40 euro, half uur 80, uur 150.', 150, 'uur 150'],
    ['€90 / 30 min, €150 / 60 min.', 150, '€150 / 60 min'],
    ['Tarief: 1 uur € 150,-. Escort vanaf € 350 (min. 2 uur).', 150, '1 uur € 150,-'],
    ['30 min €90, 1 hour €150.', 150, '1 hour €150'],
    ['Kwartier 50', 200, 'Kwartier 50'],
  ])('%s → %d €/h', (text, euros, span) => {
    const price = extractHourlyPrice({ text });
    expect(price?.eurosPerHour).toBe(euros);
    expect(price?.span.text.startsWith(span)).toBe(true);
    expect(text.slice(price!.span.start, price!.span.end)).toBe(price!.span.text);
  });

  it.each([
    'Dagelijks 10.00 - 22.00 uur. Bel niet na 22:30',
    'Alleen heren vanaf 25 jaar. Al 5 jaar ervaring.',
    'Bereikbaar ma t/m za van 10:00 tot 23:00.',
    'Lengte 1.68 m, maten 90-60-90, 24 uur bereikbaar',
  ])('finds no price in %s', (text) => {
    expect(extractHourlyPrice({ text })).toBeNull();
  });
});
