import { z } from 'zod';
import { USER_ROLES } from '../../domain/review.js';
import { audit, countAuditActionsSince, disableUser, findUser, listUsers, type AuditAction, type ListedUser } from '../../store/index.js';
import { CSRF_FIELD } from '../auth/csrf.js';
import { HttpError } from '../http-error.js';
import { html, type SafeHtml } from '../html.js';
import { AUDIT_ACTION_LABELS_NL, formatDateTime, ROLE_LABELS_NL } from '../labels.js';
import { auditUrl } from './admin-audit.js';
import { allowedTo, get, post, type PageRoute } from './route.js';

const CLI_HINT = html`<p class="hint">Gebruikers toevoegen of een wachtwoord opnieuw instellen gaat op de server met
  <code>npx zicht users add NAAM --role coordinator --district "Kennemerland"</code> en
  <code>npx zicht users password NAAM</code>, zodat een wachtwoord nooit door een browser of e-mail gaat.</p>`;

function userRow(user: ListedUser, csrfToken: string, selfId: string): SafeHtml {
  const action = user.disabled
    ? html`<span class="muted">—</span>`
    : user.id === selfId
      ? html`<span class="muted">(uzelf)</span>`
      : html`<form method="post" action="/beheer/gebruikers/${user.id}/blokkeren" class="inline-form" data-confirm="Gebruiker ${user.username} blokkeren? Alle sessies worden direct beëindigd.">
          <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
          <button type="submit" class="button-danger">Blokkeren<span class="visually-hidden"> ${user.username}</span></button>
        </form>`;
  return html`<tr>
    <td><a href="${auditUrl({ gebruiker: user.username })}">${user.username}</a></td>
    <td>${ROLE_LABELS_NL[user.role]}</td>
    <td>${user.district ?? '—'}</td>
    <td>${user.disabled ? html`<span class="status status-off">geblokkeerd</span>` : html`<span class="status status-on">actief</span>`}</td>
    <td>${formatDateTime(user.createdAt)}</td>
    <td>${user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'nooit'}</td>
    <td>${action}</td>
  </tr>`;
}

const UsersQuery = z.object({ geblokkeerd: z.string().max(200).optional() });

/** The admin home page's figures: the last 24 hours of the audit log. */
const DASHBOARD_ACTIONS: readonly AuditAction[] = ['login', 'login_failed', 'login_throttled', 'ad_view', 'decision', 'export'];

export const adminRoutes: readonly PageRoute[] = [
  get('/beheer', allowedTo('users:manage'), async (ctx) => {
    const [users, counts] = await Promise.all([listUsers(ctx.db), countAuditActionsSince(ctx.db, new Date(Date.now() - 86_400_000))]);
    const active = users.filter((u) => !u.disabled);
    return ctx.page('Beheer', html`<h1>Beheer</h1>
      <section aria-labelledby="h-accounts"><h2 id="h-accounts">Accounts</h2>
        <ul class="figures">${USER_ROLES.map((role) => html`<li><span class="figure">${active.filter((u) => u.role === role).length}</span> ${ROLE_LABELS_NL[role]}(s) actief</li>`)}
          <li><span class="figure">${users.length - active.length}</span> geblokkeerd</li></ul>
        <p><a href="/beheer/gebruikers">Alle gebruikers</a></p>
      </section>
      <section aria-labelledby="h-recent"><h2 id="h-recent">Afgelopen 24 uur</h2>
        <ul class="figures">${DASHBOARD_ACTIONS.map((a) => html`<li><span class="figure">${counts[a] ?? 0}</span> <a href="${auditUrl({ actie: a })}">${AUDIT_ACTION_LABELS_NL[a]}</a></li>`)}</ul>
        <p><a href="/beheer/audit">Het hele auditlog</a></p>
      </section>
      <section aria-labelledby="h-operations"><h2 id="h-operations">Crawls en sites</h2>
        <ul><li><a href="/beheer/crawls">Crawls</a>: elke crawl met status, aantallen en fouten</li>
          <li><a href="/beheer/sites">Sites</a>: gezondheid, laatste crawls en schema's</li></ul>
      </section>`);
  }),

  get('/beheer/gebruikers', allowedTo('users:manage'), async (ctx) => {
    const query = ctx.query(UsersQuery);
    const users = await listUsers(ctx.db);
    return ctx.page('Gebruikers', html`<h1>Gebruikers</h1>
      ${query.geblokkeerd ? html`<p class="notice" role="status">Gebruiker <strong>${query.geblokkeerd}</strong> is geblokkeerd; de sessies zijn beëindigd.</p>` : ''}
      <table class="data-table">
        <caption>${users.length} gebruiker(s)</caption>
        <thead><tr><th scope="col">Gebruikersnaam</th><th scope="col">Rol</th><th scope="col">District</th><th scope="col">Status</th>
          <th scope="col">Aangemaakt</th><th scope="col">Laatste inlog</th><th scope="col"><span class="visually-hidden">Actie</span></th></tr></thead>
        <tbody>${users.map((u) => userRow(u, ctx.csrfToken, ctx.user.id))}</tbody>
      </table>
      ${CLI_HINT}`);
  }),

  post('/beheer/gebruikers/:id/blokkeren', allowedTo('users:manage'), async (ctx) => {
    const { id } = ctx.request.params as { id: string };
    const target = await findUser(ctx.db, id);
    if (!target) throw new HttpError(404, `no user ${id}`);
    if (target.id === ctx.user.id) throw new HttpError(400, 'an admin cannot disable their own account');
    await ctx.db.transaction(async (tx) => {
      await disableUser(tx, target.username);
      await audit(tx, { userId: ctx.user.id, username: ctx.user.username, action: 'user_disable', target: target.username });
    });
    return ctx.redirect(`/beheer/gebruikers?geblokkeerd=${encodeURIComponent(target.username)}`);
  }),
];
