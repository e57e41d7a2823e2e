/** The analysis page's query: the form, its parsing, and the URLs that carry it (page, downloads). */
import { z } from 'zod';
import { TREND_DIMENSIONS, TREND_MEASURES, type TrendDimension, type TrendMeasure } from '../../export/index.js';
import { html, type SafeHtml } from '../html.js';
import { TIME_ZONE } from '../labels.js';

export const DIMENSION_LABELS_NL: Record<TrendDimension, string> = {
  week: 'Week',
  municipality: 'Gemeente',
  district: 'District',
  licence: 'Vergunningsstatus',
  indicator: 'Risico-indicator',
  site: 'Site',
};

export const MEASURE_LABELS_NL: Record<TrendMeasure, string> = {
  ads_seen: 'Advertenties gezien',
  ads_new: 'Nieuwe advertenties',
  ads_gone: 'Verdwenen advertenties',
  phone_numbers: 'Verschillende telefoonnummers',
};

export const LEVEL_LABELS_NL = { municipality: 'tussen gemeenten', district: 'tussen districten' } as const;
type Level = keyof typeof LEVEL_LABELS_NL;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');
const emptyIsUnset = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * `per` comes as a repeated query field (one per ticked box) plus an always-sent empty one, so
 * "no box ticked" (totals only) differs from "form not sent yet" (the default grouping).
 */
const dimensions = z.preprocess(
  (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((d) => d !== '')),
  z.array(z.enum(TREND_DIMENSIONS)).max(TREND_DIMENSIONS.length).optional(),
);

export const AnalysisQuery = z.object({
  van: emptyIsUnset(day),
  tot: emptyIsUnset(day),
  per: dimensions,
  maat: emptyIsUnset(z.enum(TREND_MEASURES)),
  niveau: emptyIsUnset(z.enum(['municipality', 'district'])),
});

/** The query with every default filled in. */
export interface Analysis {
  from: string;
  to: string;
  by: TrendDimension[];
  measure: TrendMeasure;
  level: Level;
}

export const DEFAULT_DIMENSIONS: TrendDimension[] = ['week', 'district'];
/** Default period: this week and the seven before it. */
const DEFAULT_WEEKS = 8;

/** Today's date in Dutch time, `yyyy-mm-dd`. */
export function dutchToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The Monday `weeks - 1` weeks before the week of `today`. */
export function mondayWeeksBefore(today: string, weeks: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - (sinceMonday + 7 * (weeks - 1)) * 86_400_000).toISOString().slice(0, 10);
}

export function withDefaults(query: z.output<typeof AnalysisQuery>, now = new Date()): Analysis {
  const to = query.tot ?? dutchToday(now);
  return {
    from: query.van ?? mondayWeeksBefore(to, DEFAULT_WEEKS),
    to,
    by: query.per ?? DEFAULT_DIMENSIONS,
    measure: query.maat ?? 'ads_seen',
    level: query.niveau ?? 'municipality',
  };
}

/** The query string of an analysis (plus extra fields), as the form would send it. */
export function analysisSearch(analysis: Analysis, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ van: analysis.from, tot: analysis.to });
  params.append('per', '');
  for (const d of analysis.by) params.append('per', d);
  params.set('maat', analysis.measure);
  params.set('niveau', analysis.level);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

const option = (value: string, label: string, chosen: string) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;

export function analysisForm(analysis: Analysis): SafeHtml {
  return html`<form method="get" action="/analyse" class="filter-form analysis-form" aria-label="Trendcijfers opvragen">
    <div class="field"><label for="f-van">Van</label><input id="f-van" name="van" type="date" value="${analysis.from}" required></div>
    <div class="field"><label for="f-tot">Tot en met</label><input id="f-tot" name="tot" type="date" value="${analysis.to}" required></div>
    <fieldset class="field checkboxes"><legend>Tabel per</legend>
      <input type="hidden" name="per" value="">
      ${TREND_DIMENSIONS.map((d) => html`<label><input type="checkbox" name="per" value="${d}"${analysis.by.includes(d) ? html` checked` : ''}> ${DIMENSION_LABELS_NL[d]}</label>`)}
    </fieldset>
    <div class="field"><label for="f-maat">Grafieken tellen</label>
      <select id="f-maat" name="maat">${TREND_MEASURES.map((m) => option(m, MEASURE_LABELS_NL[m], analysis.measure))}</select></div>
    <div class="field"><label for="f-niveau">Verplaatsingen</label>
      <select id="f-niveau" name="niveau">${(Object.keys(LEVEL_LABELS_NL) as Level[]).map((l) => option(l, LEVEL_LABELS_NL[l], analysis.level))}</select></div>
    <div class="actions"><button type="submit">Tonen</button> <a href="/analyse">Standaard</a></div>
  </form>`;
}

/** The download links: trends and movements, each as CSV, XLSX and JSON, with the same query. */
export function downloadLinks(analysis: Analysis): SafeHtml {
  const link = (kind: 'trends' | 'bewegingen', format: string) =>
    html`<a href="/analyse/export?${analysisSearch(analysis, { soort: kind, format })}" download>${format.toUpperCase()}</a>`;
  const formats = (kind: 'trends' | 'bewegingen') => ['csv', 'xlsx', 'json'].map((f) => html` ${link(kind, f)}`);
  return html`<section class="downloads" aria-labelledby="h-downloads"><h2 id="h-downloads">Downloaden</h2>
    <ul>
      <li>Trendtabel (zoals hieronder):${formats('trends')}</li>
      <li>Verplaatsingen van nummers ${LEVEL_LABELS_NL[analysis.level]}${analysis.by.includes('week') ? ', per week' : ''}:${formats('bewegingen')}</li>
    </ul>
    <p class="hint">Elke download wordt in het auditlog vastgelegd. De kolommen staan in het gegevenswoordenboek (docs/data-dictionary.md).</p>
  </section>`;
}
