import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { audit, type AuditAction } from '../../store/index.js';
import { LOGIN_CSRF_COOKIE, requireCsrfToken } from '../auth/csrf.js';
import { HttpError } from '../http-error.js';
import { SafeHtml } from '../html.js';
import { renderPage } from '../layout.js';
import { loadSiteAlerts } from '../site-alerts.js';
import type { SessionUser } from '../policy.js';
import type { WebServices } from '../services.js';
import type { PageContext, PageRoute } from './route.js';

const HTML = 'text/html; charset=utf-8';

/** Where an anonymous visitor is sent, remembering the page they asked for (GET only). */
export function loginRedirect(request: FastifyRequest): string {
  const wanted = request.method === 'GET' ? request.url : '';
  return wanted && wanted !== '/' ? `/inloggen?terug=${encodeURIComponent(wanted)}` : '/inloggen';
}

export function sessionUser(request: FastifyRequest): SessionUser | null {
  const user = request.session?.user;
  return user ? { id: user.id, username: user.username, role: user.role, district: user.district } : null;
}

/** The route's access rule and CSRF check; runs after the body is parsed, before the handler. */
function guard(route: PageRoute) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const user = sessionUser(request);
    if (route.access.kind === 'roles') {
      // Returning the reply ends the request here (Fastify's rule for async hooks).
      if (!user) return reply.redirect(loginRedirect(request), 303);
      if (!route.access.roles.includes(user.role)) throw new HttpError(403, `${user.username} (${user.role}) may not ${route.method} ${route.url}`);
    }
    if (route.method === 'POST') {
      // Behind a role rule: the session's synchronizer token; on a public form: the pre-session cookie's.
      requireCsrfToken(request, route.access.kind === 'roles' ? request.session?.csrfToken : request.cookies[LOGIN_CSRF_COOKIE]);
    }
    return undefined;
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new HttpError(400, `invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The pieces every handler (and the error pages) share. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, services: WebServices): PageContext<SessionUser | null> {
  const user = sessionUser(request);
  const csrfToken = request.session?.csrfToken ?? '';
  return {
    request,
    reply,
    db: services.db,
    log: services.log,
    services,
    user,
    csrfToken,
    page: (title, main) => renderPage({ title, main, user, csrfToken, path: request.url.split('?')[0]!, alerts: request.siteAlerts ?? [] }),
    audit: (action: AuditAction, target?: string | null, details?: Record<string, unknown>) =>
      audit(services.db, { userId: user?.id ?? null, username: user?.username ?? '(anoniem)', action, target, details }),
    redirect: (path) => reply.redirect(path, 303),
    query: (schema) => parse(schema, request.query, 'query'),
    form: (schema) => parse(schema, request.body, 'form'),
  };
}

/** Adds every page route to the app, each behind its guard. */
export function registerRoutes(app: FastifyInstance, routes: readonly PageRoute[], services: WebServices): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      preHandler: guard(route),
      handler: async (request, reply) => {
        // Pages (GET) carry the site alerts banner; a form POST only redirects.
        if (route.method === 'GET') request.siteAlerts = await loadSiteAlerts(services.db, sessionUser(request));
        const result = await route.handler(pageContext(request, reply, services));
        if (result instanceof SafeHtml) return reply.type(HTML).send(result.toString());
        return result;
      },
    });
  }
}
