import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aggregateMovements,
  aggregateTrends,
  createPhoneHasher,
  parseDimensions,
  suppressCells,
  trendColumns,
} from '../../src/export/index.js';
import { AMSTERDAM, buildEvent, buildEvents, WEEK3, ZAANSTAD } from './build-event.js';

const PERIOD = { from: '2025-01-06', to: '2025-01-19' };

describe('suppressCells', () => {
  it('hides counts from 1 to 4 and publishes 0 and 5+', () => {
    const flags = suppressCells([0, 1, 4, 5, 9].map((value, i) => ({ key: [String(i), 'x'], value })));
    // The two small cells share a line along dimension 0 and add up to 5: no secondary needed.
    expect(flags).toEqual(['', '<5', '<5', '', '']);
  });

  it('hides a second cell when a line has exactly one hidden cell, so the total does not give it away', () => {
    const flags = suppressCells([
      { key: ['A'], value: 3 },
      { key: ['B'], value: 9 },
      { key: ['C'], value: 12 },
      { key: ['D'], value: 0 },
    ]);
    expect(flags).toEqual(['<5', 'secondary', '', '']);
  });

  it('hides more when the hidden cells of a line add up to less than 5', () => {
    const flags = suppressCells([
      { key: ['A'], value: 1 },
      { key: ['B'], value: 2 },
      { key: ['C'], value: 30 },
      { key: ['D'], value: 7 },
    ]);
    expect(flags).toEqual(['<5', '<5', '', 'secondary']);
  });

  it('follows a secondary cell onto the lines of the other dimension until no line has a lone hidden cell', () => {
    // week × municipality: (w1, A) = 2 is hidden; municipality A's line hides (w2, A); then week
    // w1's line has one hidden cell, so (w1, B) goes, and week w2's too, so (w2, B).
    const cells = [
      { key: ['w1', 'A'], value: 2 },
      { key: ['w1', 'B'], value: 6 },
      { key: ['w2', 'A'], value: 8 },
      { key: ['w2', 'B'], value: 7 },
    ];
    const flags = suppressCells(cells);
    expect(flags).toEqual(['<5', 'secondary', 'secondary', 'secondary']);
    for (let d = 0; d < 2; d++) {
      const lines = new Map<string, number>();
      cells.forEach((c, i) => flags[i] !== '' && lines.set(c.key[1 - d]!, (lines.get(c.key[1 - d]!) ?? 0) + 1));
      for (const hidden of lines.values()) expect(hidden).not.toBe(1);
    }
  });
});

describe('aggregateTrends', () => {
  it('has the documented columns for the chosen dimensions, in a fixed order', () => {
    const table = aggregateTrends([], { ...PERIOD, by: ['site', 'week'] });
    expect(table.columns.map((c) => c.name)).toEqual([
      'week', 'week_start', 'site',
      'ads_seen', 'ads_seen_flag', 'ads_new', 'ads_new_flag', 'ads_gone', 'ads_gone_flag', 'phone_numbers', 'phone_numbers_flag',
    ]);
    expect(trendColumns([]).map((c) => c.name)).toHaveLength(8);
  });

  it('counts distinct ads and numbers: an ad seen in two weeks is one ad for the period, one per week by week', () => {
    const shared = 'phone-shared';
    const events = [
      ...buildEvents(6, { phoneKeys: [shared] }).flatMap((e) => [e, { ...e, ...WEEK3 }]),
      ...buildEvents(5, { isNew: true }),
    ];
    const period = aggregateTrends(events, { ...PERIOD, by: [] });
    expect(period.rows).toEqual([expect.objectContaining({ ads_seen: 11, ads_new: 5, ads_gone: 0, phone_numbers: 6 })]);
    const weekly = aggregateTrends(events, { ...PERIOD, by: ['week'] });
    expect(weekly.rows.map((r) => [r.week, r.ads_seen, r.ads_new, r.phone_numbers_flag])).toEqual([
      ['2025-W02', 11, 5, 'secondary'],
      ['2025-W03', 6, 0, '<5'],
    ]);
    // 1 number in W03 is hidden, and the 6 of W02 with it: the period's 6 minus W02 would give it away.
    expect(weekly.rows.map((r) => r.phone_numbers)).toEqual([null, null]);
  });

  it('counts gone events apart from sightings, and an ad in every indicator group it has', () => {
    const events = [
      ...buildEvents(5, { indicatorCodes: ['phone_shared', 'unlicensed'] }),
      ...buildEvents(6, { indicatorCodes: [] }),
      ...buildEvents(7, { kind: 'gone', phoneKeys: [], indicatorCodes: ['unlicensed'] }),
    ];
    const table = aggregateTrends(events, { ...PERIOD, by: ['indicator'] });
    expect(table.rows.map((r) => [r.indicator, r.ads_seen, r.ads_gone])).toEqual([
      ['none', 6, 0],
      ['phone_shared', 5, 0],
      ['unlicensed', 5, 7],
    ]);
  });

  it('labels missing values: unknown municipality, outside_region, not_assessed', () => {
    const events = [
      ...buildEvents(5, { municipalityCode: null, municipalityName: null, district: null, licenceStatus: null }),
      ...buildEvents(5, { ...AMSTERDAM }),
    ];
    const table = aggregateTrends(events, { ...PERIOD, by: ['municipality', 'district', 'licence'] });
    expect(table.rows.map((r) => [r.municipality_code, r.municipality, r.district, r.licence_status])).toEqual([
      ['', 'unknown', 'unknown', 'not_assessed'],
      ['GM0363', 'Amsterdam', 'outside_region', 'unlicensed'],
    ]);
  });

  it('suppresses per count column and counts what it hid', () => {
    const events = [...buildEvents(3, { site: 'demo-a' }), ...buildEvents(8, { site: 'demo-b' }), ...buildEvents(9, { site: 'demo-c' })];
    const table = aggregateTrends(events, { ...PERIOD, by: ['site'] });
    expect(table.rows.map((r) => [r.site, r.ads_seen, r.ads_seen_flag])).toEqual([
      ['demo-a', null, '<5'],
      ['demo-b', null, 'secondary'],
      ['demo-c', 9, ''],
    ]);
    // ads_seen and phone_numbers each hide two cells; ads_new and ads_gone are all zero.
    expect(table.suppressed).toEqual({ primary: 2, secondary: 2 });
  });

  it('rejects unknown dimensions by name', () => {
    expect(() => parseDimensions('week,gemeente')).toThrow(/gemeente/);
    expect(parseDimensions(' site , week ')).toEqual(['week', 'site']);
  });
});

describe('aggregateMovements', () => {
  it('counts numbers seen in one municipality one week and another the next, once per number', () => {
    const movers = Array.from({ length: 6 }, (_, i) => `mover-${i}`);
    const events = [
      ...movers.map((p) => buildEvent({ phoneKeys: [p] })),
      ...movers.map((p) => buildEvent({ phoneKeys: [p], ...ZAANSTAD, ...WEEK3 })),
      // Stays in Haarlem, or moves but not in the next week: no movement.
      ...buildEvents(5, { phoneKeys: ['stayer'] }),
      buildEvent({ phoneKeys: ['stayer'], ...WEEK3 }),
      buildEvent({ phoneKeys: ['late'] }),
      buildEvent({ phoneKeys: ['late'], ...ZAANSTAD, week: '2025-W04', weekStart: '2025-01-20' }),
    ];
    const table = aggregateMovements(events, { ...PERIOD, level: 'municipality', byWeek: false });
    expect(table.columns.map((c) => c.name)).toEqual([
      'from_municipality_code', 'from_municipality', 'to_municipality_code', 'to_municipality', 'phone_numbers', 'phone_numbers_flag',
    ]);
    expect(table.rows).toEqual([
      { from_municipality_code: 'GM0392', from_municipality: 'Haarlem', to_municipality_code: 'GM0479', to_municipality: 'Zaanstad', phone_numbers: 6, phone_numbers_flag: '' },
    ]);
    const districts = aggregateMovements(events, { ...PERIOD, level: 'district', byWeek: true });
    expect(districts.rows).toEqual([
      { week: '2025-W03', week_start: '2025-01-13', from_district: 'Kennemerland', to_district: 'Zaanstreek-Waterland', phone_numbers: 6, phone_numbers_flag: '' },
    ]);
  });

  it('suppresses small flows, with a second flow hidden beside a lone one', () => {
    const flow = (n: number, to: Partial<typeof ZAANSTAD | typeof AMSTERDAM>, tag: string) =>
      Array.from({ length: n }, (_, i) => [buildEvent({ phoneKeys: [`${tag}${i}`] }), buildEvent({ phoneKeys: [`${tag}${i}`], ...to, ...WEEK3 })]).flat();
    const table = aggregateMovements([...flow(2, AMSTERDAM, 'a'), ...flow(7, ZAANSTAD, 'z')], { ...PERIOD, level: 'municipality', byWeek: false });
    expect(table.rows.map((r) => [r.to_municipality, r.phone_numbers, r.phone_numbers_flag])).toEqual([
      ['Amsterdam', null, '<5'],
      ['Zaanstad', null, 'secondary'],
    ]);
  });
});

describe('createPhoneHasher', () => {
  it('is keyed: stable under one key, different under another, never the plain hash or the number', () => {
    const key = 'k'.repeat(32);
    const a = createPhoneHasher(key);
    const b = createPhoneHasher('x'.repeat(32));
    expect(a('+31612345678')).toBe(a('+31612345678'));
    expect(a('+31612345678')).not.toBe(b('+31612345678'));
    expect(a('+31612345678')).not.toBe(createHash('sha256').update('+31612345678').digest('base64url'));
    expect(a('+31612345678')).not.toMatch(/\d{8}/);
    expect(() => createPhoneHasher('short')).toThrow(/32/);
  });
});
