import { z } from 'zod';
import { AUDIT_ACTIONS, isAuditAction, listAuditEntries, type AuditFilter, type StoredAuditEntry } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { AUDIT_ACTION_LABELS_NL, formatDateTime, isoDateTime, nextDay, startOfDutchDay } from '../labels.js';
import { allowedTo, get, type PageRoute } from './route.js';

export const AUDIT_PAGE_SIZE = 50;

/** A form's empty field is "no filter". */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd').refine((d) => !Number.isNaN(Date.parse(d)), 'not a date');

const AuditQuery = z.object({
  gebruiker: optional(z.string().trim().max(200)),
  actie: optional(z.enum(AUDIT_ACTIONS)),
  van: optional(day),
  tot: optional(day),
  voor: optional(z.string().regex(/^[1-9]\d{0,17}$/)),
});
type AuditQuery = z.output<typeof AuditQuery>;

function toFilter(query: AuditQuery): AuditFilter {
  return {
    username: query.gebruiker,
    action: query.actie,
    from: query.van ? startOfDutchDay(query.van) : undefined,
    // "tot en met": up to the start of the next day.
    until: query.tot ? startOfDutchDay(nextDay(query.tot)) : undefined,
  };
}

/** The audit page's URL for these filters (and page). */
export function auditUrl(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/beheer/audit?${search}` : '/beheer/audit';
}

function filterForm(query: AuditQuery): SafeHtml {
  return html`<form method="get" action="/beheer/audit" class="filter-form" aria-label="Auditlog filteren">
    <div class="field"><label for="f-gebruiker">Gebruiker</label>
      <input id="f-gebruiker" name="gebruiker" type="text" value="${query.gebruiker ?? ''}" autocomplete="off"></div>
    <div class="field"><label for="f-actie">Actie</label>
      <select id="f-actie" name="actie">
        <option value="">Alle acties</option>
        ${AUDIT_ACTIONS.map((a) => html`<option value="${a}"${query.actie === a ? html` selected` : ''}>${AUDIT_ACTION_LABELS_NL[a]}</option>`)}
      </select></div>
    <div class="field"><label for="f-van">Van</label><input id="f-van" name="van" type="date" value="${query.van ?? ''}"></div>
    <div class="field"><label for="f-tot">Tot en met</label><input id="f-tot" name="tot" type="date" value="${query.tot ?? ''}"></div>
    <div class="actions"><button type="submit">Filteren</button> <a href="/beheer/audit">Wis filters</a></div>
  </form>`;
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

function entryRow(entry: StoredAuditEntry): SafeHtml {
  const label = isAuditAction(entry.action) ? AUDIT_ACTION_LABELS_NL[entry.action] : entry.action;
  return html`<tr>
    <td><time datetime="${isoDateTime(entry.at)}">${formatDateTime(entry.at)}</time></td>
    <td><a href="${auditUrl({ gebruiker: entry.username })}">${entry.username}</a>${entry.userId ? '' : html` <span class="muted">(geen account)</span>`}</td>
    <td>${label}</td>
    <td>${entry.target ?? ''}</td>
    <td class="details">${detailsText(entry.details)}</td>
  </tr>`;
}

function pager(query: AuditQuery, nextBeforeId: string | null): SafeHtml {
  const newest = query.voor ? html`<a href="${auditUrl({ ...query, voor: undefined })}">« Nieuwste</a>` : '';
  const older = nextBeforeId ? html`<a href="${auditUrl({ ...query, voor: nextBeforeId })}" rel="next">Oudere »</a>` : '';
  return newest || older ? html`<nav class="pager" aria-label="Pagina's">${newest} ${older}</nav>` : html``;
}

export const auditRoutes: readonly PageRoute[] = [
  get('/beheer/audit', allowedTo('audit:view'), async (ctx) => {
    const query = ctx.query(AuditQuery);
    const { entries, nextBeforeId } = await listAuditEntries(ctx.db, toFilter(query), { limit: AUDIT_PAGE_SIZE, beforeId: query.voor });
    const table = entries.length === 0
      ? html`<p>Geen vermeldingen gevonden.</p>`
      : html`<table class="data-table">
          <caption>Vermeldingen, nieuwste eerst (${entries.length} op deze pagina)</caption>
          <thead><tr><th scope="col">Tijd</th><th scope="col">Gebruiker</th><th scope="col">Actie</th><th scope="col">Onderwerp</th><th scope="col">Details</th></tr></thead>
          <tbody>${entries.map(entryRow)}</tbody>
        </table>`;
    return ctx.page('Auditlog', html`<h1>Auditlog</h1>
      <p>Elke inlog, uitlog, inzage van een advertentie, besluit en export, onveranderbaar vastgelegd.</p>
      ${filterForm(query)}
      ${table}
      ${pager(query, nextBeforeId)}`);
  }),
];
