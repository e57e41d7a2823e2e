/**
 * The ad page's assessments: the exploitation risk score with each indicator's weight,
 * contribution and evidence; the licence compliance part, kept apart (a licence breach is not
 * evidence of exploitation); and the licence assessment with its evidence and history.
 */
import { z } from 'zod';
import { COMPLIANCE_CODES, type IndicatorCode } from '../../classifier/risk/indicator.js';
import type { LicenceEvidence } from '../../domain/licence.js';
import type { ReviewAd, StoredIndicator } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import {
  formatDate, formatDateTime, formatEuro, formatPercent, formatScore, indicatorLabel, isoDateTime, LICENCE_EVIDENCE_LABELS_NL, LICENCE_STATUS_LABELS_NL,
} from '../labels.js';
import { spansOf } from './ad-text-view.js';
import { scoreMeter } from './score-meter.js';

export interface EvidenceContext {
  /** The indicator numbers of the text marks. */
  numbers: ReadonlyMap<string, number>;
  /** A CBS code's municipality name. */
  placeName(code: string): string;
  /**
   * Whether the reader sees every district: `phone_shared` lists the names of all ads sharing the
   * number, other districts' included, so a coordinator gets how many names rather than which.
   */
  allDistricts: boolean;
}

const isCompliance = (code: string) => COMPLIANCE_CODES.has(code as IndicatorCode);

const SPAN_FIELD_NL: Record<string, string> = { text: 'tekst', title: 'titel', name: 'naam', location: 'plaats', age: 'leeftijd', phone: 'telefoon' };

type FieldValue = string | number | boolean | null | readonly string[];

function evidenceField(key: string, value: FieldValue, context: EvidenceContext): SafeHtml | null {
  const list = Array.isArray(value) ? (value as readonly string[]) : null;
  switch (key) {
    case 'names':
      return context.allDistricts || !list ? html`<dt>Namen</dt><dd>${list ? list.join(', ') : String(value)}</dd>` : html`<dt>Verschillende namen</dt><dd>${list.length}</dd>`;
    case 'photoHashes':
      return html`<dt>Gedeelde foto's</dt><dd>${list ? list.length : 1}</dd>`;
    case 'similarity':
      return typeof value === 'number' ? html`<dt>Gelijkenis van de tekst</dt><dd>${formatPercent(value)}</dd>` : null;
    case 'municipalities':
      return html`<dt>Gemeenten</dt><dd>${(list ?? [String(value)]).map((c) => context.placeName(c)).join(', ')}</dd>`;
    case 'days':
      return html`<dt>Binnen</dt><dd>${String(value)} dagen</dd>`;
    case 'eurosPerHour':
    case 'regionalMedian':
      return typeof value === 'number' ? html`<dt>${key === 'eurosPerHour' ? 'Prijs per uur' : 'Mediaan in de regio'}</dt><dd>${formatEuro(value)}</dd>` : null;
    case 'licenceStatus':
      return null; // the compliance section says it
    default: {
      const names: Record<string, string> = { age: 'Leeftijd', phones: 'Telefoonnummers', countries: 'Landen' };
      return html`<dt>${names[key] ?? key}</dt><dd>${list ? list.join(', ') : String(value)}</dd>`;
    }
  }
}

function evidenceOf(indicator: StoredIndicator, context: EvidenceContext): SafeHtml {
  const evidence = (indicator.evidence ?? {}) as { fields?: Record<string, FieldValue>; linkedAdIds?: unknown };
  const spans = spansOf(indicator);
  const fields = Object.entries(evidence.fields ?? {}).map(([k, v]) => evidenceField(k, v, context)).filter((f) => f !== null);
  const linked = Array.isArray(evidence.linkedAdIds) ? evidence.linkedAdIds.length : 0;
  const parts = [
    spans.length > 0 ? html`<ul class="quotes">${spans.map((s) => html`<li><q>${s.text}</q> <span class="muted">(${SPAN_FIELD_NL[s.field] ?? s.field})</span></li>`)}</ul>` : '',
    fields.length > 0 ? html`<dl class="evidence-fields">${fields}</dl>` : '',
    linked > 0 ? html`<p>${linked} gekoppelde advertentie(s): zie <a href="#h-gekoppeld">Gekoppelde advertenties</a>.</p>` : '',
  ];
  return parts.some((p) => p !== '') ? html`${parts}` : html`<span class="muted">geen details bewaard</span>`;
}

function indicatorRow(indicator: StoredIndicator, context: EvidenceContext): SafeHtml {
  return html`<tr>
    <th scope="row"><span class="hl-ref">${context.numbers.get(indicator.code) ?? ''}</span> ${indicatorLabel(indicator.code)} <span class="muted code">${indicator.code}</span></th>
    <td class="num">${formatScore(indicator.weight)}</td>
    <td class="num">${formatScore(indicator.contribution)}</td>
    <td>${evidenceOf(indicator, context)}</td>
  </tr>`;
}

function indicatorTable(indicators: readonly StoredIndicator[], context: EvidenceContext, caption: string): SafeHtml {
  return html`<table class="data-table indicator-table"><caption>${caption}</caption>
    <thead><tr><th scope="col">Indicator</th><th scope="col" class="num">Gewicht</th><th scope="col" class="num">Bijdrage</th><th scope="col">Bewijs</th></tr></thead>
    <tbody>${indicators.map((i) => indicatorRow(i, context))}</tbody></table>`;
}

/** The exploitation risk: score and every indicator that makes it. */
export function riskSection(ad: ReviewAd, context: EvidenceContext): SafeHtml {
  const indicators = ad.risk.indicators.filter((i) => !isCompliance(i.code));
  const assessed = ad.risk.assessedAt ? html` Berekend op <time datetime="${isoDateTime(ad.risk.assessedAt)}">${formatDateTime(ad.risk.assessedAt)}</time>.` : '';
  return html`<section aria-labelledby="h-risico"><h2 id="h-risico">Risicoscore en indicatoren</h2>
    <p class="score-line">${scoreMeter(ad.risk.score)} <span>Signalen om te beoordelen, geen oordeel. Elke indicator telt mee naar zijn gewicht; de bijdragen tellen op tot de score.${assessed}</span></p>
    ${indicators.length === 0 ? html`<p class="empty">Geen risico-indicatoren.</p>` : indicatorTable(indicators, context, 'Indicatoren, grootste bijdrage eerst')}
  </section>`;
}

const ComplianceSchema = z.object({
  status: z.string().nullable().optional(),
  score: z.number().optional(),
  contributions: z.array(z.object({ code: z.string(), weight: z.number(), contribution: z.number() })).optional(),
});

/** Licence compliance, scored apart from the risk score. */
export function complianceSection(ad: ReviewAd, context: EvidenceContext): SafeHtml {
  const parsed = ComplianceSchema.safeParse(ad.risk.compliance);
  const compliance = parsed.success ? parsed.data : {};
  const indicators = ad.risk.indicators.filter((i) => isCompliance(i.code));
  return html`<section aria-labelledby="h-naleving"><h2 id="h-naleving">Naleving vergunningplicht (los van de risicoscore)</h2>
    <p class="hint">Een vergunningsovertreding is een nalevingskwestie en geen aanwijzing voor uitbuiting: ze telt niet mee in de risicoscore hierboven.</p>
    <p class="score-line">${scoreMeter(compliance.score ?? 0, 'Nalevingsscore')} <span>Vergunningstatus: <strong>${LICENCE_STATUS_LABELS_NL[(ad.licence.status ?? 'unassessed')]}</strong></span></p>
    ${indicators.length === 0 ? html`<p class="empty">Geen overtreding van de vergunningplicht gevonden.</p>` : indicatorTable(indicators, context, 'Nalevingsindicatoren')}
  </section>`;
}

function licenceEvidence(e: LicenceEvidence, placeName: (code: string) => string): SafeHtml {
  const facts: Array<[string, string | null | undefined]> = [
    ['Genoemd nummer', e.cited],
    ['Vergunning in het register', e.permit],
    ['Soort', e.permitKind],
    ['Telefoonnummer', e.phone],
    ['Gemeente van de vergunning', e.permitMunicipality ? placeName(e.permitMunicipality) : undefined],
    ['Gemeente van de advertentie', e.adMunicipality === undefined ? undefined : e.adMunicipality === null ? 'niet gevonden' : placeName(e.adMunicipality)],
    ['Geldig', e.validFrom ? `${e.validFrom} t/m ${e.validTo ?? 'onbepaald'}` : undefined],
    ['Past ook op', e.candidates?.join(', ')],
  ];
  return html`<li><strong>${LICENCE_EVIDENCE_LABELS_NL[e.kind] ?? e.kind}</strong>
    <dl class="evidence-fields">${facts.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
    <p class="muted" lang="en">${e.detail}</p></li>`;
}

/** The licence assessment against the permit register, its evidence and how it changed. */
export function licenceSection(ad: ReviewAd, placeName: (code: string) => string): SafeHtml {
  const { licence } = ad;
  const history = ad.licenceHistory.length > 1
    ? html`<h3>Eerdere uitkomsten</h3><ul>${ad.licenceHistory.map((h) => html`<li><time datetime="${isoDateTime(h.changedAt)}">${formatDate(h.changedAt)}</time>: ${LICENCE_STATUS_LABELS_NL[h.status]}${h.permit ? ` (${h.permit})` : ''} <span class="muted">— ${h.cause === 'register' ? 'nieuwe versie van het register' : 'bij het crawlen'}</span></li>`)}</ul>`
    : '';
  return html`<section aria-labelledby="h-vergunning"><h2 id="h-vergunning">Vergunning</h2>
    <p>Uitkomst: <strong>${LICENCE_STATUS_LABELS_NL[licence.status ?? 'unassessed']}</strong>${licence.permit ? html`, vergunning <strong>${licence.permit}</strong>` : ''}${licence.assessedAt ? html` <span class="muted">(getoetst op <time datetime="${isoDateTime(licence.assessedAt)}">${formatDateTime(licence.assessedAt)}</time>)</span>` : ''}</p>
    ${licence.evidence.length > 0 ? html`<ul class="evidence-list">${licence.evidence.map((e) => licenceEvidence(e, placeName))}</ul>` : html`<p class="empty">Geen bewijs bewaard.</p>`}
    ${history}
  </section>`;
}
