import type { StoredTrendEvent } from '../store/index.js';
/**
 * What the analysts' exports are made of (DOMAIN.md, "Who uses it": counts per week ×
 * municipality × licence status × indicator, new vs. disappeared ads, movement between
 * municipalities). Every column named here is documented in docs/data-dictionary.md.
 */

/** The dimensions an export can be grouped by, in the order their columns appear. */
export const TREND_DIMENSIONS = ['week', 'municipality', 'district', 'licence', 'indicator', 'site'] as const;
export type TrendDimension = (typeof TREND_DIMENSIONS)[number];

/** The columns each dimension adds to a table. */
export const DIMENSION_COLUMNS: Record<TrendDimension, readonly string[]> = {
  week: ['week', 'week_start'],
  municipality: ['municipality_code', 'municipality'],
  district: ['district'],
  licence: ['licence_status'],
  indicator: ['indicator'],
  site: ['site'],
};

/** The counts of a trends table; each has a `<name>_flag` column beside it. */
export const TREND_MEASURES = ['ads_seen', 'ads_new', 'ads_gone', 'phone_numbers'] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];

/** Placeholder values of a dimension, so an ad without a place or indicator still counts somewhere. */
export const UNKNOWN_MUNICIPALITY = 'unknown';
export const OUTSIDE_REGION = 'outside_region';
export const UNKNOWN_DISTRICT = 'unknown';
export const NOT_ASSESSED = 'not_assessed';
export const NO_INDICATOR = 'none';

/**
 * One event of one ad in one ISO week (Europe/Amsterdam), as the store reads it. `adKey` and
 * `phoneKeys` only serve distinct counting and never reach an export: `adKey` is the internal
 * ad id, `phoneKeys` are keyed hashes of the numbers (see keyed-hash.ts), never numbers.
 */
export type TrendEvent = Omit<StoredTrendEvent, 'phones' | 'indicatorCodes'> & {
  indicatorCodes: readonly string[];
  phoneKeys: readonly string[];
};

/** A cell value in an export: numbers for counts, strings for labels, null for a suppressed count. */
export type CellValue = string | number | null;

export interface ExportColumn {
  name: string;
  type: 'string' | 'integer';
}

/** A finished, suppressed export: what every output format renders. */
export interface ExportTable {
  kind: 'trends' | 'movements';
  /** Inclusive local dates (Europe/Amsterdam), `YYYY-MM-DD`. */
  from: string;
  to: string;
  by: readonly string[];
  columns: readonly ExportColumn[];
  rows: ReadonlyArray<Readonly<Record<string, CellValue>>>;
  /** Cells hidden: fewer than the threshold (primary) or to protect one (secondary). */
  suppressed: { primary: number; secondary: number };
}

/** Counts from 1 to SUPPRESSION_THRESHOLD - 1 are never published (DOMAIN.md: "fewer than 5"). */
export const SUPPRESSION_THRESHOLD = 5;

export type SuppressionFlag = '' | '<5' | 'secondary';

/** The columns of a trends table grouped by `by`, in the documented order. */
export function trendColumns(by: readonly TrendDimension[]): ExportColumn[] {
  const dims = TREND_DIMENSIONS.filter((d) => by.includes(d)).flatMap((d) => DIMENSION_COLUMNS[d]);
  return [
    ...dims.map((name) => ({ name, type: 'string' as const })),
    ...TREND_MEASURES.flatMap((m) => [
      { name: m, type: 'integer' as const },
      { name: `${m}_flag`, type: 'string' as const },
    ]),
  ];
}

/** Thrown for a request that cannot be answered as asked (bad dates, unknown dimension). */
export class ExportRequestError extends Error {
  override name = 'ExportRequestError';
}

/** Parses `week,municipality` (the CLI's --by); throws naming the unknown ones. */
export function parseDimensions(list: string): TrendDimension[] {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(TREND_DIMENSIONS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new ExportRequestError(`unknown dimension(s) ${unknown.join(', ')}: choose from ${TREND_DIMENSIONS.join(', ')}`);
  return TREND_DIMENSIONS.filter((d) => names.includes(d));
}
