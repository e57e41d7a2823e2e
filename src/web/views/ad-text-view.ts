/**
 * The ad page's texts: the current version with every indicator's evidence marked, and what
 * changed between versions (word diff). Ad text is hostile: it only ever reaches the page as
 * escaped text nodes, inside our own `<mark>`, `<ins>` and `<del>`.
 */
import type { AdField, TextSpan } from '../../domain/analysis.js';
import { diffVersions, type DiffPart, type ReviewAd, type StoredIndicator, type VersionText } from '../../store/index.js';
import { highlightRanges, type HighlightSpan } from '../highlight.js';
import { html, type SafeHtml } from '../html.js';
import { formatDate, indicatorLabel, isoDateTime } from '../labels.js';

type VersionField = keyof VersionText;

/** The version fields in reading order, with the span field that points into each. */
const TEXT_FIELDS: ReadonlyArray<{ field: VersionField; spanField: AdField | null; label: string }> = [
  { field: 'title', spanField: 'title', label: 'Titel' },
  { field: 'name', spanField: 'name', label: 'Naam' },
  { field: 'location', spanField: 'location', label: 'Plaats' },
  { field: 'age', spanField: 'age', label: 'Leeftijd' },
  { field: 'category', spanField: null, label: 'Categorie' },
  { field: 'phoneText', spanField: 'phone', label: 'Telefoon' },
  { field: 'text', spanField: 'text', label: 'Tekst' },
];

export const FIELD_LABELS_NL: Record<VersionField, string> = Object.fromEntries(TEXT_FIELDS.map((f) => [f.field, f.label])) as Record<VersionField, string>;

/** The stored spans of an indicator; stored JSON is read defensively (older or partial assessments). */
export function spansOf(indicator: StoredIndicator): TextSpan[] {
  const spans = (indicator.evidence as { spans?: unknown } | null)?.spans;
  return Array.isArray(spans) ? (spans as TextSpan[]).filter((s) => s && typeof s.start === 'number' && typeof s.end === 'number') : [];
}

/** Numbers shown with the marks and in the indicator table, so a mark leads to its row. */
export function indicatorNumbers(indicators: readonly StoredIndicator[]): Map<string, number> {
  return new Map(indicators.map((indicator, i) => [indicator.code, i + 1]));
}

function markedText(text: string, spans: HighlightSpan[], numbers: ReadonlyMap<string, number>): SafeHtml {
  return html`${highlightRanges(text, spans).map((segment) => {
    if (segment.marks.length === 0) return segment.text;
    const labels = segment.marks.map((m) => m.label).join(' · ');
    const refs = segment.marks.map((m) => numbers.get(m.key) ?? '?').join(',');
    return html`<mark class="hl${segment.marks.length > 1 ? ' hl-multi' : ''}" title="${labels}">${segment.text}</mark><sup class="hl-ref" title="${labels}"><span class="visually-hidden"> (indicator </span>${refs}<span class="visually-hidden">: ${labels})</span></sup>`;
  })}`;
}

/** The current version's fields, each with the evidence spans that point into it highlighted. */
export function currentTextSection(ad: ReviewAd, numbers: ReadonlyMap<string, number>): SafeHtml {
  const current = ad.current;
  if (!current) return html`<section aria-labelledby="h-tekst"><h2 id="h-tekst">Tekst</h2><p class="empty">Van deze advertentie is geen tekst bewaard.</p></section>`;
  const rows = TEXT_FIELDS.filter(({ field }) => (current[field] ?? '') !== '').map(({ field, spanField, label }) => {
    const spans = ad.risk.indicators.flatMap((indicator) =>
      spansOf(indicator)
        .filter((s) => spanField !== null && s.field === spanField)
        .map((s) => ({ start: s.start, end: s.end, text: s.text, key: indicator.code, label: indicatorLabel(indicator.code) })),
    );
    return html`<dt>${label}</dt><dd class="${field === 'text' ? 'ad-text' : 'ad-field'}">${markedText(current[field] ?? '', spans, numbers)}</dd>`;
  });
  const marked = ad.risk.indicators.some((i) => spansOf(i).length > 0);
  return html`<section aria-labelledby="h-tekst"><h2 id="h-tekst">Tekst van de advertentie</h2>
    <p class="hint">Huidige versie, gezien vanaf <time datetime="${isoDateTime(current.firstSeen)}">${formatDate(current.firstSeen)}</time>.
      ${marked ? 'Gemarkeerd: de woorden waarop een indicator aansloeg; het nummer verwijst naar de lijst van indicatoren.' : 'Geen van de indicatoren wijst naar woorden in de tekst.'}</p>
    <dl class="ad-fields">${rows}</dl></section>`;
}

function diffParts(parts: readonly DiffPart[]): SafeHtml {
  return html`${parts.map((p) => (p.change === 'added' ? html`<ins>${p.text}</ins>` : p.change === 'removed' ? html`<del>${p.text}</del>` : p.text))}`;
}

/** Every change between consecutive versions, newest first; unchanged fields are left out. */
export function versionsSection(ad: ReviewAd): SafeHtml {
  const chain = ad.current ? [...ad.earlierVersions, ad.current] : [...ad.earlierVersions];
  if (chain.length < 2) {
    return html`<section aria-labelledby="h-versies"><h2 id="h-versies">Eerdere versies</h2><p class="empty">Deze advertentie is sinds ze voor het eerst werd gezien niet veranderd.</p></section>`;
  }
  const changes = [];
  for (let i = chain.length - 1; i >= 1; i -= 1) {
    const [older, newer] = [chain[i - 1]!, chain[i]!];
    const fields = diffVersions(older, newer).filter((d) => d.changed);
    changes.push(html`<li class="version-change">
      <h3>Versie ${i} → versie ${i + 1} <span class="muted">(gezien vanaf <time datetime="${isoDateTime(newer.firstSeen)}">${formatDate(newer.firstSeen)}</time>)</span></h3>
      ${fields.length === 0
        ? html`<p class="muted">Alleen foto's of opmaak veranderd.</p>`
        : html`<dl class="ad-fields">${fields.map((d) => html`<dt>${FIELD_LABELS_NL[d.field]}</dt><dd class="${d.field === 'text' ? 'ad-text' : 'ad-field'} diff">${diffParts(d.parts)}</dd>`)}</dl>`}
    </li>`);
  }
  return html`<section aria-labelledby="h-versies"><h2 id="h-versies">Eerdere versies (${chain.length - 1} wijziging(en))</h2>
    <p class="hint"><ins>Zo</ins> is tekst toegevoegd, <del>zo</del> verwijderd.</p>
    <ol class="version-list" reversed>${changes}</ol></section>`;
}
