/**
 * Where and when the ad ran (its sightings), and the ads linked to it. A linked ad in another
 * district is listed by town, site and dates only: the reader may not open it (its page is a
 * 404 for them), so it gets no link, no number and nothing that identifies the person behind it.
 * The town and dates are kept because they are the evidence of rotation the indicators speak of.
 */
import type { LinkedAd, ReviewAd } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { AD_STATUS_LABELS_NL, formatDate, formatDateTime, isoDateTime, LINK_KIND_LABELS_NL, SIGHTING_CHANGE_LABELS_NL } from '../labels.js';

const day = (d: Date) => html`<time datetime="${isoDateTime(d)}">${formatDate(d)}</time>`;

/** Every crawl that saw the ad: when, on which site, in which town, and whether it had changed. */
export function sightingsSection(ad: ReviewAd): SafeHtml {
  const more = ad.sightingsTotal > ad.sightings.length ? html`<p class="hint">De nieuwste ${ad.sightings.length} van ${ad.sightingsTotal} waarnemingen.</p>` : '';
  const body = ad.sightings.length === 0
    ? html`<p class="empty">Geen waarnemingen bewaard.</p>`
    : html`<table class="data-table"><caption>Waarnemingen, oudste eerst</caption>
        <thead><tr><th scope="col">Gezien</th><th scope="col">Site</th><th scope="col">Plaats</th><th scope="col">Inhoud</th></tr></thead>
        <tbody>${ad.sightings.map((s) => html`<tr><td><time datetime="${isoDateTime(s.seenAt)}">${formatDateTime(s.seenAt)}</time></td><td>${s.site}</td>
          <td>${s.municipalityName ?? html`<span class="muted">onbekend</span>`}</td><td>${SIGHTING_CHANGE_LABELS_NL[s.change] ?? s.change}</td></tr>`)}</tbody></table>`;
  return html`<section aria-labelledby="h-tijdlijn"><h2 id="h-tijdlijn">Tijdlijn</h2>
    <p>Eerst gezien ${day(ad.firstSeen)}, laatst gezien ${day(ad.lastSeen)}${ad.goneAt ? html`, verdwenen sinds ${day(ad.goneAt)}` : ''}.</p>
    ${more}${body}</section>`;
}

function linkedRow(linked: LinkedAd): SafeHtml {
  const which = linked.inScope
    ? html`<a href="/advertenties/${linked.id}">${linked.title ?? `Advertentie ${linked.id}`}</a>`
    : html`<span class="muted">advertentie in ${linked.district ?? 'een gebied buiten de districten'} (niet in te zien)</span>`;
  return html`<tr>
    <td>${linked.links.map((k) => LINK_KIND_LABELS_NL[k] ?? k).join(', ')}</td>
    <td>${which}</td>
    <td>${linked.municipalityName ?? html`<span class="muted">onbekend</span>`}</td>
    <td>${linked.site}</td>
    <td>${day(linked.firstSeen)} – ${day(linked.lastSeen)}</td>
    <td>${AD_STATUS_LABELS_NL[linked.status]}</td>
  </tr>`;
}

/** The ads sharing a phone, photo or text with this one, or its cluster. */
export function linkedSection(ad: ReviewAd): SafeHtml {
  const { ads, total } = ad.linked;
  const more = total > ads.length ? html`<p class="hint">${ads.length} van ${total} gekoppelde advertenties getoond: de sterkst gekoppelde eerst.</p>` : '';
  const body = ads.length === 0
    ? html`<p class="empty">Geen gekoppelde advertenties gevonden.</p>`
    : html`<table class="data-table"><caption>Meeste verbanden eerst</caption>
        <thead><tr><th scope="col">Verband</th><th scope="col">Advertentie</th><th scope="col">Plaats</th><th scope="col">Site</th><th scope="col">Gezien</th><th scope="col">Status</th></tr></thead>
        <tbody>${ads.map(linkedRow)}</tbody></table>`;
  return html`<section aria-labelledby="h-gekoppeld"><h2 id="h-gekoppeld">Gekoppelde advertenties (${total})</h2>
    <p class="hint">Advertenties in een ander district tonen alleen plaats, site en data.</p>
    ${more}${body}</section>`;
}
