/**
 * Numbers that are not phone numbers but could join into one: dates, time ranges, prices, KvK
 * numbers, IBANs and cited permit numbers. They are overwritten with `#` (same length, so offsets
 * stay valid) before the phone scanner runs; `#` is not a separator, so it also splits digit runs.
 */

const MASKS: readonly RegExp[] = [
  // KvK (Chamber of Commerce) numbers: 8 digits after the cue.
  /\bkvk(?:[\s.:-]*(?:nr|nummer|no)\.?)?[\s.:#-]*\d{8}\b/gi,
  // IBAN: country, check digits, then 11–30 letters/digits, optionally in groups of four.
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
  // Dates with a four-digit year: 12-05-2024, 1.5.2024, 12/05/2024; or a two-digit year with slashes.
  /(?<![\d./-])\d{1,2}([-./])\d{1,2}\1(?:19|20)\d{2}(?!\d|[-./]\d)/g,
  /(?<![\d./-])\d{1,2}\/\d{1,2}\/\d{2}(?!\d|[-./]\d)/g,
  // Time ranges with dots (colons already split runs): 10.00-23.00, 9.30 tot 17.00.
  /(?<![\d.])(?:[01]?\d|2[0-4])\.[0-5]\d\s*(?:-|–|tot|t\/m|to|till)\s*(?:[01]?\d|2[0-4])\.[0-5]\d(?!\d|[-./]\d)/gi,
  /(?<![\d.])(?:[01]?\d|2[0-4])\.[0-5]\d\s*(?:uur|u|h)\b/gi,
  // Prices: € 150, €150,-, 150,-, 1.500 euro, 80 eur.
  /€\s?\d[\d.,]*(?:,-)?/g,
  /\d[\d.,]*\s?(?:,-|€|euro\b|eur\b)/gi,
];

/** Returns `text` with every non-phone number span (and the given extra spans) replaced by `#`. */
export function maskNonPhoneNumbers(text: string, extra: readonly (readonly [number, number])[] = []): string {
  // Cheap exit: no digit and no extra span means nothing to mask.
  if (extra.length === 0 && !/\d/.test(text)) return text;
  const ranges: [number, number][] = extra.map(([s, e]) => [s, e]);
  for (const re of MASKS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  }
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const [start, end] of ranges) chars.fill('#', start, end);
  return chars.join('');
}
