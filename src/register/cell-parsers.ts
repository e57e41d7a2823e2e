import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Result of reading one cell: the value or why not. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DUTCH = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * A date as `YYYY-MM-DD`, from `YYYY-MM-DD`, `DD-MM-YYYY` or `D-M-YYYY` (also with `/` or `.`,
 * as Dutch spreadsheets export them). Impossible dates (31-02-2024) are refused.
 */
export function parseRegisterDate(text: string): Parsed<string> {
  const iso = ISO.exec(text);
  const dutch = iso ? null : DUTCH.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : null;
  if (!parts) return { ok: false, reason: 'not a date: use YYYY-MM-DD or DD-MM-YYYY' };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: 'no such date' };
  }
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

/** One phone number in any Dutch or international notation → E.164, or null. */
export function normalizePhone(text: string): string | null {
  const trimmed = text.trim();
  // A number cell in Excel loses its `+` or leading 0: `31612345678`, `612345678`.
  const candidate = /^31\d{9}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  if (!/^[+\d(][\d\s().\-/]*$/.test(candidate)) return null;
  const phone = parsePhoneNumberFromString(candidate, 'NL');
  return phone?.isValid() && coversAllDigits(candidate, phone.countryCallingCode, phone.nationalNumber) ? phone.number : null;
}

/**
 * libphonenumber reads the first number of `06-12345678 / 020-1234567` and ignores the rest; a
 * register cell must be one number and nothing more: its digits are a prefix (trunk 0, country
 * code, `00`) plus the national number.
 */
function coversAllDigits(text: string, country: string, national: string): boolean {
  const digits = text.replace(/\D/g, '');
  const prefix = digits.slice(0, digits.length - national.length);
  return digits.endsWith(national) && ['', '0', country, `${country}0`, `00${country}`, `00${country}0`].includes(prefix);
}

/**
 * The `telefoonnummers` cell: numbers separated by `;` (or line breaks); `,` and `/` also separate
 * when every part is then a valid number (a `/` inside `06/12345678` does not). Each number must be
 * valid, else the whole cell is refused. Duplicates are dropped.
 *
 * @example parseRegisterPhones('06-12345678; +31 20 123 4567') // ok: ['+31612345678', '+31201234567']
 */
export function parseRegisterPhones(text: string): Parsed<string[]> {
  const phones: string[] = [];
  for (const part of text.split(/[;\n\r]+/).map((p) => p.trim()).filter((p) => p !== '')) {
    const whole = normalizePhone(part);
    const pieces = whole ? [whole] : splitList(part);
    if (!pieces) return { ok: false, reason: `"${part}" is not a valid phone number` };
    for (const phone of pieces) if (!phones.includes(phone)) phones.push(phone);
  }
  return { ok: true, value: phones };
}

function splitList(part: string): string[] | null {
  const pieces = part.split(/[,/]/).map((p) => p.trim()).filter((p) => p !== '');
  if (pieces.length < 2) return null;
  const phones = pieces.map(normalizePhone);
  return phones.every((p): p is string => p !== null) ? phones : null;
}

/** `1234AB` or `1234 ab` → `1234 AB`. */
export function parsePostcode(text: string): Parsed<string> {
  const match = /^([1-9]\d{3})\s*([a-z]{2})$/i.exec(text);
  return match ? { ok: true, value: `${match[1]} ${match[2]!.toUpperCase()}` } : { ok: false, reason: 'not a Dutch postcode (1234 AB)' };
}
