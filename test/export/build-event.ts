import type { TrendEvent } from '../../src/export/index.js';

let sequence = 0;

/**
 * A `seen` trend event of a fresh ad in week 2025-W02 in Haarlem (Kennemerland), unlicensed, with
 * no indicators and one phone key, unless overridden.
 *
 * @example buildEvent({ adKey: 'a1', phoneKeys: ['p1'], municipalityCode: 'GM0479', municipalityName: 'Zaanstad' })
 */
export function buildEvent(overrides: Partial<TrendEvent> = {}): TrendEvent {
  sequence += 1;
  return {
    adKey: `ad-${sequence}`,
    kind: 'seen',
    week: '2025-W02',
    weekStart: '2025-01-06',
    isNew: false,
    site: 'demo-a',
    municipalityCode: 'GM0392',
    municipalityName: 'Haarlem',
    district: 'Kennemerland',
    licenceStatus: 'unlicensed',
    indicatorCodes: [],
    phoneKeys: [`phone-${sequence}`],
    ...overrides,
  };
}

/** `n` events built with the same overrides (each its own ad and phone). */
export function buildEvents(n: number, overrides: Partial<TrendEvent> = {}): TrendEvent[] {
  return Array.from({ length: n }, () => buildEvent(overrides));
}

export const WEEK3 = { week: '2025-W03', weekStart: '2025-01-13' } as const;
export const ZAANSTAD = { municipalityCode: 'GM0479', municipalityName: 'Zaanstad', district: 'Zaanstreek-Waterland' } as const;
export const AMSTERDAM = { municipalityCode: 'GM0363', municipalityName: 'Amsterdam', district: null } as const;
