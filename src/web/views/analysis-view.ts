/** The analysis page's results: three charts with their tables, and the trends table. */
import { DISTRICTS } from '../../domain/districts.js';
import type { AnalystCharts, CellValue, ExportTable, SuppressionFlag } from '../../export/index.js';
import { barChart } from '../charts/bar-chart.js';
import type { ChartValue } from '../charts/chart-parts.js';
import { chartFigure } from '../charts/figure.js';
import { lineChart } from '../charts/line-chart.js';
import { movementMatrix } from '../charts/movement-matrix.js';
import { html, type SafeHtml } from '../html.js';
import { districtLabel, indicatorLabel, licenceLabel } from '../labels.js';
import { LEVEL_LABELS_NL, MEASURE_LABELS_NL, type Analysis } from './analysis-form.js';
import { exportCount } from './withheld.js';

/** The trends table shows at most this many rows; the downloads have all. */
export const TABLE_ROW_LIMIT = 500;

/** A district's colour, the same in every chart: the three in order, then outside and unknown. */
function districtColour(district: string): number {
  const index = (DISTRICTS as readonly string[]).indexOf(district);
  return index >= 0 ? index : district === 'outside_region' ? 3 : 4;
}

const COLUMN_LABELS_NL: Record<string, string> = {
  week: 'Week',
  week_start: 'Begint op',
  municipality_code: 'CBS-code',
  municipality: 'Gemeente',
  district: 'District',
  licence_status: 'Vergunningsstatus',
  indicator: 'Risico-indicator',
  site: 'Site',
  ...MEASURE_LABELS_NL,
};

function labelCell(column: string, value: CellValue): string {
  const text = String(value ?? '');
  if (column === 'district') return districtLabel(text);
  if (column === 'licence_status') return licenceLabel(text);
  if (column === 'indicator') return text === 'none' ? 'geen' : indicatorLabel(text);
  if (column === 'municipality' && text === 'unknown') return 'Plaats onbekend';
  return text;
}

const countOf = (row: Readonly<Record<string, CellValue>>, column: string): ChartValue => ({
  value: row[column] as number | null,
  flag: row[`${column}_flag`] as SuppressionFlag,
});

/** The trends table as the analyst asked for it: label columns, then the four counts. */
export function trendsTable(table: ExportTable): SafeHtml {
  const labels = table.columns.filter((c) => c.type === 'string' && !c.name.endsWith('_flag')).map((c) => c.name);
  const counts = table.columns.filter((c) => c.type === 'integer').map((c) => c.name);
  const rows = table.rows.slice(0, TABLE_ROW_LIMIT);
  const more = table.rows.length - rows.length;
  if (table.rows.length === 0) return html`<p>Geen advertenties gezien in deze periode.</p>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="Trendtabel">
    <table class="data-table trends-table">
      <caption>${table.rows.length} rij(en)${more > 0 ? `, de eerste ${TABLE_ROW_LIMIT} getoond: download voor alle` : ''}</caption>
      <thead><tr>${labels.map((c) => html`<th scope="col">${COLUMN_LABELS_NL[c] ?? c}</th>`)}${counts.map((c) => html`<th scope="col" class="num">${COLUMN_LABELS_NL[c] ?? c}</th>`)}</tr></thead>
      <tbody>${rows.map((row) => html`<tr>${labels.map((c) => html`<td>${labelCell(c, row[c] ?? null)}</td>`)}${counts.map((c) => html`<td class="num">${exportCount(countOf(row, c))}</td>`)}</tr>`)}</tbody>
    </table>
  </div>`;
}

function trendFigure(charts: AnalystCharts): SafeHtml {
  const { weeks, series } = charts.districtTrend;
  const measure = MEASURE_LABELS_NL[charts.measure];
  const ordered = [...series].sort((a, b) => districtColour(a.district) - districtColour(b.district));
  const table = html`<table class="data-table"><caption>${measure} per week en district</caption>
    <thead><tr><th scope="col">Week</th>${ordered.map((s) => html`<th scope="col" class="num">${districtLabel(s.district)}</th>`)}</tr></thead>
    <tbody>${weeks.map((w, i) => html`<tr><th scope="row">${w.week}</th>${ordered.map((s) => html`<td class="num">${exportCount(s.points[i]!)}</td>`)}</tr>`)}</tbody></table>`;
  return chartFigure({
    caption: `${measure} per week, per district. Een onderbroken lijn is een weggelaten aantal (minder dan 5).`,
    chart: lineChart({
      title: `${measure} per week per district`,
      xLabels: weeks.map((w) => w.week),
      series: ordered.map((s) => ({ label: districtLabel(s.district), points: s.points, colour: districtColour(s.district) })),
    }),
    table,
  });
}

function barsFigure(charts: AnalystCharts): SafeHtml {
  const measure = MEASURE_LABELS_NL[charts.measure];
  const inRegion = charts.municipalityBars
    .filter((b) => (DISTRICTS as readonly string[]).includes(b.district))
    .sort((a, b) => districtColour(a.district) - districtColour(b.district) || (b.value ?? -1) - (a.value ?? -1) || a.municipality.localeCompare(b.municipality, 'nl'));
  const table = html`<table class="data-table"><caption>${measure} per gemeente</caption>
    <thead><tr><th scope="col">Gemeente</th><th scope="col">District</th><th scope="col" class="num">${measure}</th></tr></thead>
    <tbody>${inRegion.map((b) => html`<tr><th scope="row">${b.municipality}</th><td>${b.district}</td><td class="num">${exportCount(b)}</td></tr>`)}</tbody></table>`;
  return chartFigure({
    caption: `${measure} per gemeente in de drie districten, over de hele periode.`,
    chart: barChart({
      title: `${measure} per gemeente`,
      bars: inRegion.map((b) => ({ label: b.municipality, value: b.value, flag: b.flag, colour: districtColour(b.district) })),
      legend: DISTRICTS.map((d) => ({ label: d, colour: districtColour(d) })),
    }),
    table,
  });
}

function movementSection(charts: AnalystCharts): SafeHtml {
  const matrix = charts.movementMatrix;
  const level = LEVEL_LABELS_NL[matrix.level];
  return html`<section class="chart-figure" aria-labelledby="h-movements"><h3 id="h-movements">Verplaatsingen van nummers ${level}</h3>
    <p class="hint">Telefoonnummers die de ene week in de ene plaats en de week erna in een andere gezien zijn (gekoppeld via een
      gesleutelde hash; nummers zelf worden nooit getoond). Rij: waar het nummer eerst was; kolom: waar het daarna was.</p>
    ${movementMatrix({
      caption: `Aantal telefoonnummers, van (rij) naar (kolom), ${level}`,
      places: matrix.places.map((p) => ({ key: p.key, label: matrix.level === 'district' ? districtLabel(p.label) : p.label })),
      cells: matrix.cells,
    })}
  </section>`;
}

/** The three charts of a period. */
export function chartsSection(charts: AnalystCharts): SafeHtml {
  return html`<section aria-labelledby="h-charts"><h2 id="h-charts">Grafieken</h2>
    ${trendFigure(charts)}
    ${barsFigure(charts)}
    ${movementSection(charts)}
  </section>`;
}

/** The period in words, for the page's heading area. */
export function periodSentence(analysis: Analysis): SafeHtml {
  return html`<p>Periode <strong>${analysis.from}</strong> tot en met <strong>${analysis.to}</strong> (weken: ISO, maandag tot en met zondag, Nederlandse tijd).</p>`;
}
