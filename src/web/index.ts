/**
 * The review web app (issue 6): Fastify, server-rendered HTML, sessions, CSRF, roles. This file
 * is its public entry; page modules import their siblings directly.
 */
export { buildWebApp, sessionConfigOf, type WebAppOptions, type WebSettings } from './app.js';
export { html, raw, safeHref, escapeHtml, SafeHtml, type HtmlValue } from './html.js';
export { can, assertCan, denialStatus, roleMay, homePathFor, POLICY_ACTIONS, type PolicyAction, type PolicyResource, type SessionUser } from './policy.js';
export { HttpError, type ErrorStatus } from './http-error.js';
export { get, post, anyone, signedIn, requireRole, allowedTo, type PageRoute, type PageContext, type AccessRule } from './routes/route.js';
export { ROUTES, RESERVED_ROUTES } from './routes/index.js';
export { CSRF_FIELD } from './auth/csrf.js';
export { hashPassword, verifyPassword, passwordProblem } from './auth/password.js';
