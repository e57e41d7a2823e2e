/**
 * How a withheld (suppressed) count looks on a page: never a number, never an empty cell a
 * reader could take for zero, always with the reason on hover and for screen readers.
 */
import { html, type SafeHtml } from '../html.js';
import { withheldText, type ChartValue } from '../charts/chart-parts.js';

const REASON_PRIMARY = 'Weggelaten: minder dan 5';
const REASON_SECONDARY = 'Weggelaten zodat een klein aantal elders niet uit een totaal terug te rekenen is';

/** A suppressed export value: the number, `<5`, or `verborgen` (secondary). */
export function exportCount(value: ChartValue): SafeHtml {
  if (value.value !== null) return html`${value.value}`;
  const reason = value.flag === 'secondary' ? REASON_SECONDARY : REASON_PRIMARY;
  return html`<abbr class="withheld" title="${reason}">${withheldText(value.flag)}</abbr>`;
}

/** An overview count (the store does not say which kind of suppression hit it). */
export function overviewCount(count: { count: number | null; suppressed: boolean }): SafeHtml {
  if (!count.suppressed) return html`${count.count ?? 0}`;
  return html`<abbr class="withheld" title="Weggelaten: minder dan 5, of nodig om een klein aantal te beschermen">verborgen</abbr>`;
}

/** The explanation under every page that withholds counts. */
export function suppressionNote(): SafeHtml {
  return html`<p class="hint suppression-note"><strong>Kleine aantallen zijn weggelaten.</strong> <abbr class="withheld" title="${REASON_PRIMARY}">&lt;5</abbr>:
    1 tot en met 4, niet getoond. <abbr class="withheld" title="${REASON_SECONDARY}">verborgen</abbr>: ook weggelaten, omdat het
    weggelaten aantal anders uit een totaal terug te rekenen zou zijn. Nul wordt wel getoond.</p>`;
}
