/**
 * The analysts' pages (issue 7): trend figures with charts, and their downloads. Everything comes
 * from src/export — the same suppressed tables as `zicht export` — so the page can show nothing
 * the exports would withhold, and every view and download lands in the audit log.
 */
import { z } from 'zod';
import {
  analystCharts,
  auditExport,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  exportMovements,
  exportTrends,
  renderExport,
  type ExportActor,
  type ExportTable,
} from '../../export/index.js';
import { HttpError } from '../http-error.js';
import { html, type SafeHtml } from '../html.js';
import type { SessionUser } from '../policy.js';
import { AnalysisQuery, analysisForm, downloadLinks, withDefaults, type Analysis } from '../views/analysis-form.js';
import { chartsSection, periodSentence, trendsTable } from '../views/analysis-view.js';
import { suppressionNote } from '../views/withheld.js';
import { allowedTo, get, type PageContext, type PageRoute } from './route.js';

/** Longest period one request may count: enough for year-on-year, bounded for a shared server. */
export const MAX_PERIOD_DAYS = 2 * 366;

const ExportQuery = AnalysisQuery.extend({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  soort: z.enum(['trends', 'bewegingen']).default('trends'),
});

const isCalendarDate = (day: string) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/** What is wrong with the period, in Dutch; null when it can be counted. */
export function periodProblem(analysis: Pick<Analysis, 'from' | 'to'>): string | null {
  if (!isCalendarDate(analysis.from) || !isCalendarDate(analysis.to)) return 'Geen bestaande datum.';
  if (analysis.from > analysis.to) return '"Van" ligt na "tot en met".';
  const days = (Date.parse(analysis.to) - Date.parse(analysis.from)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) return `Kies een periode van hoogstens ${MAX_PERIOD_DAYS} dagen.`;
  return null;
}

const actorOf = (user: SessionUser): ExportActor => ({ userId: user.id, username: user.username });

/** The analysis of the request, or a 400 (the query string is not the form's). */
function analysisOf(query: z.output<typeof AnalysisQuery>): Analysis {
  const analysis = withDefaults(query);
  const problem = periodProblem(analysis);
  if (problem) throw new HttpError(400, problem);
  return analysis;
}

function page(ctx: PageContext, analysis: Analysis, results: SafeHtml): SafeHtml {
  return ctx.page('Analyse', html`<h1>Analyse: trends</h1>
    <p>Aantallen per week, gemeente, district, vergunningsstatus, risico-indicator en site. Nooit telefoonnummers,
      namen, teksten of links.</p>
    ${analysisForm(analysis)}
    ${suppressionNote()}
    ${results}`);
}

async function showAnalysis(ctx: PageContext): Promise<SafeHtml> {
  const query = ctx.query(AnalysisQuery);
  const requested = withDefaults(query);
  const problem = periodProblem(requested);
  if (problem) {
    ctx.reply.code(400);
    return page(ctx, requested, html`<p class="error" role="alert">${problem}</p>`);
  }
  const exportKey = ctx.services.exportKey;
  const [table, charts] = await Promise.all([
    exportTrends(ctx.db, { from: requested.from, to: requested.to, by: requested.by, exportKey }),
    analystCharts(ctx.db, { from: requested.from, to: requested.to, measure: requested.measure, movementLevel: requested.level, exportKey }),
  ]);
  // Seeing the figures is an export too (DOMAIN.md: every export is audited), as `charts`.
  await auditExport(ctx.db, actorOf(ctx.user), table, 'charts');
  return page(ctx, requested, html`${periodSentence(requested)}
    ${downloadLinks(requested)}
    ${chartsSection(charts)}
    <section aria-labelledby="h-table"><h2 id="h-table">Tabel</h2>${trendsTable(table)}</section>`);
}

function fileName(table: ExportTable, format: string): string {
  return `zicht-${table.kind}-${table.from}-${table.to}.${format}`;
}

export const analysisRoutes: readonly PageRoute[] = [
  get('/analyse', allowedTo('export:aggregate'), showAnalysis),

  get('/analyse/export', allowedTo('export:aggregate'), async (ctx) => {
    const query = ctx.query(ExportQuery);
    const analysis = analysisOf(query);
    const exportKey = ctx.services.exportKey;
    const table =
      query.soort === 'bewegingen'
        ? await exportMovements(ctx.db, { from: analysis.from, to: analysis.to, level: analysis.level, byWeek: analysis.by.includes('week'), exportKey })
        : await exportTrends(ctx.db, { from: analysis.from, to: analysis.to, by: analysis.by, exportKey });
    const body = await renderExport(table, query.format);
    const name = fileName(table, query.format);
    // Audited before it leaves: a download the log cannot record is not sent.
    await auditExport(ctx.db, actorOf(ctx.user), table, query.format, name);
    return ctx.reply
      .header('content-disposition', `attachment; filename="${name}"`)
      .type(EXPORT_CONTENT_TYPES[query.format])
      .send(body);
  }),
];
