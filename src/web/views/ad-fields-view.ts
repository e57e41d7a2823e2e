/** The ad page's extracted fields (docs/analysis-fields.md), as the current version's analysis has them. */
import type { MunicipalityMatch, PhoneType, PriceMatch } from '../../domain/analysis.js';
import type { ReviewAd } from '../../store/index.js';
import { html, type HtmlValue, type SafeHtml } from '../html.js';
import { formatEuro, formatPercent, languageName, SERVICE_LABELS_NL, WORK_SETTING_LABELS_NL } from '../labels.js';

const PHONE_TYPES_NL: Record<PhoneType, string> = { mobile: 'mobiel', fixed: 'vast', voip: 'internet (VoIP)', other: 'overig' };

const PLACE_SOURCES_NL: Record<MunicipalityMatch['source'], string> = {
  location: 'uit het plaatsveld',
  cue: 'uit de tekst ("in …", "regio …")',
  postcode: 'uit een postcode',
  mention: 'plaatsnaam genoemd in de tekst',
  area_code: 'uit het netnummer',
};

function minutesText(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 uur' : `${minutes / 60} uur`;
  return `${minutes} min`;
}

function priceText(p: PriceMatch): string {
  return `${formatEuro(p.amount)} per ${minutesText(p.minutes)} (${formatEuro(p.perHour)} per uur)`;
}

const none = html`<span class="muted">niet gevonden</span>`;

function listOrNone(items: readonly HtmlValue[]): HtmlValue {
  return items.length === 0 ? none : html`<ul class="plain-list">${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

function municipality(m: MunicipalityMatch | null | undefined, district: string | null | undefined): HtmlValue {
  if (!m) return none;
  return html`${m.name} <span class="muted">(${m.code})</span> — zekerheid ${formatPercent(m.confidence)}, ${PLACE_SOURCES_NL[m.source] ?? m.source}${district ? html`<br>District ${district}` : ''}`;
}

/** Phones, place, age, permit numbers, prices, services, languages, availability, work settings, names. */
export function fieldsSection(ad: ReviewAd): SafeHtml {
  const a = ad.analysis;
  if (!a) return html`<section aria-labelledby="h-velden"><h2 id="h-velden">Gevonden gegevens</h2><p class="empty">Geen analyse bewaard.</p></section>`;
  const rows: Array<[string, HtmlValue]> = [
    ['Telefoonnummers', listOrNone(ad.phones.map((p) => html`<span class="phone">${p.e164}</span> <span class="muted">${p.country}, ${PHONE_TYPES_NL[p.type] ?? p.type}${p.obfuscated ? ', verhuld geschreven' : ''}</span>`))],
    ['Gemeente', municipality(a.municipality, a.district)],
    ['Leeftijd', a.age ?? none],
    ['Vergunningnummers', listOrNone(a.permitNumbers)],
    ['Prijzen', a.prices && a.prices.length > 0 ? html`${listOrNone(a.prices.map(priceText))}${a.pricePerHour ? html`<p>Gebruikelijk uurtarief: ${formatEuro(a.pricePerHour)}</p>` : ''}` : none],
    ['Diensten', listOrNone((a.services ?? []).map((s) => SERVICE_LABELS_NL[s] ?? s))],
    ['Talen', listOrNone((a.languages ?? []).map(languageName))],
    ['Beschikbaarheid', a.availability?.always ? html`altijd (24/7)${a.availability.span ? html`: <q>${a.availability.span.text}</q>` : ''}` : html`<span class="muted">geen 24/7 genoemd</span>`],
    ['Werkplekken', listOrNone((a.workSettings ?? []).map((w) => WORK_SETTING_LABELS_NL[w] ?? w))],
    ['Namen', listOrNone(a.names ?? [])],
  ];
  return html`<section aria-labelledby="h-velden"><h2 id="h-velden">Gevonden gegevens</h2>
    <p class="hint">Automatisch uit de huidige versie gehaald; kan fouten bevatten.</p>
    <dl class="facts">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl></section>`;
}
