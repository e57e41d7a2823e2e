/** The run history's parts: a run's status, its row, its facts (detail page). */
import type { CrawlRunDetail, CrawlRunSummary } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime, isoDateTime, RUN_STATUS_LABELS_NL } from '../labels.js';

/** `status-on` (fine), `status-warn` (running, suspect), `status-off` (failed, incomplete). */
export function runStatus(status: string): SafeHtml {
  const tone = status === 'succeeded' ? 'status-on' : status === 'running' || status === 'suspect' ? 'status-warn' : 'status-off';
  return html`<span class="status ${tone}">${RUN_STATUS_LABELS_NL[status] ?? status}</span>`;
}

export function time(date: Date | null): SafeHtml {
  return date ? html`<time datetime="${isoDateTime(date)}">${formatDateTime(date)}</time>` : html`<span class="muted">—</span>`;
}

export const runUrl = (runId: string) => `/beheer/crawls/${encodeURIComponent(runId)}`;

export const RUN_COLUMNS = ['Site', 'Status', 'Gestart', 'Klaar', "Pagina's", 'Mislukt', 'Gezien', 'Nieuw', 'Gewijzigd', 'Ongewijzigd', 'Verdwenen', 'Fouten'] as const;

export function runRow(run: CrawlRunSummary): SafeHtml {
  return html`<tr>
    <td><a href="/beheer/crawls?site=${encodeURIComponent(run.site)}">${run.site}</a></td>
    <td><a href="${runUrl(run.runId)}">${runStatus(run.status)}</a>${run.healthReason ? html`<div class="details" lang="en">${run.healthReason}</div>` : ''}</td>
    <td>${time(run.startedAt)}</td>
    <td>${time(run.finishedAt)}</td>
    <td class="num">${run.pages}</td>
    <td class="num">${run.pagesFailed}</td>
    <td class="num">${run.adsSeen}</td>
    <td class="num">${run.adsNew}</td>
    <td class="num">${run.adsChanged}</td>
    <td class="num">${run.adsUnchanged}</td>
    <td class="num">${run.adsGone}</td>
    <td class="num">${run.errors > 0 ? html`<a href="${runUrl(run.runId)}">${run.errors}</a>` : '0'}</td>
  </tr>`;
}

export function runsTable(runs: readonly CrawlRunSummary[], caption: string): SafeHtml {
  if (runs.length === 0) return html`<p>Geen crawls gevonden.</p>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${caption}">
    <table class="data-table runs-table">
      <caption>${caption}</caption>
      <thead><tr>${RUN_COLUMNS.map((c, i) => html`<th scope="col"${i >= 4 ? html` class="num"` : ''}>${c}</th>`)}</tr></thead>
      <tbody>${runs.map(runRow)}</tbody>
    </table>
  </div>`;
}

/** A run's facts as a description list, for its own page. */
export function runFacts(run: CrawlRunDetail): SafeHtml {
  const facts: Array<[string, SafeHtml | string | number]> = [
    ['Site', html`<a href="/beheer/crawls?site=${encodeURIComponent(run.site)}">${run.site}</a>`],
    ['Status', runStatus(run.status)],
    ['Gestart', time(run.startedAt)],
    ['Klaar', time(run.finishedAt)],
    ["Pagina's (mislukt)", `${run.pages} (${run.pagesFailed})`],
    ['Advertenties gezien', run.adsSeen],
    ['Nieuw / gewijzigd / ongewijzigd', `${run.adsNew} / ${run.adsChanged} / ${run.adsUnchanged}`],
    ['Gemist / verdwenen', `${run.adsMissed} / ${run.adsGone}`],
    ['Gewoonlijk', run.usualAds ?? '—'],
    ['Fouten', run.errors],
  ];
  return html`<dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}
    ${run.healthReason ? html`<dt>Waarom niet geslaagd</dt><dd lang="en">${run.healthReason}</dd>` : ''}</dl>`;
}
