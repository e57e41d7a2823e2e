/** The overview page's parts: one section per district with its figures and municipality table. */
import { DISTRICTS } from '../../domain/districts.js';
import { OVERVIEW_LICENCES, type OverviewDistrict, type OverviewMunicipality, type ReviewOverview } from '../../store/index.js';
import { html, type SafeHtml } from '../html.js';
import { districtLabel, formatDateTime, isoDateTime, LICENCE_STATUS_LABELS_NL } from '../labels.js';
import { overviewCount } from './withheld.js';

function municipalityRow(m: OverviewMunicipality): SafeHtml {
  return html`<tr>
    <th scope="row">${m.municipalityName ?? 'Plaats onbekend'}</th>
    ${OVERVIEW_LICENCES.map((l) => html`<td class="num">${overviewCount(m.byLicence[l])}</td>`)}
    <td class="num total">${overviewCount(m.live)}</td>
    <td class="num">${overviewCount(m.newThisWeek)}</td>
    <td class="num">${overviewCount(m.goneThisWeek)}</td>
  </tr>`;
}

function municipalityTable(d: OverviewDistrict, index: number): SafeHtml {
  if (d.municipalities.length === 0) return html`<p>Geen advertenties.</p>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="h-district-${index}">
    <table class="data-table overview-table">
      <caption>Online advertenties per gemeente en vergunningsstatus; nieuw en verdwenen in de afgelopen 7 dagen</caption>
      <thead><tr><th scope="col">Gemeente</th>${OVERVIEW_LICENCES.map((l) => html`<th scope="col" class="num">${LICENCE_STATUS_LABELS_NL[l]}</th>`)}
        <th scope="col" class="num">Online totaal</th><th scope="col" class="num">Nieuw</th><th scope="col" class="num">Verdwenen</th></tr></thead>
      <tbody>${d.municipalities.map(municipalityRow)}</tbody>
    </table>
  </div>`;
}

/** One district: its three figures and its municipalities. */
export function districtSection(d: OverviewDistrict, index: number): SafeHtml {
  return html`<section class="overview-district" aria-labelledby="h-district-${index}">
    <h2 id="h-district-${index}">${districtLabel(d.district)}</h2>
    <ul class="figures">
      <li><span class="figure">${overviewCount(d.live)}</span> online advertenties</li>
      <li><span class="figure">${overviewCount(d.newThisWeek)}</span> nieuw deze week</li>
      <li><span class="figure">${overviewCount(d.goneThisWeek)}</span> verdwenen deze week</li>
    </ul>
    ${municipalityTable(d, index)}
  </section>`;
}

/** The district chooser of admins and analysts (a coordinator sees their own district only). */
export function districtChooser(chosen: string | undefined): SafeHtml {
  return html`<form method="get" action="/overzicht" class="filter-form" aria-label="District kiezen">
    <div class="field"><label for="f-district">District</label>
      <select id="f-district" name="district">
        <option value="">Alle drie districten (en daarbuiten)</option>
        ${DISTRICTS.map((d) => html`<option value="${d}"${chosen === d ? html` selected` : ''}>${d}</option>`)}
      </select></div>
    <div class="actions"><button type="submit">Tonen</button></div>
  </form>`;
}

/** "The week" of the overview, said precisely. */
export function weekSentence(overview: ReviewOverview): SafeHtml {
  return html`<p>Nieuw en verdwenen: de 7 dagen van <time datetime="${isoDateTime(overview.since)}">${formatDateTime(overview.since)}</time>
    tot <time datetime="${isoDateTime(overview.until)}">${formatDateTime(overview.until)}</time>. Alleen aantallen: geen nummers, namen, teksten of links.</p>`;
}
