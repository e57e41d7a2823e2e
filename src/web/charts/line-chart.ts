/**
 * Trend lines as inline SVG, rendered on the server: no chart script (the CSP allows none
 * inline, and the page must work without script), every label escaped by `html`. Pure.
 */
import { html, type SafeHtml } from '../html.js';
import { emptyChart, legend, seriesClass, valueText, type ChartValue } from './chart-parts.js';
import { labelEvery, linearScale, niceTicks, round } from './scale.js';

export interface LineSeries {
  label: string;
  /** One value per x label, in order; a withheld value (null) breaks the line. */
  points: readonly ChartValue[];
  /** Colour class index; default the series' position. */
  colour?: number;
}

export interface LineChartSpec {
  /** The chart's accessible name; the figure caption around it says more. */
  title: string;
  xLabels: readonly string[];
  series: readonly LineSeries[];
}

const WIDTH = 720;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 40, bottom: 40, left: 52 };
/** About this many x labels fit under the plot without overlapping. */
const X_LABEL_ROOM = 10;

interface Frame {
  x: (index: number) => number;
  y: (value: number) => number;
  ticks: number[];
}

function frameOf(spec: LineChartSpec): Frame {
  const max = Math.max(0, ...spec.series.flatMap((s) => s.points.map((p) => p.value ?? 0)));
  const ticks = niceTicks(max);
  const n = spec.xLabels.length;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  return {
    x: (i) => round(n === 1 ? MARGIN.left + plotWidth / 2 : MARGIN.left + (plotWidth * i) / (n - 1)),
    y: linearScale(ticks.at(-1)!, HEIGHT - MARGIN.bottom, MARGIN.top),
    ticks,
  };
}

function yAxis(frame: Frame): SafeHtml {
  return html`<g class="axis axis-y">${frame.ticks.map((t) => html`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${frame.y(t)}" y2="${frame.y(t)}"></line><text class="tick-label" x="${MARGIN.left - 8}" y="${frame.y(t) + 4}" text-anchor="end">${t}</text>`)}</g>`;
}

function xAxis(spec: LineChartSpec, frame: Frame): SafeHtml {
  const shown = labelEvery(spec.xLabels.length, X_LABEL_ROOM);
  const baseline = HEIGHT - MARGIN.bottom;
  return html`<g class="axis axis-x"><line class="baseline" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}"></line>${spec.xLabels.map((label, i) =>
    shown(i) ? html`<text class="tick-label" x="${frame.x(i)}" y="${baseline + 20}" text-anchor="middle">${label}</text>` : '')}</g>`;
}

/** The runs of consecutive shown values: each becomes one path, so a withheld week is a gap. */
function segments(points: readonly ChartValue[]): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length > 0) runs.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length > 0) runs.push(current);
  return runs;
}

function seriesGroup(spec: LineChartSpec, series: LineSeries, index: number, frame: Frame): SafeHtml {
  const at = (i: number) => `${frame.x(i)} ${frame.y(series.points[i]!.value!)}`;
  const paths = segments(series.points)
    .filter((run) => run.length > 1)
    .map((run) => html`<path class="line" d="${run.map((i, k) => `${k === 0 ? 'M' : 'L'}${at(i)}`).join(' ')}"></path>`);
  const dots = series.points.map((p, i) =>
    p.value === null
      ? ''
      : html`<circle class="point" cx="${frame.x(i)}" cy="${frame.y(p.value)}" r="3.5"><title>${series.label}, ${spec.xLabels[i]}: ${valueText(p)}</title></circle>`);
  return html`<g class="series ${seriesClass(series.colour ?? index)}">${paths}${dots}</g>`;
}

/**
 * One line per series over the x labels (weeks). A withheld value is left out and breaks its
 * line; its number is in the table beside the chart. Empty input gives a "no data" message.
 *
 * @example lineChart({ title: 'Advertenties per week', xLabels: ['2025-W01', '2025-W02'],
 *   series: [{ label: 'Kennemerland', points: [{ value: 12, flag: '' }, { value: null, flag: '<5' }] }] })
 */
export function lineChart(spec: LineChartSpec): SafeHtml {
  if (spec.xLabels.length === 0 || spec.series.length === 0) return emptyChart();
  const frame = frameOf(spec);
  return html`<svg class="chart chart-line" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${spec.title}" focusable="false">
    ${yAxis(frame)}${xAxis(spec, frame)}
    ${spec.series.map((s, i) => seriesGroup(spec, s, i, frame))}
  </svg>
  ${legend(spec.series.map((s, i) => ({ label: s.label, colour: s.colour ?? i })))}`;
}
