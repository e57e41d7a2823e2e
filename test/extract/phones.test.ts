import { describe, expect, it } from 'vitest';
import { extractPhones } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

const phonesIn = (text: string) => extractPhones(buildAd({ text }));
const e164In = (text: string) => phonesIn(text).map((p) => p.e164);

describe('extractPhones: Dutch and foreign formats', () => {
  it.each([
    ['06-12345678', '+31612345678', 'NL', 'mobile'],
    ['06 12 34 56 78', '+31612345678', 'NL', 'mobile'],
    ['+31 6 1234 5678', '+31612345678', 'NL', 'mobile'],
    ['+31 (0)6 12345678', '+31612345678', 'NL', 'mobile'],
    ['+31(0)612345678', '+31612345678', 'NL', 'mobile'],
    ['0031612345678', '+31612345678', 'NL', 'mobile'],
    ['0031 6 12345678', '+31612345678', 'NL', 'mobile'],
    ['(06) 12345678', '+31612345678', 'NL', 'mobile'],
    ['06.12.34.56.78', '+31612345678', 'NL', 'mobile'],
    ['06/12345678', '+31612345678', 'NL', 'mobile'],
    ['06 – 12345678', '+31612345678', 'NL', 'mobile'],
    ['06\u201112345678', '+31612345678', 'NL', 'mobile'],
    ['06 123 456 78', '+31612345678', 'NL', 'mobile'],
    ['+31-6-12345678', '+31612345678', 'NL', 'mobile'],
    ['0031-(0)6-12345678', '+31612345678', 'NL', 'mobile'],
    ['0612345678', '+31612345678', 'NL', 'mobile'],
    ['Tel:0612345678', '+31612345678', 'NL', 'mobile'],
    ['wa.me/31612345678', '+31612345678', 'NL', 'mobile'],
    ['023-5551234', '+31235551234', 'NL', 'fixed'],
    ['072 5123456', '+31725123456', 'NL', 'fixed'],
    ['0229-123456', '+31229123456', 'NL', 'fixed'],
    ['020 - 123 45 67', '+31201234567', 'NL', 'fixed'],
    ['085 123 4567', '+31851234567', 'NL', 'voip'],
    ['+48 512 345 678', '+48512345678', 'PL', 'mobile'],
    ['0048 512 345 678', '+48512345678', 'PL', 'mobile'],
    ['+40 721 234 567', '+40721234567', 'RO', 'mobile'],
    ['+359 88 123 4567', '+359881234567', 'BG', 'mobile'],
    ['+36 20 123 4567', '+36201234567', 'HU', 'mobile'],
    ['+34 612 34 56 78', '+34612345678', 'ES', 'mobile'],
    ['+49 151 12345678', '+4915112345678', 'DE', 'mobile'],
    ['+57 300 1234567', '+573001234567', 'CO', 'mobile'],
  ])('%s → %s', (written, e164, country, type) => {
    const [phone, ...rest] = phonesIn(`Bel me op ${written} voor een afspraak.`);
    expect(rest).toEqual([]);
    expect(phone).toMatchObject({ e164, country, type, obfuscated: false });
    expect(phone?.span.text).toBe(written.replace(/^Tel:|^wa\.me\//, ''));
  });

  it('gives the span of the number in its field', () => {
    const text = 'Lisa, bel 06-12345678!';
    expect(phonesIn(text)[0]?.span).toEqual({ field: 'text', start: 10, end: 21, text: '06-12345678' });
  });
});

describe('extractPhones: obscured numbers', () => {
  it.each([
    ['nul zes een twee drie vier vijf zes zeven acht', '+31612345678'],
    ['Nul Zes - Een Twee - Drie Vier - Vijf Zes - Zeven Acht', '+31612345678'],
    ['zero six one two three four five six seven eight', '+31612345678'],
    ['06 12 drie 4 5 6 7 8', '+31612345678'],
    ['nul zes 1 2 3 4 5 6 7 8', '+31612345678'],
    ['O6-I2345678', '+31612345678'],
    ['O6-l2345678', '+31612345678'],
    ['06-123S5678', '+31612355678'],
    ['06-1234B678', '+31612348678'],
    ['0 6 1 2 3 4 5 6 7 8', '+31612345678'],
    ['06*1234*5678', '+31612345678'],
    ['06_12_34_56_78', '+31612345678'],
    ['06~12345678', '+31612345678'],
    ['06 - 12 .. 34 .. 56 .. 78', '+31612345678'],
    ['06|12|34|56|78', '+31612345678'],
    ['+48 five one two 345 678', '+48512345678'],
    ['zero, six, one, two, three, four, five, six, seven, eight', '+31612345678'],
    ['NUL, ZES, EEN, TWEE, DRIE, VIER, VIJF, ZES, ZEVEN, ACHT', '+31612345678'],
    ['o6-i2345678', '+31612345678'],
    ['nul zes twaalf vierendertig zesenvijftig achtenzeventig', '+31612345678'],
    ['nul zes tweeëntwintig 33 44 55', '+31622334455'],
    ['zero six twelve 34 56 78', '+31612345678'],
    ['06 # 12 # 34 # 56 # 78', '+31612345678'],
    ['06=12=34=56=78', '+31612345678'],
    ['06 ♥ 12 ♥ 34 ♥ 56 ♥ 78', '+31612345678'],
    ['06💋12💋34💋56💋78', '+31612345678'],
    ['06 ... 12 ... 34 ... 56 ... 78', '+31612345678'],
    ['0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣', '+31612345678'],
    ['nul6 12 34 56 78', '+31612345678'],
    ['oh six one two three four five six seven eight', '+31612345678'],
    ['OI-O3I27O95', '+31103127095'],
    ['O6i2345678', '+31612345678'],
    ['06 • 12 • 34 • 56 • 78', '+31612345678'],
    ['06/12/34/56/78', '+31612345678'],
    ['0  6  1  2  3  4  5  6  7  8', '+31612345678'],
  ])('%s → %s (obfuscated)', (written, e164) => {
    expect(phonesIn(`Bel ${written} gerust.`)).toMatchObject([{ e164, obfuscated: true }]);
  });

  it('does not read capital S and B as digits outside a number', () => {
    expect(phonesIn('SB 06 BS')).toEqual([]);
  });
});

describe('extractPhones: no false positives', () => {
  it.each([
    ['price with euro sign', '30 min € 150, 1 uur €250'],
    ['price with ,-', 'Een uur 150,- en de nacht 1.500,-'],
    ['thousands', 'Meer dan 1.500 tevreden klanten en 12.000 views'],
    ['times', 'Open 10:00-23:00, za 12:00 - 02:00'],
    ['dotted time ranges', 'Bereikbaar van 09.00-23.00 uur en 10.00 tot 18.00'],
    ['dates', 'Van 12-05-2024 tot 01-06-2024, ook 1.5.2024 en 12/05/24'],
    ['date then time', 'Op 01-05-2024 10.00-23.00 uur open'],
    ['postcodes', 'Ontvangst 1441 AB Purmerend of 2011AB Haarlem'],
    ['measurements', 'Maten 85-60-90, cup 75B'],
    ['heights and weights', 'Lengte 1.68 m, 1,75m, 55 kg'],
    ['ages', 'Ik ben 23 jaar, 19yo, age 21'],
    ['years', 'Sinds 2019 en in 2023 en 2024 actief'],
    ['KvK number', 'KvK 12345678 en KvK-nummer: 01234567'],
    ['permit numbers', 'Vergunningnummer HLM-2023-0142, vergunning nr. ZST/2022/17, permit AKM.2024.031'],
    ['numeric permit number', 'Registratienummer: 0201234567'],
    ['IBAN', 'Betalen op NL91 ABNA 0417 1643 00 of NL91ABNA0417164300'],
    ['German IBAN', 'IBAN DE89 3704 0044 0532 0130 00'],
    ['bare Polish number without country code', 'Zadzwoń 512 345 678'],
    ['bare 9 digits', 'Code 612345678'],
    ['24/7', 'Bereikbaar 24/7, 7 dagen per week'],
    ['number words in prose', 'Een twee drie vier, hoedje van papier. Ik heb een of twee vriendinnen.'],
    ['counted list', 'Nul, een, twee, drie, vier, vijf, zes, zeven, acht, negen, tien!'],
    ['prices after a comma', 'Tarief 06, 150 per uur, 12345678 views'],
    ['phone too short', 'Bel 06-1234567'],
    ['phone too long', 'Bel 06-123456789'],
  ])('%s', (_label, text) => {
    expect(phonesIn(text)).toEqual([]);
  });

  it('finds the phone next to prices, dates and measurements', () => {
    const text = 'Op 01-05-2024 van 10.00-23.00 uur. 1 uur € 150. Maten 85-60-90. Bel 0612345678.';
    expect(e164In(text)).toEqual(['+31612345678']);
  });
});

describe('extractPhones: several numbers, fields and duplicates', () => {
  it('finds two numbers in one sentence', () => {
    expect(e164In('Bel 06-12345678 of 06-87654321')).toEqual(['+31612345678', '+31687654321']);
  });

  it('scans the phone field first, then title and text, and keeps each number once', () => {
    const ad = buildAd({ phoneText: '0612345678', title: 'Bel 06 12 34 56 78', text: 'Of +31 6 12345678, of 020-1234567' });
    const phones = extractPhones(ad);
    expect(phones.map((p) => p.e164)).toEqual(['+31612345678', '+31201234567']);
    expect(phones[0]?.span.field).toBe('phone');
  });

  it('marks a number obfuscated when any sighting of it was', () => {
    const phones = extractPhones(buildAd({ phoneText: '06-12345678', text: 'nul zes 1 2 3 4 5 6 7 8' }));
    expect(phones).toMatchObject([{ e164: '+31612345678', obfuscated: true, span: { field: 'phone' } }]);
  });
});
