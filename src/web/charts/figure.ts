import { html, type SafeHtml } from '../html.js';

/**
 * A chart with its caption and the same figures as a table (for screen readers, for copying,
 * and for the withheld counts a picture cannot show), folded open on demand.
 */
export function chartFigure(options: { caption: SafeHtml | string; chart: SafeHtml; table: SafeHtml }): SafeHtml {
  return html`<figure class="chart-figure">
    <figcaption>${options.caption}</figcaption>
    ${options.chart}
    <details class="chart-data"><summary>De cijfers als tabel</summary>${options.table}</details>
  </figure>`;
}
