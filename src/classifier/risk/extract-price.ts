import type { AdField, AdText, TextSpan } from '../../domain/analysis.js';

/** One price the ad states, normalised to euros per hour. */
export interface HourlyPrice {
  eurosPerHour: number;
  /** The stated duration the price was for, in minutes. */
  minutes: number;
  span: TextSpan;
}

// Amounts: "€ 150", "€150,-", "150 euro", "150,-", "150 eur". A bare number only counts right after a duration.
const CUR = '(?:€|eur(?:o|os)?\\.?)';
const NUM = '(\\d{2,4})(?:[.,](?:-{1,2}|00))?';
const MONEY = `(?:${CUR}\\s*${NUM}|${NUM}\\s*${CUR}|(\\d{2,4})[.,]-{1,2})`;
const BARE = '(\\d{2,4})(?![\\d:.,]\\d|\\s*(?:uur|u\\b|min|jaar|years?|cm|kg|\\+|%))';

// Durations, longest first so "half uur" wins over "uur".
const DURATION =
  '(kwartier|15 ?min(?:uten|utes|\\.)?|20 ?min(?:uten|utes|\\.)?|half ?uur|halfuur|1\\/2 ?uur|half(?: an)? hour|30 ?min(?:uten|utes|\\.)?|45 ?min(?:uten|utes|\\.)?|' +
  '(?:een |1 |één |one |an |hele |heel )?uur|(?:1 |one |an )?hour|60 ?min(?:uten|utes|\\.)?|90 ?min(?:uten|utes|\\.)?|anderhalf uur|(?:2|twee) uur|(?:2|two) hours|120 ?min(?:uten|utes|\\.)?)';
const PER = '(?:\\s*(?:per|p\\.?|\\/|voor(?: een| 1)?|for(?: an?| 1)?|x)\\s*|\\s+)';

/** "€ 150 per uur", "150,- p/u", "90,- half uur", "€90 / 30 min". */
const AMOUNT_FIRST = new RegExp(`${MONEY}(?:${PER}${DURATION}|\\s*(p\\/u|p\\.u\\.|ph|p\\/h|\\/u)(?![\\p{L}]))`, 'giu');
/** "half uur 80", "1 uur 120 euro", "30 min €90", "Kwartier 50 euro". */
const DURATION_FIRST = new RegExp(`(?<![\\p{L}\\d])${DURATION}\\s*(?:[:=–-]|voor|for)?\\s*(?:${MONEY}|${BARE})`, 'giu');

function minutesOf(duration: string): number {
  const d = duration.toLowerCase();
  if (/kwartier|15/.test(d)) return 15;
  if (/^20/.test(d)) return 20;
  if (/half|1\/2|^30/.test(d)) return /anderhalf/.test(d) ? 90 : 30;
  if (/^45/.test(d)) return 45;
  if (/^90/.test(d)) return 90;
  if (/^(?:2|twee|two|120)/.test(d)) return 120;
  return 60;
}

function firstNumber(groups: (string | undefined)[]): number | null {
  const found = groups.find((g) => g !== undefined && /^\d+$/.test(g));
  return found === undefined ? null : Number(found);
}

/** Every stated price in one field, with its duration. */
function pricesIn(field: AdField, value: string): HourlyPrice[] {
  const out: HourlyPrice[] = [];
  for (const match of value.matchAll(AMOUNT_FIRST)) {
    const amount = firstNumber(match.slice(1, 4));
    const unit = match[4] ?? match[5] ?? 'uur';
    if (amount !== null) out.push(price(field, match, amount, /p\/u|p\.u|ph|p\/h|\/u/i.test(unit) ? 60 : minutesOf(unit.trim())));
  }
  for (const match of value.matchAll(DURATION_FIRST)) {
    const amount = firstNumber(match.slice(2));
    if (amount !== null) out.push(price(field, match, amount, minutesOf(match[1]!.trim())));
  }
  return out.filter((p) => p.eurosPerHour >= 20 && p.eurosPerHour <= 2000);
}

function price(field: AdField, match: RegExpMatchArray, amount: number, minutes: number): HourlyPrice {
  const start = match.index!;
  return { eurosPerHour: Math.round((amount * 60) / minutes), minutes, span: { field, start, end: start + match[0].length, text: match[0] } };
}

/**
 * The ad's hourly rate in euros: a price stated for one hour if there is one, otherwise the
 * price for the duration nearest an hour, scaled to 60 minutes (short sessions cost more per
 * minute, so scaling a half-hour price over-states the hourly rate: it errs against flagging).
 *
 * @example extractHourlyPrice({ text: 'Half uur 80, hele uur 130 euro.' })?.eurosPerHour // 130
 */
export function extractHourlyPrice(ad: Pick<AdText, 'text' | 'title'>): HourlyPrice | null {
  const all = [...pricesIn('text', ad.text), ...(ad.title ? pricesIn('title', ad.title) : [])];
  if (all.length === 0) return null;
  all.sort((a, b) => Math.abs(a.minutes - 60) - Math.abs(b.minutes - 60) || a.span.start - b.span.start);
  return all[0]!;
}
