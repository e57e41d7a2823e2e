import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import type { AdField, AdText, PhoneMatch, PhoneType } from '../domain/analysis.js';
import { permitNumberSpans } from './extract-permit-numbers.js';
import { maskNonPhoneNumbers } from './phone-masks.js';
import { digitRuns, type DigitRun } from './phone-runs.js';

/** A number has at most this many tokens (`+ 3 1 6 1 2 3 4 5 6 7 8` is 11). */
const MAX_TOKENS = 15;
/** Separators an advertiser uses when not hiding anything (after dropping spaces and brackets). */
const PLAIN_GAPS = new Set(['', '-', '.', '/']);
const SPACES_AND_BRACKETS = /[\s\u00a0\u2009\u202f()]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/** The text fields of an ad in scan order: the phone field first. */
export function adFields(ad: AdText): [AdField, string][] {
  const fields: [AdField, string | undefined][] = [
    ['phone', ad.phoneText],
    ['title', ad.title],
    ['text', ad.text],
    ['name', ad.name],
    ['location', ad.location],
  ];
  return fields.filter((f): f is [AdField, string] => typeof f[1] === 'string' && f[1] !== '');
}

/**
 * Finds the phone numbers in an ad: plain, international and deliberately obscured ones (number
 * words, look-alike letters, spaced or starred digits), validated with libphonenumber-js (default
 * region NL). Each number appears once (the first sighting, phone field first); `obfuscated` is set
 * if any sighting was obscured.
 *
 * @example extractPhones({ text: 'Bel nul zes 12 34 56 78' })[0].e164 // '+31612345678'
 */
export function extractPhones(ad: AdText): PhoneMatch[] {
  const found = new Map<string, PhoneMatch>();
  for (const [field, text] of adFields(ad)) {
    for (const match of phonesInField(field, text)) {
      const seen = found.get(match.e164);
      if (!seen) found.set(match.e164, match);
      else if (match.obfuscated) seen.obfuscated = true;
    }
  }
  return [...found.values()];
}

function phonesInField(field: AdField, text: string): PhoneMatch[] {
  const masked = maskNonPhoneNumbers(text, permitNumberSpans(text));
  const out: PhoneMatch[] = [];
  for (const run of digitRuns(masked)) out.push(...phonesInRun(run, field, text));
  return out;
}

/** Leftmost-longest: from each token, the longest token sequence that is a valid number. */
function phonesInRun(run: DigitRun, field: AdField, text: string): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  const { tokens } = run;
  let i = 0;
  while (i < tokens.length) {
    const hit = longestNumberFrom(run, i);
    if (!hit) {
      i++;
      continue;
    }
    out.push(toMatch(run, i, hit.last, hit.phone, field, text));
    i = hit.last + 1;
  }
  return out;
}

function longestNumberFrom(run: DigitRun, i: number): { last: number; phone: PhoneNumber } | null {
  const { tokens } = run;
  const first = tokens[i]?.digits ?? '';
  const plus = i === 0 && run.plusAt >= 0;
  // Only a `+`, a leading 0 or a bare 31… can start a number: prune everything else cheaply.
  if (!plus && !first.startsWith('0') && !(first.startsWith('31') && first.length === 11)) return null;
  const last = Math.min(tokens.length - 1, i + MAX_TOKENS - 1);
  let digits = '';
  const prefixes: string[] = [];
  for (let j = i; j <= last; j++) {
    digits += tokens[j]?.digits ?? '';
    prefixes.push(digits);
    if (digits.length > 16) break;
  }
  for (let j = prefixes.length - 1; j >= 0; j--) {
    const phone = interpret(prefixes[j] ?? '', plus, j === 0);
    if (phone) return { last: i + j, phone };
  }
  return null;
}

/**
 * Reads a digit string as a phone number, or returns null. Without a `+` or `00` the number must
 * be Dutch and start with its trunk 0: libphonenumber would read a bare Polish `512345678` as a
 * Dutch landline, so a 9-digit number without 0 is never taken as Dutch. `31…` without a plus
 * counts only as one unbroken 11-digit token (as in wa.me links).
 */
function interpret(digits: string, plus: boolean, singleToken: boolean): PhoneNumber | null {
  // No country code or area code starts with 0: `000…` is never a number (and cheap to reject).
  if (digits.startsWith('000') || (plus && digits.startsWith('0'))) return null;
  let candidate: string;
  if (plus) candidate = '+' + digits;
  else if (digits.startsWith('00')) candidate = '+' + digits.slice(2);
  else if (digits.startsWith('0')) candidate = digits;
  else if (singleToken && digits.length === 11 && digits.startsWith('31')) candidate = '+' + digits;
  else return null;
  // Significant digits: Dutch national numbers have 7–11 (0800-1234 to 0900 numbers), E.164 up to 15.
  const significant = candidate.length - 1;
  if (significant < 7 || significant > (candidate.startsWith('0') ? 11 : 15)) return null;
  const phone = parsePhoneNumberFromString(candidate, 'NL');
  return phone?.isValid() && phone.country ? phone : null;
}

function toMatch(run: DigitRun, i: number, j: number, phone: PhoneNumber, field: AdField, text: string): PhoneMatch {
  const first = run.tokens[i];
  const last = run.tokens[j];
  let start = i === 0 && run.plusAt >= 0 ? run.plusAt : (first?.start ?? 0);
  if (text[start - 1] === '(') start--; // `(06) 12345678`
  const end = last?.end ?? start;
  return {
    e164: phone.number,
    country: phone.country ?? '',
    type: phoneType(phone),
    obfuscated: isObfuscated(run, i, j),
    span: { field, start, end, text: text.slice(start, end) },
  };
}

function phoneType(phone: PhoneNumber): PhoneType {
  switch (phone.getType()) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed';
    case 'VOIP':
      return 'voip';
    default:
      return 'other';
  }
}

/**
 * Words or look-alike letters, five or more lone digits, separators nobody uses plainly (`*`, `_`,
 * `..`, `•`), or slashes between every pair (`06/12/34/56/78`; one slash, `06/12345678`, is plain).
 */
function isObfuscated(run: DigitRun, i: number, j: number): boolean {
  const tokens = run.tokens.slice(i, j + 1);
  if (tokens.some((t) => t.kind !== 'digits')) return true;
  if (tokens.filter((t) => t.digits.length === 1).length >= 5) return true;
  const gaps = run.gaps.slice(i, j).map((gap) => gap.replace(SPACES_AND_BRACKETS, '').replace(DASHES, '-'));
  return gaps.some((gap) => !PLAIN_GAPS.has(gap)) || gaps.filter((gap) => gap === '/').length >= 2;
}
