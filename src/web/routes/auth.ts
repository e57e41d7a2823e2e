import { z } from 'zod';
import { audit, findLoginAccount, type LoginAccount } from '../../store/index.js';
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, loginCsrfToken } from '../auth/csrf.js';
import { PASSWORD_MAX_LENGTH, verifyPassword } from '../auth/password.js';
import { endSession, startSession } from '../auth/sessions.js';
import { normaliseUsername } from '../auth/username.js';
import { html, type SafeHtml } from '../html.js';
import { homePathFor, type SessionUser } from '../policy.js';
import { anyone, get, post, signedIn, type PageContext, type PageRoute } from './route.js';

const LoginQuery = z.object({
  terug: z.string().max(2000).optional(),
  uitgelogd: z.string().optional(),
});

const LoginForm = z.object({
  gebruikersnaam: z.string().max(1000),
  // Longer than any allowed password: a plain mismatch, not a 400 that tells it apart.
  wachtwoord: z.string().max(PASSWORD_MAX_LENGTH * 4),
  terug: z.string().max(2000).optional(),
});

/** A path on this site to return to after login; anything else (another host, a scheme) is ignored. */
export function safeReturnPath(value: string | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if (value.startsWith('/inloggen') || value.startsWith('/uitloggen')) return null;
  return value;
}

function loginForm(token: string, options: { returnTo?: string | null; error?: string; notice?: string; username?: string }): SafeHtml {
  return html`<div class="login">
  <h1>Inloggen</h1>
  ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
  ${options.error ? html`<p class="error" role="alert" id="login-fout">${options.error}</p>` : ''}
  <form method="post" action="/inloggen" class="stacked-form"${options.error ? html` aria-describedby="login-fout"` : ''}>
    <input type="hidden" name="${CSRF_FIELD}" value="${token}">
    ${options.returnTo ? html`<input type="hidden" name="terug" value="${options.returnTo}">` : ''}
    <label for="gebruikersnaam">Gebruikersnaam</label>
    <input id="gebruikersnaam" name="gebruikersnaam" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${options.username ?? ''}">
    <label for="wachtwoord">Wachtwoord</label>
    <input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required>
    <button type="submit">Inloggen</button>
  </form>
  <p class="hint">Geen account of wachtwoord kwijt? Vraag het de beheerder van Zicht.</p>
</div>`;
}

async function showLogin(ctx: PageContext<SessionUser | null>) {
  const query = ctx.query(LoginQuery);
  if (ctx.user) return ctx.redirect(safeReturnPath(query.terug) ?? homePathFor(ctx.user));
  const token = loginCsrfToken(ctx.request, ctx.reply, ctx.services.sessions);
  const notice = query.uitgelogd !== undefined ? 'U bent uitgelogd.' : undefined;
  return ctx.page('Inloggen', loginForm(token, { returnTo: safeReturnPath(query.terug), ...(notice ? { notice } : {}) }));
}

/** The account if the password is right and it is not disabled; the reason otherwise. */
async function checkCredentials(ctx: PageContext<SessionUser | null>, username: string | null, password: string): Promise<LoginAccount | string> {
  const account = username ? await findLoginAccount(ctx.db, username) : null;
  // Unknown names are verified against a dummy hash: same time as a wrong password.
  const matches = await verifyPassword(password, account?.passwordHash ?? ctx.services.dummyPasswordHash);
  if (!account) return 'unknown_user';
  if (!matches) return 'wrong_password';
  if (account.disabled) return 'disabled';
  return account;
}

async function logIn(ctx: PageContext<SessionUser | null>) {
  const form = ctx.form(LoginForm);
  const typed = form.gebruikersnaam.trim();
  // Throttled and audited under the canonical name when it can be one, else as typed.
  const name = normaliseUsername(typed) ?? typed;
  const ip = ctx.request.ip;
  const again = (status: number, error: string) => {
    ctx.reply.code(status);
    const token = loginCsrfToken(ctx.request, ctx.reply, ctx.services.sessions);
    return ctx.page('Inloggen', loginForm(token, { returnTo: safeReturnPath(form.terug), error, username: typed }));
  };
  const locked = await ctx.services.throttle.lockedUntil(name, ip);
  if (locked) {
    await audit(ctx.db, { userId: null, username: name, action: 'login_throttled', details: { ip, until: locked.toISOString() } });
    ctx.reply.header('Retry-After', String(Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 1000))));
    return again(429, 'Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.');
  }
  const result = await checkCredentials(ctx, normaliseUsername(typed), form.wachtwoord);
  if (typeof result === 'string') {
    const lock = await ctx.services.throttle.recordFailure(name, ip);
    await audit(ctx.db, { userId: null, username: name, action: 'login_failed', details: { reason: result, ip, ...(lock ? { lockedUntil: lock.toISOString() } : {}) } });
    return again(401, 'Onbekende gebruikersnaam of onjuist wachtwoord.');
  }
  await ctx.services.throttle.recordSuccess(result.username);
  await endSession(ctx.db, ctx.request, ctx.reply); // never carry a session over a login
  await startSession(ctx.db, ctx.request, ctx.reply, result.id, ctx.services.sessions);
  await audit(ctx.db, { userId: result.id, username: result.username, action: 'login', details: { ip } });
  ctx.reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
  return ctx.redirect(safeReturnPath(form.terug) ?? homePathFor(result));
}

export const authRoutes: readonly PageRoute[] = [
  get('/inloggen', anyone, showLogin),
  post('/inloggen', anyone, logIn),
  post('/uitloggen', signedIn, async (ctx) => {
    await ctx.audit('logout');
    await endSession(ctx.db, ctx.request, ctx.reply);
    return ctx.redirect('/inloggen?uitgelogd');
  }),
  get('/', signedIn, async (ctx) => ctx.redirect(homePathFor(ctx.user))),
];
