const AMSTERDAM = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The calendar date in the Netherlands of a moment (`YYYY-MM-DD`): permits run from and to
 * Dutch calendar days, so an ad seen at 00:30 in Haarlem counts for that day, not the UTC one.
 * A bare `YYYY-MM-DD` is returned as is.
 *
 * @example calendarDate('2025-03-31T22:30:00Z') // '2025-04-01'
 */
export function calendarDate(at: string | Date): string {
  if (typeof at === 'string' && ISO_DATE.test(at)) return at;
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(at)}`);
  return AMSTERDAM.format(date);
}
