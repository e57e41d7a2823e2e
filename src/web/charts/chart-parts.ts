/**
 * What the charts share: the value type, the colour classes (zicht.css `.series-N`, so no inline
 * style is needed under the CSP), the legend and the "no data" message.
 */
import { html, type SafeHtml } from '../html.js';

/** A count as the suppressed exports give it: `value` null when withheld (`flag` `<5` or `secondary`). */
export interface ChartValue {
  value: number | null;
  flag: string;
}

/** How many colour classes zicht.css defines (`.series-0` … `.series-5`, colour-blind safe). */
export const SERIES_COLOURS = 6;

export function seriesClass(colour: number): string {
  return `series-${((colour % SERIES_COLOURS) + SERIES_COLOURS) % SERIES_COLOURS}`;
}

/** The words for a withheld count: `<5`, or `verborgen` for a secondary suppression. */
export function withheldText(flag: string): string {
  return flag === 'secondary' ? 'verborgen' : '<5';
}

/** A count as text for tooltips and labels. */
export function valueText(point: ChartValue): string {
  return point.value === null ? withheldText(point.flag) : String(point.value);
}

/** The legend under a chart: a swatch (decorative) and the series' name. */
export function legend(items: ReadonlyArray<{ label: string; colour: number }>): SafeHtml {
  return html`<ul class="chart-legend">${items.map((item) => html`<li><span class="swatch ${seriesClass(item.colour)}" aria-hidden="true"></span>${item.label}</li>`)}</ul>`;
}

/** Shown instead of a chart when there is nothing to draw. */
export function emptyChart(): SafeHtml {
  return html`<p class="chart-empty">Geen gegevens in deze periode.</p>`;
}
