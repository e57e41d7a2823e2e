import { html, type SafeHtml } from '../html.js';
import { formatScore } from '../labels.js';

/**
 * A score in [0, 1] as a bar and a number. `<meter>` rather than a styled div: no inline style
 * (the CSP forbids it), the browser colours it by the low/high bands, and it has a text fallback.
 */
export function scoreMeter(score: number, name = 'Risicoscore'): SafeHtml {
  const value = Math.min(1, Math.max(0, score));
  return html`<span class="score"><meter min="0" max="1" low="0.3" high="0.6" optimum="0" value="${value.toFixed(4)}" aria-label="${name} ${formatScore(value)}">${formatScore(value)}</meter>
    <span class="score-value" aria-hidden="true">${formatScore(value)}</span></span>`;
}
