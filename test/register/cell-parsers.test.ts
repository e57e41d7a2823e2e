import { describe, expect, it } from 'vitest';
import { detectDelimiter, normalizePhone, parseRegisterDate, parseRegisterPhones } from '../../src/register/index.js';

describe('register cells', () => {
  it('reads dates as YYYY-MM-DD, DD-MM-YYYY and D-M-YYYY, and refuses impossible ones', () => {
    expect(parseRegisterDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseRegisterDate('01-03-2023')).toEqual({ ok: true, value: '2023-03-01' });
    expect(parseRegisterDate('1-3-2023')).toEqual({ ok: true, value: '2023-03-01' });
    expect(parseRegisterDate('1/3/2023')).toEqual({ ok: true, value: '2023-03-01' });
    expect(parseRegisterDate('2023-02-29')).toMatchObject({ ok: false });
    expect(parseRegisterDate('03/01/23')).toMatchObject({ ok: false });
  });

  it('normalises Dutch and international notations to E.164', () => {
    for (const text of ['06-12345678', '06 12 34 56 78', '+31 6 12345678', '0031612345678', '+31 (0)6 1234 5678', '612345678', '31612345678']) {
      expect(normalizePhone(text), text).toBe('+31612345678');
    }
    expect(normalizePhone('023-5550142')).toBe('+31235550142');
    expect(normalizePhone('+48 501 234 567')).toBe('+48501234567');
    expect(normalizePhone('06-1234567')).toBeNull();
    expect(normalizePhone('bel 0612345678')).toBeNull();
  });

  it('splits phone lists on ; always and on , or / only when every part is a number', () => {
    expect(parseRegisterPhones('06-12345678; 06-87654321;')).toEqual({ ok: true, value: ['+31612345678', '+31687654321'] });
    expect(parseRegisterPhones('06-12345678, 06-87654321')).toEqual({ ok: true, value: ['+31612345678', '+31687654321'] });
    expect(parseRegisterPhones('06/12345678')).toEqual({ ok: true, value: ['+31612345678'] });
    expect(parseRegisterPhones('06-12345678 / 020-1234567')).toEqual({ ok: true, value: ['+31612345678', '+31201234567'] });
    expect(parseRegisterPhones('06-12345678; 06-12345678')).toEqual({ ok: true, value: ['+31612345678'] });
    expect(parseRegisterPhones('')).toEqual({ ok: true, value: [] });
    expect(parseRegisterPhones('06-12345678, 12')).toMatchObject({ ok: false, reason: '"06-12345678, 12" is not a valid phone number' });
  });

  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('"a;x",b,c\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});
