import { compareKeys } from './aggregate-trends.js';
import { suppressCells } from './suppress.js';
import { OUTSIDE_REGION, type CellValue, type ExportColumn, type ExportTable, type TrendEvent } from './trend-model.js';

/** Movement between municipalities (the matrix analysts ask for) or between districts. */
export type MovementLevel = 'municipality' | 'district';

export interface MovementQuery {
  from: string;
  to: string;
  level: MovementLevel;
  /** One row per arrival week instead of one for the whole period. */
  byWeek: boolean;
}

interface Place {
  key: string;
  columns: (side: 'from' | 'to') => Record<string, string>;
}

interface Movement {
  columns: Record<string, string>;
  key: string[];
  phones: Set<string>;
}

/** The columns of a movements table, in the documented order. */
export function movementColumns(query: Pick<MovementQuery, 'level' | 'byWeek'>): ExportColumn[] {
  const week = query.byWeek ? ['week', 'week_start'] : [];
  const places =
    query.level === 'municipality'
      ? ['from_municipality_code', 'from_municipality', 'to_municipality_code', 'to_municipality']
      : ['from_district', 'to_district'];
  return [
    ...[...week, ...places].map((name) => ({ name, type: 'string' as const })),
    { name: 'phone_numbers', type: 'integer' },
    { name: 'phone_numbers_flag', type: 'string' },
  ];
}

/**
 * Numbers that moved: a number (keyed hash) seen in place A in one ISO week and in place B ≠ A in
 * the next week counts once for A → B (in the arrival week, with `byWeek`). Only `seen` events
 * with a known municipality take part. Counts below the threshold are suppressed, with secondary
 * suppression along the from, to and week lines (see suppress.ts). Pure.
 */
export function aggregateMovements(events: readonly TrendEvent[], query: MovementQuery): ExportTable {
  const weeks = new Map<string, string>();
  const placesByPhone = new Map<string, Map<string, Map<string, Place>>>();
  for (const event of events) {
    if (event.kind !== 'seen' || !event.municipalityCode) continue;
    weeks.set(event.weekStart, event.week);
    const place = placeOf(event, query.level);
    for (const phone of event.phoneKeys) placesIn(placesByPhone, phone, event.weekStart).set(place.key, place);
  }
  const movements = new Map<string, Movement>();
  for (const [phone, byWeek] of placesByPhone) {
    for (const [weekStart, here] of byWeek) {
      const next = byWeek.get(addDays(weekStart, 7));
      if (!next) continue;
      const arrival = { week: weeks.get(addDays(weekStart, 7))!, week_start: addDays(weekStart, 7) };
      for (const a of here.values()) for (const b of next.values()) if (a.key !== b.key) addMove(movements, phone, a, b, query.byWeek ? arrival : null);
    }
  }
  return toTable([...movements.values()].sort((x, y) => compareKeys(x.key, y.key)), query);
}

function placesIn(index: Map<string, Map<string, Map<string, Place>>>, phone: string, weekStart: string): Map<string, Place> {
  let byWeek = index.get(phone);
  if (!byWeek) index.set(phone, (byWeek = new Map()));
  let places = byWeek.get(weekStart);
  if (!places) byWeek.set(weekStart, (places = new Map()));
  return places;
}

function placeOf(event: TrendEvent, level: MovementLevel): Place {
  if (level === 'district') {
    const district = event.district ?? OUTSIDE_REGION;
    return { key: district, columns: (side) => ({ [`${side}_district`]: district }) };
  }
  const code = event.municipalityCode!;
  const name = event.municipalityName ?? code;
  return { key: code, columns: (side) => ({ [`${side}_municipality_code`]: code, [`${side}_municipality`]: name }) };
}

function addMove(movements: Map<string, Movement>, phone: string, a: Place, b: Place, arrival: { week: string; week_start: string } | null): void {
  const key = arrival ? [arrival.week_start, a.key, b.key] : [a.key, b.key];
  const id = JSON.stringify(key);
  let movement = movements.get(id);
  if (!movement) {
    movement = { columns: { ...(arrival ?? {}), ...a.columns('from'), ...b.columns('to') }, key, phones: new Set() };
    movements.set(id, movement);
  }
  movement.phones.add(phone);
}

function toTable(movements: Movement[], query: MovementQuery): ExportTable {
  const flags = suppressCells(movements.map((m) => ({ key: m.key, value: m.phones.size })));
  const rows = movements.map((m, i): Record<string, CellValue> => ({
    ...m.columns,
    phone_numbers: flags[i] === '' ? m.phones.size : null,
    phone_numbers_flag: flags[i]!,
  }));
  return {
    kind: 'movements',
    from: query.from,
    to: query.to,
    by: [...(query.byWeek ? ['week'] : []), query.level],
    columns: movementColumns(query),
    rows,
    suppressed: { primary: flags.filter((f) => f === '<5').length, secondary: flags.filter((f) => f === 'secondary').length },
  };
}

/** `YYYY-MM-DD` plus whole days, in UTC so no daylight-saving hour shifts the date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
