/**
 * The movement of numbers between places as a matrix table (from-place rows × to-place columns),
 * shaded by size through CSS classes. A table rather than a flow picture: it is readable by
 * screen readers as is, and every cell can say "<5". Pure.
 */
import { html, type SafeHtml } from '../html.js';
import { emptyChart, withheldText, type ChartValue } from './chart-parts.js';

export interface MatrixSpec {
  caption: string;
  /** Rows and columns, in this order. */
  places: ReadonlyArray<{ key: string; label: string }>;
  /** The non-empty cells; a missing pair is zero. */
  cells: ReadonlyArray<ChartValue & { from: string; to: string }>;
}

/** Shading steps `.heat-1` … `.heat-4` in zicht.css; 0 is unshaded. */
const HEAT_STEPS = 4;

/** The shading step of a value relative to the largest one (1 … 4; 0 for zero). */
export function heatStep(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((value / max) * HEAT_STEPS));
}

function cellOf(cell: (ChartValue & { from: string; to: string }) | undefined, max: number, same: boolean): SafeHtml {
  if (same) return html`<td class="matrix-self"><span class="visually-hidden">niet van toepassing</span>—</td>`;
  if (!cell) return html`<td class="matrix-zero">0</td>`;
  if (cell.value === null) return html`<td class="matrix-withheld">${withheldText(cell.flag)}</td>`;
  return html`<td class="heat-${heatStep(cell.value, max)}">${cell.value}</td>`;
}

/**
 * The matrix: row = where numbers were seen one week, column = where they were seen the next.
 *
 * @example movementMatrix({ caption: 'Van → naar', places: [{ key: 'GM0392', label: 'Haarlem' }, …], cells: […] })
 */
export function movementMatrix(spec: MatrixSpec): SafeHtml {
  if (spec.places.length === 0) return emptyChart();
  const byPair = new Map(spec.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const max = Math.max(0, ...spec.cells.map((c) => c.value ?? 0));
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${spec.caption}">
    <table class="data-table matrix">
      <caption>${spec.caption}</caption>
      <thead><tr><th scope="col"><span class="visually-hidden">Van (rij) naar (kolom)</span><span aria-hidden="true">van ↓ naar →</span></th>${spec.places.map((p) => html`<th scope="col">${p.label}</th>`)}</tr></thead>
      <tbody>${spec.places.map((from) => html`<tr><th scope="row">${from.label}</th>${spec.places.map((to) => cellOf(byPair.get(`${from.key}\u0000${to.key}`), max, from.key === to.key))}</tr>`)}</tbody>
    </table>
  </div>`;
}
