/**
 * Review decisions on the ad page: the history, the form for this ad, the form for the whole
 * cluster and its confirmation step. Notes are the coordinators' own words but still escaped.
 */
import { REVIEW_DECISIONS, REVIEW_DECISION_LABELS_NL, type ReviewDecision } from '../../domain/review.js';
import { REVIEW_NOTE_MAX, type ClusterMembers, type ReviewAd, type StoredDecision } from '../../store/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { html, type SafeHtml } from '../html.js';
import { formatDateTime, isoDateTime } from '../labels.js';

function decisionSelect(id: string): SafeHtml {
  return html`<label for="${id}">Besluit</label>
    <select id="${id}" name="besluit" required>
      <option value="">Kies een besluit…</option>
      ${REVIEW_DECISIONS.map((d) => html`<option value="${d}">${REVIEW_DECISION_LABELS_NL[d]}</option>`)}
    </select>`;
}

function noteField(id: string): SafeHtml {
  return html`<label for="${id}">Notitie <span class="muted">(optioneel)</span></label>
    <textarea id="${id}" name="notitie" rows="3" maxlength="${REVIEW_NOTE_MAX}"></textarea>`;
}

function historyRow(d: StoredDecision): SafeHtml {
  return html`<tr>
    <td><time datetime="${isoDateTime(d.decidedAt)}">${formatDateTime(d.decidedAt)}</time></td>
    <td>${d.username ?? html`<span class="muted">(verwijderd account)</span>`}</td>
    <td>${REVIEW_DECISION_LABELS_NL[d.decision] ?? d.decision}${d.clusterId ? html` <span class="tag">clusterbesluit</span>` : ''}</td>
    <td class="note">${d.note ?? html`<span class="muted">—</span>`}</td>
  </tr>`;
}

function clusterForm(ad: ReviewAd, csrfToken: string, members: ClusterMembers): SafeHtml {
  const count = members.inScope.length;
  if (!ad.clusterId || count < 2) return html``;
  return html`<form method="post" action="/advertenties/${ad.id}/clusterbesluit" class="stacked-form decision-form" aria-labelledby="h-clusterbesluit">
    <h3 id="h-clusterbesluit">Besluit voor het hele cluster (${count} advertenties${members.outsideScope > 0 ? ' in uw district' : ''})</h3>
    <p class="hint">Legt hetzelfde besluit vast voor elke advertentie van dit cluster${members.outsideScope > 0 ? html` in uw district; ${members.outsideScope} advertentie(s) in andere gebieden blijven ongemoeid` : ''}. U krijgt eerst een overzicht om te bevestigen.</p>
    <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
    ${decisionSelect('cluster-besluit')}
    ${noteField('cluster-notitie')}
    <button type="submit" class="button-secondary-dark">Verder naar bevestigen</button>
  </form>`;
}

/** The decision history (newest first) and the forms to add to it. */
export function decisionsSection(ad: ReviewAd, csrfToken: string, members: ClusterMembers, flash: DecisionFlash): SafeHtml {
  const history = ad.decisions.length === 0
    ? html`<p class="empty">Nog geen besluit over deze advertentie.</p>`
    : html`<table class="data-table"><caption>Besluiten, nieuwste eerst; het bovenste geldt</caption>
        <thead><tr><th scope="col">Wanneer</th><th scope="col">Door</th><th scope="col">Besluit</th><th scope="col">Notitie</th></tr></thead>
        <tbody>${ad.decisions.map(historyRow)}</tbody></table>`;
  return html`<section aria-labelledby="h-besluit" id="besluit"><h2 id="h-besluit">Beoordeling</h2>
    ${decisionFlash(ad, flash)}
    ${history}
    <div class="decision-forms">
      <form method="post" action="/advertenties/${ad.id}/besluit" class="stacked-form decision-form" aria-labelledby="h-nieuw-besluit">
        <h3 id="h-nieuw-besluit">${ad.decisions.length === 0 ? 'Besluit vastleggen' : 'Besluit wijzigen'}</h3>
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
        ${decisionSelect('ad-besluit')}
        ${noteField('ad-notitie')}
        <button type="submit">Besluit vastleggen</button>
      </form>
      ${clusterForm(ad, csrfToken, members)}
    </div>
  </section>`;
}

/** What the redirect after a decision (Post/Redirect/Get) asks the page to confirm. */
export interface DecisionFlash {
  single: boolean;
  /** How many ads a cluster decision recorded. */
  cluster: number | undefined;
}

/**
 * The confirmation notice after a decision, in the decision section: the redirect lands there
 * (`#besluit`), so that is where the user looks.
 */
function decisionFlash(ad: ReviewAd, flash: DecisionFlash): SafeHtml {
  const current = ad.decisions[0];
  if (flash.cluster !== undefined) {
    return html`<p class="notice" role="status">Besluit vastgelegd voor ${flash.cluster} advertentie(s) van het cluster${current ? html`: <strong>${REVIEW_DECISION_LABELS_NL[current.decision]}</strong>` : ''}.</p>`;
  }
  if (flash.single && current) return html`<p class="notice" role="status">Besluit vastgelegd: <strong>${REVIEW_DECISION_LABELS_NL[current.decision]}</strong>.</p>`;
  return html``;
}

export interface ClusterConfirmModel {
  adId: string;
  members: ClusterMembers;
  decision: ReviewDecision;
  note: string | null;
  csrfToken: string;
  /** The cluster changed between the form and the confirmation: say so and ask again. */
  changed: boolean;
}

/** The bulk decision's confirmation: which ads it will touch, before anything is written. */
export function renderClusterConfirm(model: ClusterConfirmModel): SafeHtml {
  const { adId, members, decision, note } = model;
  return html`<h1>Besluit voor het cluster bevestigen</h1>
    ${model.changed ? html`<p class="error" role="alert">Het cluster is intussen veranderd. Controleer de advertenties hieronder en bevestig opnieuw.</p>` : ''}
    <p>U legt <strong>${REVIEW_DECISION_LABELS_NL[decision]}</strong> vast voor <strong>${members.inScope.length} advertentie(s)</strong>
      van het cluster van <a href="/advertenties/${adId}">advertentie ${adId}</a>.${members.outsideScope > 0 ? html` ${members.outsideScope} advertentie(s) van dit cluster in andere gebieden blijven ongemoeid.` : ''}</p>
    ${note ? html`<p>Notitie: <q>${note}</q></p>` : ''}
    <table class="data-table"><caption>Deze advertenties krijgen het besluit</caption>
      <thead><tr><th scope="col">Advertentie</th><th scope="col">Plaats</th><th scope="col">Huidig besluit</th></tr></thead>
      <tbody>${members.inScope.map((m) => html`<tr><td><a href="/advertenties/${m.id}">${m.title ?? `Advertentie ${m.id}`}</a> <span class="muted">nr. ${m.id}</span></td>
        <td>${m.municipalityName ?? html`<span class="muted">onbekend</span>`}</td>
        <td>${m.reviewDecision ? REVIEW_DECISION_LABELS_NL[m.reviewDecision] : html`<span class="muted">nog niet beoordeeld</span>`}</td></tr>`)}</tbody>
    </table>
    <form method="post" action="/advertenties/${adId}/clusterbesluit" class="confirm-form">
      <input type="hidden" name="${CSRF_FIELD}" value="${model.csrfToken}">
      <input type="hidden" name="besluit" value="${decision}">
      <input type="hidden" name="notitie" value="${note ?? ''}">
      <input type="hidden" name="aantal" value="${members.inScope.length}">
      <input type="hidden" name="bevestigd" value="ja">
      <button type="submit">Bevestigen: besluit voor ${members.inScope.length} advertentie(s) vastleggen</button>
      <a href="/advertenties/${adId}#besluit">Annuleren</a>
    </form>`;
}
