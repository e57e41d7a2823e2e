/**
 * The work queue page (GET /werkvoorraad): pure rendering of what the route loaded. Everything
 * from an ad (title, site) goes through `html` and is escaped.
 */
import { INDICATOR_CODES } from '../../classifier/risk/indicator.js';
import { DISTRICTS } from '../../domain/districts.js';
import { LICENCE_STATUSES } from '../../domain/licence.js';
import { REVIEW_DECISION_LABELS_NL } from '../../domain/review.js';
import type { MunicipalityInfo } from '../../extract/index.js';
import type { WorkQueuePage, WorkQueueRow } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { AD_STATUS_LABELS_NL, formatDate, formatDateTime, INDICATOR_LABELS_NL, indicatorLabel, isoDateTime, LICENCE_STATUS_LABELS_NL } from '../labels.js';
import type { SessionUser } from '../policy.js';
import { narrowsDefaults, queueUrl, REVIEW_CHOICES, STATUS_CHOICES, type QueueParams, type QueueQuery, type ReviewChoice, type StatusChoice } from '../routes/queue-query.js';
import { scoreMeter } from './score-meter.js';

export interface QueueViewModel {
  user: SessionUser;
  query: QueueQuery;
  /** Null when the query was invalid and nothing was loaded. */
  page: WorkQueuePage | null;
  municipalities: readonly MunicipalityInfo[];
  sites: readonly string[];
}

const REVIEW_CHOICE_LABELS: Record<ReviewChoice, string> = {
  no: 'Nog niet beoordeeld',
  yes: 'Beoordeeld (elk besluit)',
  all: 'Alle',
  ...Object.fromEntries(Object.entries(REVIEW_DECISION_LABELS_NL).map(([code, label]) => [code, `Besluit: ${label}`])),
} as Record<ReviewChoice, string>;

const STATUS_CHOICE_LABELS: Record<StatusChoice, string> = { live: 'Online', gone: 'Verdwenen', all: 'Alle' };

type Option = readonly [value: string, label: string];

function select(id: string, name: string, label: string, options: readonly Option[], selected: string | undefined, anyLabel?: string): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label>
    <select id="${id}" name="${name}">
      ${anyLabel ? html`<option value="">${anyLabel}</option>` : ''}
      ${options.map(([value, text]) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${text}</option>`)}
    </select></div>`;
}

function dateField(id: string, name: string, label: string, value: string | undefined): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${name}" type="date" value="${value ?? ''}"></div>`;
}

function municipalityOptions(municipalities: readonly MunicipalityInfo[], params: QueueParams): SafeHtml {
  const groups = DISTRICTS.map((d) => [d, municipalities.filter((m) => m.district === d)] as const).filter(([, list]) => list.length > 0);
  const option = (m: MunicipalityInfo) => html`<option value="${m.code}"${m.code === params.municipality ? html` selected` : ''}>${m.name}</option>`;
  return html`<div class="field"><label for="q-gemeente">Gemeente</label>
    <select id="q-gemeente" name="municipality"><option value="">Alle gemeenten</option>
      ${groups.length === 1 ? groups[0]![1].map(option) : groups.map(([d, list]) => html`<optgroup label="${d}">${list.map(option)}</optgroup>`)}
    </select></div>`;
}

function filterForm(model: QueueViewModel, params: QueueParams, review: ReviewChoice, status: StatusChoice): SafeHtml {
  const admin = model.user.role === 'admin';
  return html`<form method="get" action="/werkvoorraad" class="filter-form queue-filters" aria-label="Werkvoorraad filteren">
    ${select('q-beoordeling', 'review', 'Beoordeling', REVIEW_CHOICES.map((c) => [c, REVIEW_CHOICE_LABELS[c]] as const), review)}
    ${select('q-status', 'status', 'Status', STATUS_CHOICES.map((c) => [c, STATUS_CHOICE_LABELS[c]] as const), status)}
    ${select('q-vergunning', 'licence', 'Vergunningstatus', [...LICENCE_STATUSES, 'unassessed' as const].map((s) => [s, LICENCE_STATUS_LABELS_NL[s]] as const), params.licence, 'Alle')}
    ${select('q-indicator', 'indicator', 'Indicator', INDICATOR_CODES.map((c) => [c, INDICATOR_LABELS_NL[c]] as const), params.indicator, 'Alle indicatoren')}
    ${admin ? select('q-district', 'district', 'District', DISTRICTS.map((d) => [d, d] as const), params.district, 'Alle districten') : ''}
    ${municipalityOptions(model.municipalities, params)}
    ${select('q-site', 'site', 'Site', model.sites.map((s) => [s, s] as const), params.site, 'Alle sites')}
    <fieldset class="field-group"><legend>Eerst gezien</legend>
      ${dateField('q-eerst-van', 'firstSeenFrom', 'vanaf', params.firstSeenFrom)}${dateField('q-eerst-tot', 'firstSeenTo', 'tot en met', params.firstSeenTo)}</fieldset>
    <fieldset class="field-group"><legend>Laatst gezien</legend>
      ${dateField('q-laatst-van', 'lastSeenFrom', 'vanaf', params.lastSeenFrom)}${dateField('q-laatst-tot', 'lastSeenTo', 'tot en met', params.lastSeenTo)}</fieldset>
    ${params.phone ? html`<input type="hidden" name="phone" value="${params.phone}">` : ''}
    ${params.permit ? html`<input type="hidden" name="permit" value="${params.permit}">` : ''}
    <div class="actions"><button type="submit">Filteren</button> <a href="/werkvoorraad">Wis filters</a></div>
  </form>`;
}

function searchForm(params: QueueParams): SafeHtml {
  return html`<form method="get" action="/werkvoorraad" class="search-form" role="search" aria-label="Zoeken op nummer">
    <div class="field"><label for="q-telefoon">Telefoonnummer</label>
      <input id="q-telefoon" name="phone" type="search" inputmode="tel" autocomplete="off" value="${params.phone ?? ''}" placeholder="06-12345678"></div>
    <div class="field"><label for="q-vergunningnummer">Vergunningnummer</label>
      <input id="q-vergunningnummer" name="permit" type="search" autocomplete="off" value="${params.permit ?? ''}"></div>
    <div class="actions"><button type="submit">Zoeken</button></div>
    <p class="hint">Zoeken doorzoekt alle advertenties, beoordeeld of niet, online of verdwenen.</p>
  </form>`;
}

function queueRow(row: WorkQueueRow): SafeHtml {
  const decision = row.reviewDecision
    ? html`${REVIEW_DECISION_LABELS_NL[row.reviewDecision]}${row.reviewedAt ? html`<br><time class="muted" datetime="${isoDateTime(row.reviewedAt)}">${formatDateTime(row.reviewedAt)}</time>` : ''}`
    : html`<span class="muted">nog niet beoordeeld</span>`;
  return html`<tr>
    <td class="score-cell">${scoreMeter(row.riskScore)}</td>
    <td><a href="/advertenties/${row.id}">${row.title ?? '(zonder titel)'}</a><br><span class="muted">nr. ${row.id}${row.clusterId ? ' · in cluster' : ''}</span></td>
    <td>${row.topIndicators.length > 0 ? html`<ul class="tags">${row.topIndicators.map((c) => html`<li>${indicatorLabel(c)}</li>`)}</ul>` : html`<span class="muted">geen</span>`}</td>
    <td>${row.licenceStatus ? LICENCE_STATUS_LABELS_NL[row.licenceStatus] : LICENCE_STATUS_LABELS_NL.unassessed}</td>
    <td>${row.municipalityName ?? html`<span class="muted">onbekend</span>`}</td>
    <td>${row.site}</td>
    <td><time datetime="${isoDateTime(row.firstSeen)}">${formatDate(row.firstSeen)}</time></td>
    <td><time datetime="${isoDateTime(row.lastSeen)}">${formatDate(row.lastSeen)}</time>${row.status === 'gone' ? html`<br><span class="muted">${AD_STATUS_LABELS_NL.gone}</span>` : ''}</td>
    <td>${decision}</td>
  </tr>`;
}

function emptyState(query: Extract<QueueQuery, { ok: true }>): SafeHtml {
  const { request } = query;
  if (request.params.cursor) return html`<p class="empty">Geen verdere advertenties. <a href="${queueUrl({ ...request.params, cursor: undefined })}">Terug naar het begin</a></p>`;
  if (narrowsDefaults(request)) return html`<p class="empty">Geen advertenties gevonden met deze filters. <a href="/werkvoorraad">Wis filters</a></p>`;
  return html`<p class="empty">Er zijn geen advertenties die nog beoordeeld moeten worden. Goed werk.</p>`;
}

function resultsTable(query: Extract<QueueQuery, { ok: true }>, page: WorkQueuePage): SafeHtml {
  if (page.rows.length === 0) return emptyState(query);
  const params = query.request.params;
  const pager = html`<nav class="pager" aria-label="Pagina's">
    ${params.cursor ? html`<a href="${queueUrl({ ...params, cursor: undefined })}">« Terug naar het begin</a>` : ''}
    ${page.nextCursor ? html`<a href="${queueUrl({ ...params, cursor: page.nextCursor })}" rel="next">Volgende pagina »</a>` : ''}
  </nav>`;
  return html`<table class="data-table queue-table">
      <caption>${page.rows.length} advertentie(s) op deze pagina, hoogste risicoscore eerst</caption>
      <thead><tr><th scope="col">Risico</th><th scope="col">Advertentie</th><th scope="col">Belangrijkste indicatoren</th>
        <th scope="col">Vergunning</th><th scope="col">Gemeente</th><th scope="col">Site</th><th scope="col">Eerst gezien</th>
        <th scope="col">Laatst gezien</th><th scope="col">Besluit</th></tr></thead>
      <tbody>${page.rows.map(queueRow)}</tbody>
    </table>
    ${pager}`;
}

/** The page's main content. */
export function renderQueue(model: QueueViewModel): SafeHtml {
  const { query } = model;
  const params = query.ok ? query.request.params : query.params;
  const review = query.ok ? query.request.review : query.review;
  const status = query.ok ? query.request.status : query.status;
  const where = model.user.district ?? 'alle districten';
  const errors = query.ok
    ? ''
    : html`<div class="error" role="alert" id="queue-fouten"><p>Deze filters kunnen niet worden toegepast:</p><ul>${query.errors.map((e) => html`<li>${e}</li>`)}</ul></div>`;
  return html`<h1>Werkvoorraad <span class="subtitle">${where}</span></h1>
    <p class="lead">Advertenties in ${where}, hoogste risicoscore eerst. Standaard: online en nog niet beoordeeld.</p>
    ${searchForm(params)}
    ${filterForm(model, params, review, status)}
    ${errors}
    ${query.ok && model.page ? resultsTable(query, model.page) : ''}`;
}
