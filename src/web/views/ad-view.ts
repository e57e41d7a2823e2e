/**
 * The ad page (GET /advertenties/:id): everything a coordinator needs to judge one ad, in the
 * order they read it — the text with its evidence, the scores, the licence, the extracted
 * fields, what changed, where it ran, what it is linked to — and then the decision.
 */
import { COMPLIANCE_CODES, type IndicatorCode } from '../../classifier/risk/indicator.js';
import { REVIEW_DECISION_LABELS_NL } from '../../domain/review.js';
import type { ClusterMembers, ReviewAd } from '../../store/index.js';
import { html, safeHref, type SafeHtml } from '../html.js';
import { AD_STATUS_LABELS_NL, formatDate, isoDateTime, LICENCE_STATUS_LABELS_NL } from '../labels.js';
import { fieldsSection } from './ad-fields-view.js';
import { sightingsSection, linkedSection } from './ad-history-view.js';
import { complianceSection, licenceSection, riskSection } from './ad-risk-view.js';
import { currentTextSection, indicatorNumbers, versionsSection } from './ad-text-view.js';
import { decisionsSection, type DecisionFlash } from './review-view.js';
import { scoreMeter } from './score-meter.js';

export interface AdViewModel {
  ad: ReviewAd;
  csrfToken: string;
  members: ClusterMembers;
  /** Whether the reader sees every district (an admin). */
  allDistricts: boolean;
  placeName(code: string): string;
  flash: DecisionFlash;
}

const TOC: ReadonlyArray<[string, string]> = [
  ['h-tekst', 'Tekst'], ['h-risico', 'Risico'], ['h-naleving', 'Naleving'], ['h-vergunning', 'Vergunning'], ['h-velden', 'Gegevens'],
  ['h-versies', 'Versies'], ['h-tijdlijn', 'Tijdlijn'], ['h-gekoppeld', 'Gekoppeld'], ['h-besluit', 'Beoordeling'],
];

function summary(ad: ReviewAd): SafeHtml {
  const current = ad.decisions[0];
  return html`<ul class="figures ad-summary">
    <li><span class="figure-label">Risicoscore</span>${scoreMeter(ad.risk.score)}</li>
    <li><span class="figure-label">Vergunning</span><strong>${LICENCE_STATUS_LABELS_NL[ad.licence.status ?? 'unassessed']}</strong></li>
    <li><span class="figure-label">Besluit</span><strong>${current ? REVIEW_DECISION_LABELS_NL[current.decision] : 'nog niet beoordeeld'}</strong> <a href="#besluit">naar beoordeling</a></li>
  </ul>`;
}

function meta(ad: ReviewAd): SafeHtml {
  const place = ad.analysis?.municipality?.name;
  return html`<p class="ad-meta">
    <span>Site <strong>${ad.site}</strong></span>
    <span>${AD_STATUS_LABELS_NL[ad.status]}</span>
    <span>${place ?? 'plaats onbekend'}${ad.district ? `, ${ad.district}` : ''}</span>
    <span>gezien <time datetime="${isoDateTime(ad.firstSeen)}">${formatDate(ad.firstSeen)}</time> – <time datetime="${isoDateTime(ad.lastSeen)}">${formatDate(ad.lastSeen)}</time></span>
    <a href="${safeHref(ad.url)}" rel="noopener noreferrer nofollow" target="_blank">Advertentie op de site<span class="visually-hidden"> (opent in een nieuw venster)</span></a>
  </p>`;
}

/** The page's main content. */
export function renderAdPage(model: AdViewModel): SafeHtml {
  const { ad } = model;
  // Risk indicators first, compliance after: the numbers follow the tables' order.
  const ordered = [...ad.risk.indicators.filter((i) => !COMPLIANCE_CODES.has(i.code as IndicatorCode)), ...ad.risk.indicators.filter((i) => COMPLIANCE_CODES.has(i.code as IndicatorCode))];
  const numbers = indicatorNumbers(ordered);
  const context = { numbers, placeName: model.placeName, allDistricts: model.allDistricts };
  return html`<nav class="breadcrumb" aria-label="Kruimelpad"><a href="/werkvoorraad">Werkvoorraad</a> › Advertentie ${ad.id}</nav>
    <h1>${ad.current?.title ?? '(zonder titel)'} <span class="subtitle">advertentie nr. ${ad.id}</span></h1>
    ${meta(ad)}
    ${summary(ad)}
    <nav class="page-toc" aria-label="Op deze pagina"><ul>${TOC.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>
    ${currentTextSection(ad, numbers)}
    ${riskSection(ad, context)}
    ${complianceSection(ad, context)}
    ${licenceSection(ad, model.placeName)}
    ${fieldsSection(ad)}
    ${versionsSection(ad)}
    ${sightingsSection(ad)}
    ${linkedSection(ad)}
    ${decisionsSection(ad, model.csrfToken, model.members, model.flash)}`;
}
