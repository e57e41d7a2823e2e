/** /beheer/crawls: the crawl run history (issue 7), newest first, by site and status, paged. */
import { z } from 'zod';
import { getCrawlRun, listCrawlRuns, listSiteHealth, type CrawlRunStatus } from '../../store/index.js';
import { HttpError } from '../http-error.js';
import { html, type SafeHtml } from '../html.js';
import { RUN_STATUS_LABELS_NL } from '../labels.js';
import type { WebServices } from '../services.js';
import { runFacts, runsTable } from '../views/crawl-runs-view.js';
import { allowedTo, get, type PageRoute } from './route.js';

export const RUNS_PAGE_SIZE = 50;
const RUN_STATUSES = ['running', 'succeeded', 'suspect', 'incomplete', 'failed'] as const satisfies readonly CrawlRunStatus[];

const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const RunsQuery = z.object({
  site: optional(z.string().trim().max(200)),
  status: optional(z.enum(RUN_STATUSES)),
  /** Paging: runs started before this instant (the last row's start). */
  voor: optional(z.iso.datetime()),
});
type RunsQuery = z.output<typeof RunsQuery>;

export function runsUrl(query: RunsQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/beheer/crawls?${search}` : '/beheer/crawls';
}

/** The sites to filter on: configured ones and every site with a closed run. */
async function knownSites(services: WebServices): Promise<string[]> {
  const health = await listSiteHealth(services.db);
  return [...new Set([...(services.sites ?? []).map((s) => s.id), ...health.map((h) => h.site)])].sort();
}

function filterForm(query: RunsQuery, sites: string[]): SafeHtml {
  const siteOptions = query.site && !sites.includes(query.site) ? [...sites, query.site] : sites;
  return html`<form method="get" action="/beheer/crawls" class="filter-form" aria-label="Crawls filteren">
    <div class="field"><label for="f-site">Site</label>
      <select id="f-site" name="site"><option value="">Alle sites</option>
        ${siteOptions.map((s) => html`<option value="${s}"${query.site === s ? html` selected` : ''}>${s}</option>`)}</select></div>
    <div class="field"><label for="f-status">Status</label>
      <select id="f-status" name="status"><option value="">Alle</option>
        ${RUN_STATUSES.map((s) => html`<option value="${s}"${query.status === s ? html` selected` : ''}>${RUN_STATUS_LABELS_NL[s]}</option>`)}</select></div>
    <div class="actions"><button type="submit">Filteren</button> <a href="/beheer/crawls">Wis filters</a></div>
  </form>`;
}

function pager(query: RunsQuery, next: string | null): SafeHtml {
  const newest = query.voor ? html`<a href="${runsUrl({ ...query, voor: undefined })}">« Nieuwste</a>` : '';
  const older = next ? html`<a href="${runsUrl({ ...query, voor: next })}" rel="next">Oudere »</a>` : '';
  return newest || older ? html`<nav class="pager" aria-label="Pagina's">${newest} ${older}</nav>` : html``;
}

export const crawlRoutes: readonly PageRoute[] = [
  get('/beheer/crawls', allowedTo('operations:view'), async (ctx) => {
    const query = ctx.query(RunsQuery);
    const [runs, sites] = await Promise.all([
      // One more than a page: whether there is an older page.
      listCrawlRuns(ctx.db, { site: query.site, status: query.status, before: query.voor ? new Date(query.voor) : undefined, limit: RUNS_PAGE_SIZE + 1 }),
      knownSites(ctx.services),
    ]);
    const shown = runs.slice(0, RUNS_PAGE_SIZE);
    const next = runs.length > RUNS_PAGE_SIZE ? shown.at(-1)!.startedAt.toISOString() : null;
    return ctx.page('Crawls', html`<h1>Crawls</h1>
      <p>Elke crawl van elke site: status, aantallen en fouten. Alleen een geslaagde crawl markeert advertenties als gemist;
        <a href="/beheer/sites">sitegezondheid en schema's</a>.</p>
      ${filterForm(query, sites)}
      ${runsTable(shown, `Crawls, nieuwste eerst (${shown.length} op deze pagina)`)}
      ${pager(query, next)}`);
  }),

  get('/beheer/crawls/:id', allowedTo('operations:view'), async (ctx) => {
    const { id } = ctx.request.params as { id: string };
    const run = id.length <= 200 ? await getCrawlRun(ctx.db, id) : null;
    if (!run) throw new HttpError(404, `no crawl run ${id}`);
    const more = run.errors - run.errorList.length;
    const errors = run.errorList.length === 0
      ? html`<p>Geen fouten.</p>`
      : html`<table class="data-table"><caption>Fouten${more > 0 ? ` (de eerste ${run.errorList.length} van ${run.errors})` : ''}</caption>
          <thead><tr><th scope="col">Pagina</th><th scope="col">Melding</th></tr></thead>
          <tbody>${run.errorList.map((e) => html`<tr><td class="details">${e.url ?? '—'}</td><td lang="en">${e.message}</td></tr>`)}</tbody></table>`;
    return ctx.page(`Crawl ${run.site}`, html`<h1>Crawl van ${run.site}</h1>
      <p class="muted">Run <code>${run.runId}</code> · <a href="/beheer/crawls?site=${encodeURIComponent(run.site)}">alle crawls van deze site</a></p>
      ${runFacts(run)}
      <h2>Fouten</h2>
      ${errors}`);
  }),
];
