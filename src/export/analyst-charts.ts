import type { Db } from '../store/index.js';
import { aggregateMovements, type MovementLevel } from './aggregate-movements.js';
import { aggregateTrends } from './aggregate-trends.js';
import { loadEvents, parsePeriod } from './export-data.js';
import { createPhoneHasher } from './keyed-hash.js';
import { SUPPRESSION_THRESHOLD, type CellValue, type SuppressionFlag, type TrendEvent, type TrendMeasure } from './trend-model.js';

/** One suppressed number in a chart: `value` is null when `flag` is not empty. */
export interface ChartValue {
  value: number | null;
  flag: SuppressionFlag;
}

export interface DistrictTrend {
  /** The x axis: every week of the period with data, oldest first. */
  weeks: Array<{ week: string; weekStart: string }>;
  /** One line per district (plus `outside_region`, `unknown`); one point per week, in `weeks` order. */
  series: Array<{ district: string; points: ChartValue[] }>;
}

export interface MunicipalityBar extends ChartValue {
  municipalityCode: string;
  municipality: string;
  district: string;
}

export interface MovementMatrix {
  level: MovementLevel;
  /** Rows and columns of the matrix, sorted by label. */
  places: Array<{ key: string; label: string }>;
  /** Only the non-empty cells; a missing pair is zero. */
  cells: Array<ChartValue & { from: string; to: string }>;
}

/** What the analyst's page draws: the same suppressed figures as the exports, shaped for charts. */
export interface AnalystCharts {
  from: string;
  to: string;
  measure: TrendMeasure;
  suppressionThreshold: number;
  districtTrend: DistrictTrend;
  municipalityBars: MunicipalityBar[];
  movementMatrix: MovementMatrix;
}

export interface AnalystChartsRequest {
  from: string;
  to: string;
  /** What the trend lines and bars count; default `ads_seen`. */
  measure?: TrendMeasure;
  movementLevel?: MovementLevel;
  exportKey?: string | undefined;
}

/**
 * Trend lines per district per week, bars per municipality and the movement matrix of a period,
 * from one read of the store. Every figure went through the same suppression as the exports.
 *
 * @example
 * const charts = await analystCharts(db, { from: '2025-01-01', to: '2025-03-31' });
 * charts.districtTrend.series[0].points[0] // { value: 42, flag: '' }
 */
export async function analystCharts(db: Db, request: AnalystChartsRequest): Promise<AnalystCharts> {
  const period = parsePeriod(request);
  const events = await loadEvents(db, period, createPhoneHasher(request.exportKey));
  const measure = request.measure ?? 'ads_seen';
  return {
    ...period,
    measure,
    suppressionThreshold: SUPPRESSION_THRESHOLD,
    districtTrend: districtTrend(events, period, measure),
    municipalityBars: municipalityBars(events, period, measure),
    movementMatrix: movementMatrix(events, period, request.movementLevel ?? 'municipality'),
  };
}

function chartValue(row: Readonly<Record<string, CellValue>>, measure: string): ChartValue {
  return { value: row[measure] as number | null, flag: row[`${measure}_flag`] as SuppressionFlag };
}

function districtTrend(events: TrendEvent[], period: { from: string; to: string }, measure: TrendMeasure): DistrictTrend {
  const table = aggregateTrends(events, { ...period, by: ['week', 'district'] });
  const weeks = new Map<string, string>();
  for (const row of table.rows) weeks.set(String(row.week_start), String(row.week));
  const order = [...weeks.keys()].sort();
  const series = new Map<string, ChartValue[]>();
  for (const row of table.rows) {
    const district = String(row.district);
    if (!series.has(district)) series.set(district, order.map(() => ({ value: 0, flag: '' })));
    series.get(district)![order.indexOf(String(row.week_start))] = chartValue(row, measure);
  }
  return {
    weeks: order.map((weekStart) => ({ week: weeks.get(weekStart)!, weekStart })),
    series: [...series.entries()].map(([district, points]) => ({ district, points })),
  };
}

function municipalityBars(events: TrendEvent[], period: { from: string; to: string }, measure: TrendMeasure): MunicipalityBar[] {
  const table = aggregateTrends(events, { ...period, by: ['municipality', 'district'] });
  return table.rows.map((row) => ({
    municipalityCode: String(row.municipality_code),
    municipality: String(row.municipality),
    district: String(row.district),
    ...chartValue(row, measure),
  }));
}

function movementMatrix(events: TrendEvent[], period: { from: string; to: string }, level: MovementLevel): MovementMatrix {
  const table = aggregateMovements(events, { ...period, level, byWeek: false });
  const places = new Map<string, string>();
  const side = (row: Readonly<Record<string, CellValue>>, s: 'from' | 'to') =>
    level === 'district'
      ? { key: String(row[`${s}_district`]), label: String(row[`${s}_district`]) }
      : { key: String(row[`${s}_municipality_code`]), label: String(row[`${s}_municipality`]) };
  const cells = table.rows.map((row) => {
    const from = side(row, 'from');
    const to = side(row, 'to');
    places.set(from.key, from.label).set(to.key, to.label);
    return { from: from.key, to: to.key, ...chartValue(row, 'phone_numbers') };
  });
  const sorted = [...places.entries()].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  return { level, places: sorted, cells };
}
