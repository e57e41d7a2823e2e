/**
 * Horizontal bars as inline SVG (one row per category, so long municipality names stay
 * readable), rendered on the server and escaped by `html`. Pure.
 */
import { html, type SafeHtml } from '../html.js';
import { emptyChart, legend, seriesClass, valueText, withheldText, type ChartValue } from './chart-parts.js';
import { linearScale, niceTicks } from './scale.js';

export interface Bar extends ChartValue {
  label: string;
  /** Colour class index (e.g. the district); default 0. */
  colour?: number;
}

export interface BarChartSpec {
  /** The chart's accessible name; the figure caption around it says more. */
  title: string;
  bars: readonly Bar[];
  /** What the colours mean, if they mean anything. */
  legend?: ReadonlyArray<{ label: string; colour: number }>;
}

const WIDTH = 720;
const LABEL_WIDTH = 180;
const ROW = 24;
const BAR = 16;
const MARGIN = { top: 8, right: 56, bottom: 28 };

/**
 * One bar per entry, in the given order. A withheld count gets no bar but its `<5` in place of
 * the number, so it is not read as zero. Empty input gives a "no data" message.
 *
 * @example barChart({ title: 'Advertenties per gemeente', bars: [{ label: 'Haarlem', value: 20, flag: '' }] })
 */
export function barChart(spec: BarChartSpec): SafeHtml {
  if (spec.bars.length === 0) return emptyChart();
  const ticks = niceTicks(Math.max(0, ...spec.bars.map((b) => b.value ?? 0)));
  const x = linearScale(ticks.at(-1)!, LABEL_WIDTH, WIDTH - MARGIN.right);
  const height = MARGIN.top + spec.bars.length * ROW + MARGIN.bottom;
  const axisY = height - MARGIN.bottom;
  const rows = spec.bars.map((bar, i) => {
    const top = MARGIN.top + i * ROW;
    const label = html`<text class="bar-label" x="${LABEL_WIDTH - 8}" y="${top + BAR - 3}" text-anchor="end">${bar.label}</text>`;
    if (bar.value === null) {
      return html`${label}<text class="bar-value withheld" x="${LABEL_WIDTH + 4}" y="${top + BAR - 3}">${withheldText(bar.flag)}</text>`;
    }
    const width = x(bar.value) - LABEL_WIDTH;
    return html`${label}<rect class="bar ${seriesClass(bar.colour ?? 0)}" x="${LABEL_WIDTH}" y="${top}" width="${width}" height="${BAR}"><title>${bar.label}: ${valueText(bar)}</title></rect><text class="bar-value" x="${LABEL_WIDTH + width + 4}" y="${top + BAR - 3}">${bar.value}</text>`;
  });
  const axis = html`<g class="axis axis-x"><line class="baseline" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="${MARGIN.top}" y2="${axisY}"></line>${ticks.map((t) => html`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${MARGIN.top}" y2="${axisY}"></line><text class="tick-label" x="${x(t)}" y="${axisY + 18}" text-anchor="middle">${t}</text>`)}</g>`;
  return html`<svg class="chart chart-bars" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${spec.title}" focusable="false">
    ${axis}${rows}
  </svg>
  ${spec.legend ? legend(spec.legend) : ''}`;
}
