import { suppressCells } from './suppress.js';
import {
  NO_INDICATOR,
  NOT_ASSESSED,
  OUTSIDE_REGION,
  TREND_DIMENSIONS,
  TREND_MEASURES,
  UNKNOWN_DISTRICT,
  UNKNOWN_MUNICIPALITY,
  trendColumns,
  type CellValue,
  type ExportTable,
  type SuppressionFlag,
  type TrendDimension,
  type TrendEvent,
  type TrendMeasure,
} from './trend-model.js';

/** One group of the table before suppression: its dimension columns and the sets it counts. */
interface Group {
  columns: Record<string, string>;
  key: string[];
  seen: Set<string>;
  fresh: Set<string>;
  gone: Set<string>;
  phones: Set<string>;
}

export interface TrendQuery {
  from: string;
  to: string;
  by: readonly TrendDimension[];
}

/**
 * The trends table: events grouped by the chosen dimensions, each count distinct (an ad seen in
 * three weeks is one ad in a table without weeks), then small counts suppressed per column.
 * Pure: the store reads the events, this decides what analysts may see.
 *
 * An ad counts in every group it belongs to: with `indicator`, once per indicator it has; without
 * `week`, in every municipality it was placed in during the period. Groups do not add up to totals.
 */
export function aggregateTrends(events: readonly TrendEvent[], query: TrendQuery): ExportTable {
  const by = TREND_DIMENSIONS.filter((d) => query.by.includes(d));
  const groups = groupEvents(events, by);
  const measured = groups.map((g) => ({ group: g, counts: countsOf(g) }));
  const flags = new Map<TrendMeasure, SuppressionFlag[]>(
    TREND_MEASURES.map((m) => [m, suppressCells(measured.map(({ group, counts }) => ({ key: group.key, value: counts[m] })))]),
  );
  const rows = measured.map(({ group, counts }, i) => {
    const row: Record<string, CellValue> = { ...group.columns };
    for (const m of TREND_MEASURES) {
      const flag = flags.get(m)![i]!;
      row[m] = flag === '' ? counts[m] : null;
      row[`${m}_flag`] = flag;
    }
    return row;
  });
  return { kind: 'trends', from: query.from, to: query.to, by, columns: trendColumns(by), rows, suppressed: countFlags(flags) };
}

function groupEvents(events: readonly TrendEvent[], by: readonly TrendDimension[]): Group[] {
  const groups = new Map<string, Group>();
  for (const event of events) {
    for (const columns of groupColumnsOf(event, by)) {
      const key = by.map((d) => dimensionKey(d, columns));
      const id = JSON.stringify(key);
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { columns, key, seen: new Set(), fresh: new Set(), gone: new Set(), phones: new Set() }));
      addEvent(group, event);
    }
  }
  return [...groups.values()].sort((a, b) => compareKeys(a.key, b.key));
}

function addEvent(group: Group, event: TrendEvent): void {
  if (event.kind === 'gone') {
    group.gone.add(event.adKey);
    return;
  }
  group.seen.add(event.adKey);
  if (event.isNew) group.fresh.add(event.adKey);
  for (const phone of event.phoneKeys) group.phones.add(phone);
}

function countsOf(group: Group): Record<TrendMeasure, number> {
  return { ads_seen: group.seen.size, ads_new: group.fresh.size, ads_gone: group.gone.size, phone_numbers: group.phones.size };
}

/** The dimension columns of an event; several when it has several indicators. */
function groupColumnsOf(event: TrendEvent, by: readonly TrendDimension[]): Array<Record<string, string>> {
  const base: Record<string, string> = {};
  if (by.includes('week')) Object.assign(base, { week: event.week, week_start: event.weekStart });
  if (by.includes('municipality')) {
    Object.assign(base, { municipality_code: event.municipalityCode ?? '', municipality: event.municipalityName ?? UNKNOWN_MUNICIPALITY });
  }
  if (by.includes('district')) base.district = districtLabel(event);
  if (by.includes('licence')) base.licence_status = event.licenceStatus ?? NOT_ASSESSED;
  if (by.includes('site')) base.site = event.site;
  if (!by.includes('indicator')) return [base];
  const codes = event.indicatorCodes.length > 0 ? [...new Set(event.indicatorCodes)] : [NO_INDICATOR];
  return codes.map((indicator) => ({ ...base, indicator }));
}

/** A place outside the three districts is `outside_region`; no place at all is `unknown`. */
function districtLabel(event: TrendEvent): string {
  if (event.district) return event.district;
  return event.municipalityCode ? OUTSIDE_REGION : UNKNOWN_DISTRICT;
}

function dimensionKey(dimension: TrendDimension, columns: Record<string, string>): string {
  switch (dimension) {
    case 'week':
      return columns.week_start!;
    case 'municipality':
      return `${columns.municipality_code}|${columns.municipality}`;
    case 'district':
      return columns.district!;
    case 'licence':
      return columns.licence_status!;
    case 'indicator':
      return columns.indicator!;
    case 'site':
      return columns.site!;
  }
}

/** Orders rows by their dimension values, Dutch collation. */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = a[i]!.localeCompare(b[i]!, 'nl');
    if (order !== 0) return order;
  }
  return 0;
}

function countFlags(flags: Map<TrendMeasure, SuppressionFlag[]>): ExportTable['suppressed'] {
  const all = [...flags.values()].flat();
  return { primary: all.filter((f) => f === '<5').length, secondary: all.filter((f) => f === 'secondary').length };
}
