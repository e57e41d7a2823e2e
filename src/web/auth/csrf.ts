import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';
import { cookieIsSecure, newToken, tokensEqual, type SessionConfig } from './sessions.js';

/**
 * CSRF protection for every POST, checked centrally by the route layer (src/web/routes/route.ts):
 * - signed in: a synchronizer token stored with the session (sessions.csrf_token), which every
 *   form sends back in the hidden field `_csrf` (or a script in the `X-CSRF-Token` header);
 * - not signed in (the login form): a double-submit token, the same random value in a
 *   SameSite=Strict, httpOnly cookie and in the form, so another site cannot log a browser in
 *   under its own account.
 */
export const CSRF_FIELD = '_csrf';
export const LOGIN_CSRF_COOKIE = 'zicht_login_csrf';

/** The token this request sent: the form field, else the header. */
export function sentCsrfToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromForm = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof fromForm === 'string') return fromForm;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/** Refuses the request (403) unless it sent the expected token. */
export function requireCsrfToken(request: FastifyRequest, expected: string | undefined): void {
  const sent = sentCsrfToken(request);
  if (!expected || !sent || !tokensEqual(sent, expected)) throw new HttpError(403, 'missing or invalid CSRF token');
}

/** The login form's token: the pre-session cookie's value, set now if the browser has none. */
export function loginCsrfToken(request: FastifyRequest, reply: FastifyReply, config: SessionConfig): string {
  const existing = request.cookies[LOGIN_CSRF_COOKIE];
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = newToken();
  reply.setCookie(LOGIN_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookieIsSecure(request, config) });
  return token;
}
