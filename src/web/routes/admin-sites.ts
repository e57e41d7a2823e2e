/** /beheer/sites: each site's health, its last runs and its crawl schedule (issue 7). */
import { nextFiring, resolveSchedules, type SiteSchedule } from '../../queue/schedules.js';
import { listCrawlRuns, listScheduleOverrides, listSiteHealth, type CrawlRunSummary, type Db, type ScheduleOverride, type SiteHealth } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { SITE_HEALTH_LABELS_NL } from '../labels.js';
import type { WebServices } from '../services.js';
import { runStatus, runUrl, time } from '../views/crawl-runs-view.js';
import { allowedTo, get, type PageRoute } from './route.js';

/** Runs shown per site. */
const LAST_RUNS = 5;

const SOURCE_LABELS_NL: Record<SiteSchedule['source'], string> = {
  override: 'ingesteld met zicht schedule set',
  config: 'uit de siteconfiguratie',
  default: 'standaard nachtelijk tijdstip',
};

/** A site's schedule as far as this process knows it; null: its site config was not loaded. */
type KnownSchedule = { schedule: SiteSchedule | null; problem: string | null; configured: boolean } | null;

interface SiteRow {
  site: string;
  health: SiteHealth | undefined;
  runs: CrawlRunSummary[];
  schedule: KnownSchedule;
}

/** Schedules the way `zicht start` registers them: override, site config, or the default slot. */
function schedulesOf(services: WebServices, overrides: Map<string, ScheduleOverride>, site: string): KnownSchedule {
  if (services.sites === null) {
    const override = overrides.get(site);
    return override ? { schedule: { site, pattern: override.pattern, tz: override.tz, source: 'override' }, problem: null, configured: true } : null;
  }
  const configured = services.sites.find((s) => s.id === site);
  if (!configured) return { schedule: null, problem: null, configured: false };
  const { schedules, problems } = resolveSchedules({ sites: [configured], overrides, tz: services.scheduleTz });
  return { schedule: schedules[0] ?? null, problem: problems[0] ?? null, configured: true };
}

async function siteRows(db: Db, services: WebServices): Promise<SiteRow[]> {
  const [health, overrides] = await Promise.all([listSiteHealth(db), listScheduleOverrides(db)]);
  const healthOf = new Map(health.map((h) => [h.site, h]));
  const sites = [...new Set([...health.map((h) => h.site), ...(services.sites ?? []).map((s) => s.id), ...overrides.keys()])];
  // Unhealthy first (listSiteHealth's order), then the rest by name.
  const order = (site: string) => {
    const index = health.findIndex((h) => h.site === site && h.status !== 'healthy');
    return index < 0 ? health.length : index;
  };
  sites.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return Promise.all(sites.map(async (site) => ({
    site,
    health: healthOf.get(site),
    runs: await listCrawlRuns(db, { site, limit: LAST_RUNS }),
    schedule: schedulesOf(services, overrides, site),
  })));
}

function healthCell(health: SiteHealth | undefined): SafeHtml {
  if (!health) return html`<span class="muted">nog geen afgeronde crawl</span>`;
  const tone = health.status === 'healthy' ? 'status-on' : health.status === 'suspect' ? 'status-warn' : 'status-off';
  return html`<span class="status ${tone}">${SITE_HEALTH_LABELS_NL[health.status] ?? health.status}</span>
    <div class="details">sinds ${time(health.since)}${health.runsInStatus > 1 ? ` (${health.runsInStatus} crawls op rij)` : ''};
      laatste crawl ${health.adsSeen} advertenties${health.usualAds !== null ? `, gewoonlijk ${health.usualAds}` : ''}</div>
    ${health.reason ? html`<div class="details" lang="en">${health.reason}</div>` : ''}`;
}

function runsCell(site: string, runs: CrawlRunSummary[]): SafeHtml {
  if (runs.length === 0) return html`<span class="muted">geen</span>`;
  return html`<ol class="compact-list">${runs.map((r) => html`<li><a href="${runUrl(r.runId)}">${time(r.startedAt)}</a>: ${runStatus(r.status)}, ${r.adsSeen} gezien</li>`)}</ol>
    <a href="/beheer/crawls?site=${encodeURIComponent(site)}">alle crawls</a>`;
}

function scheduleCell(known: KnownSchedule): SafeHtml {
  if (known === null) return html`<span class="muted">onbekend: siteconfiguratie niet geladen (zie <code>zicht schedule list</code>)</span>`;
  if (!known.configured) return html`<span class="muted">niet (meer) geconfigureerd</span>`;
  if (known.problem) return html`<span class="status status-off">ongeldig</span> <span class="details" lang="en">${known.problem}</span>`;
  const schedule = known.schedule;
  if (!schedule?.pattern) return html`<span class="muted">geen geplande crawls (${schedule ? SOURCE_LABELS_NL[schedule.source] : ''})</span>`;
  const next = nextFiring(schedule.pattern, schedule.tz);
  return html`<code>${schedule.pattern}</code> (${schedule.tz})<div class="details">${SOURCE_LABELS_NL[schedule.source]}; volgende: ${time(next)}</div>`;
}

export const siteRoutes: readonly PageRoute[] = [
  get('/beheer/sites', allowedTo('operations:view'), async (ctx) => {
    const rows = await siteRows(ctx.db, ctx.services);
    const unhealthy = rows.filter((r) => r.health && r.health.status !== 'healthy').length;
    const table = rows.length === 0
      ? html`<p>Nog geen sites bekend.</p>`
      : html`<div class="table-scroll" tabindex="0" role="region" aria-label="Sites">
          <table class="data-table sites-table">
            <caption>${rows.length} site(s), ${unhealthy} mogelijk kapot of falend</caption>
            <thead><tr><th scope="col">Site</th><th scope="col">Gezondheid</th><th scope="col">Laatste crawls</th><th scope="col">Schema</th></tr></thead>
            <tbody>${rows.map((r) => html`<tr><th scope="row">${r.site}</th><td>${healthCell(r.health)}</td><td>${runsCell(r.site, r.runs)}</td><td>${scheduleCell(r.schedule)}</td></tr>`)}</tbody>
          </table>
        </div>`;
    return ctx.page('Sites', html`<h1>Sites</h1>
      <p>Gezond: de laatste crawl slaagde. <strong>Mogelijk kapot</strong>: veel minder advertenties dan gewoonlijk, of geen
        (de opmaak van de site is waarschijnlijk veranderd); er worden dan geen advertenties als verdwenen gemarkeerd.
        <strong>Faalt</strong>: te veel pagina's mislukt. Schema's wijzigen: <code>npx zicht schedule set SITE "CRON"</code>.</p>
      ${table}
      <p><a href="/beheer/crawls">Alle crawls</a></p>`);
  }),
];
