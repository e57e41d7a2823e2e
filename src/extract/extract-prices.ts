import type { AdField, AdText, PriceMatch } from '../domain/analysis.js';

/** A night without stated hours counts as 8 hours (documented in docs/analysis-fields.md). */
export const NIGHT_MINUTES = 8 * 60;
const MIN_AMOUNT = 10;
const MIN_PER_HOUR = 20;
const MAX_PER_HOUR = 2500;
const MAX_MINUTES = 24 * 60;

const COUNT = String.raw`(?:\d{1,2}(?:[.,]5)?|een|één|one|an?|twee|two|drie|three|vier|four|hele|heel|whole|full)`;
/** A duration: `1 uur`, `half uur`, `30 min`, `kwartier`, `2h`, `hour`, `(hele) nacht`. */
const DURATION = String.raw`(?:anderhalf\s?uur|half\s?(?:an\s+)?(?:uur|uurtje|hour)|halfuur|(?:${COUNT}\s*)?(?:kwartier|quarter)` +
  String.raw`|(?:${COUNT}\s+)?(?:nachten|nacht|nights?|overnight)|(?:${COUNT}\s*)?(?:uur|uurtje|hours?|hrs?|stunden?)|\d{1,2}(?:[.,]5)?\s?[uh]` +
  String.raw`|\d{1,3}\s*(?:min|mins|minuten|minutes|minuut)\.?)(?![\p{L}])`;
/** A duration right after a rate word: also a bare `u`/`h` (`p/u`, `€100/h`). */
const RATE_DURATION = String.raw`(?:${DURATION}|[uh](?![\p{L}]))`;
/** An amount of 2–4 digits or with a thousands dot; not a phone, time, date, age or measure. */
const NUMBER = String.raw`([1-9]\d{0,2}\.\d{3}|[1-9]\d{1,3})(?![\d:]|[.,]\d{1,2}(?!\d)|[-/]\d|\s\d{3})`;
const SUFFIX = String.raw`(?:,-|,00|\.-|,=)`;
const NOT_A_MEASURE = String.raw`(?!\s*(?:min|mins|minuten|minutes|uur|u|h|hours?|jaar|jr|years?|cm|kg|km|m|%|x|ste|e|de|th|st)(?![\p{L}]))`;
const EURO = String.raw`(?:€|eur(?:o|os)?\.?)`;
/** `€ 150`, `150 euro`, `150,-`, or a bare `150` (only where a duration pins it down). */
const AMOUNT = String.raw`(?:${EURO}\s*${NUMBER}${SUFFIX}?|${NUMBER}${SUFFIX}?${NOT_A_MEASURE}(?:\s*${EURO})?)`;
/** An amount that says it is money: `€ 150`, `150 euro`, `150,-`. */
const MARKED_AMOUNT = String.raw`(?:${EURO}\s*${NUMBER}${SUFFIX}?|${NUMBER}(?:${SUFFIX}(?:\s*${EURO})?|\s*${EURO}))`;
/** What may stand between a duration and its amount: `1 uur: €150`, `30 min. = 70`, `1 uur ..... 150`. */
const GAP = String.raw`[ \t:=\-–—|*.…)]{0,12}(?:(?:voor|for|kost|costs?)\s+)?`;
/**
 * A time of day or a span before the duration (`tot 23 uur`) is not a price's duration; nor is a
 * unit word right after a clock time (`14.00 - 22.00 uur. €145 / 30 min`, `14 - 22 uur. €145`:
 * that `uur` must not pair with the next amount).
 */
const TIME_WORD = String.raw`(?:tot|van|om|vanaf|till|until|from|at|na|after|binnen|within|in|t\/m|-)\s*`;
const NOT_A_TIME = String.raw`(?<!${TIME_WORD})(?<!(?:${TIME_WORD}\d{1,2}|\d[.:]\d{2})\s*)`;
/** `€ 150 per uur`, `150,- p/u`, `€100/h`, `60 for 20 min`. */
const RATE_WORD = String.raw`\s*(?:per|p\/|p\.|pro|\/|à|an?|for|voor|each|the)\s*`;

const PRICE = new RegExp(
  String.raw`(?<![\p{L}\d€.,])(?:` +
    NOT_A_TIME + String.raw`(${DURATION})(?:\s*\(\s*(\d{1,2})\s*(?:uur|u|h|hours?)\s*\))?` + GAP + AMOUNT +
    String.raw`|` + AMOUNT + RATE_WORD + String.raw`(${RATE_DURATION})` +
    // `150,- half uur`: money first, no rate word; not when an amount follows (`€80 1 uur €150` pairs the other way).
    String.raw`|` + MARKED_AMOUNT + String.raw`\s+(${DURATION})(?![ \t:=\-–—|*.…)]{0,12}(?:€|\d)))`,
  'giu',
);
const CHEAP_EXIT = /\d|€/;

const WORD_COUNTS: Readonly<Record<string, number>> = {
  een: 1, één: 1, one: 1, a: 1, an: 1, hele: 1, heel: 1, whole: 1, full: 1, twee: 2, two: 2, drie: 3, three: 3, vier: 4, four: 4,
};

/**
 * Prices tied to a duration, normalised to euros per hour: `€ 150 per uur`, `150,- p/u`,
 * `1 uur 120 euro`, `half uur 80`, `30 min €70`, `kwartier 50`, `2 uur 250`, `€100/h`, `hour 150`,
 * `nacht 800` (a night without stated hours is 8 hours), `Hele nacht (10 uur) €1400`. An amount
 * without a duration (`€ 1.500`, `€50 extra`, `€0,40 per km`) is not a price here; `vanaf` (from)
 * is read as the price itself. Phone numbers, times, dates, ages and measures never count.
 *
 * @example extractPrices({ text: 'Half uur 80, 1 uur €150' }) // → [{ amount: 80, minutes: 30, perHour: 160, … }, { amount: 150, minutes: 60, perHour: 150, … }]
 */
export function extractPrices(ad: AdText): PriceMatch[] {
  const out: PriceMatch[] = [];
  for (const [field, text] of [['title', ad.title], ['text', ad.text]] as const) {
    if (text && CHEAP_EXIT.test(text)) out.push(...pricesIn(text, field));
  }
  return out;
}

/**
 * The ad's typical hourly rate: the first price for exactly 60 minutes, else the median of all
 * `perHour` values (the lower middle one for an even count); null without prices.
 */
export function typicalHourlyRate(prices: readonly PriceMatch[]): number | null {
  return typicalHourlyPrice(prices)?.perHour ?? null;
}

/** The price behind `typicalHourlyRate` (the first of equal rates), e.g. as evidence for a low price. */
export function typicalHourlyPrice(prices: readonly PriceMatch[]): PriceMatch | null {
  const hour = prices.find((p) => p.minutes === 60);
  if (hour) return hour;
  const sorted = [...prices].sort((a, b) => a.perHour - b.perHour || a.span.start - b.span.start);
  return sorted[(sorted.length - 1) >> 1] ?? null;
}

function pricesIn(text: string, field: AdField): PriceMatch[] {
  const out: PriceMatch[] = [];
  for (const m of text.matchAll(PRICE)) {
    // Groups: 1 duration, 2 hours in brackets, 3–4 amount | 5–6 amount, 7 duration | 8–9 amount, 10 duration.
    const [whole, duration, override] = m;
    const amount = toAmount(m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[8] ?? m[9]);
    const minutes = override ? Number(override) * 60 : toMinutes(duration ?? m[7] ?? m[10] ?? '');
    if (amount === null || minutes === null || amount < MIN_AMOUNT) continue;
    const perHour = Math.round((amount * 60) / minutes);
    if (perHour < MIN_PER_HOUR || perHour > MAX_PER_HOUR) continue;
    const span = { field, start: m.index, end: m.index + whole.length, text: whole.trimEnd() };
    span.end = span.start + span.text.length;
    out.push({ amount, minutes, perHour, span });
  }
  return out;
}

function toAmount(raw: string | undefined): number | null {
  if (!raw) return null;
  const n = Number(raw.replace('.', ''));
  return Number.isFinite(n) ? n : null;
}

/** Minutes of a duration phrase matched by DURATION. */
export function toMinutes(phrase: string): number | null {
  const p = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^anderhalf/.test(p)) return 90;
  if (/^half/.test(p)) return 30;
  const count = countOf(p);
  let minutes: number | null = null;
  if (/(?:kwartier|quarter)$/.test(p)) minutes = 15 * count;
  else if (/(?:nachten|nacht|nights?|overnight)$/.test(p)) minutes = NIGHT_MINUTES * count;
  else if (/(?:min|mins|minuten|minutes|minuut)\.?$/.test(p)) minutes = count;
  else if (/(?:uur|uurtje|hours?|hrs?|stunden?|u|h)$/.test(p)) minutes = 60 * count;
  return minutes !== null && minutes >= 10 && minutes <= MAX_MINUTES ? minutes : null;
}

function countOf(phrase: string): number {
  const num = /^\d{1,3}(?:[.,]5)?/.exec(phrase);
  if (num) return Number(num[0].replace(',', '.'));
  const word = /^\p{L}+/u.exec(phrase)?.[0] ?? '';
  return WORD_COUNTS[word] ?? 1;
}
