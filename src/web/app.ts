import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../log.js';
import type { MetricsEndpoint } from '../metrics/index.js';
import type { Db } from '../store/index.js';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleRules } from './auth/login-throttle.js';
import { makeDummyPasswordHash } from './auth/password.js';
import { resolveSession, type SessionConfig } from './auth/sessions.js';
import { errorPage } from './error-page.js';
import { HttpError, type ErrorStatus } from './http-error.js';
import { mountMetrics } from './metrics-route.js';
import { ROUTES } from './routes/index.js';
import { pageContext, registerRoutes } from './routes/register-routes.js';
import type { PageRoute } from './routes/route.js';
import type { ConfiguredSites, WebServices } from './services.js';

export type WebSettings = Pick<Settings, 'sessionIdleMinutes' | 'sessionMaxHours' | 'sessionSecureCookie' | 'webTrustProxy' | 'scheduleTz' | 'exportKey'>;

export interface WebAppOptions {
  db: Db;
  log: Logger;
  settings: WebSettings;
  /** The pages; default the route table (src/web/routes/index.ts). */
  routes?: readonly PageRoute[] | undefined;
  throttle?: ThrottleRules | undefined;
  /** Serve GET /metrics (token or loopback only, see src/web/metrics-route.ts). */
  metrics?: MetricsEndpoint | undefined;
  /**
   * The configured sites with their config `schedule`, for the schedules on /beheer/sites;
   * unset (site configs not loaded): sites are those the database knows, schedule source unknown.
   */
  sites?: ConfiguredSites | undefined;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
/** Forms only: nothing this app accepts is anywhere near this. */
const BODY_LIMIT = 64 * 1024;

/**
 * No inline script or style, no plugins, no framing, forms only to ourselves. `'self'` is all a
 * page of this app ever loads, so a script injected through an ad text cannot run.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function sessionConfigOf(settings: WebSettings): SessionConfig {
  return {
    idleMs: settings.sessionIdleMinutes * 60_000,
    absoluteMs: settings.sessionMaxHours * 3_600_000,
    secureCookie: settings.sessionSecureCookie,
  };
}

async function registerPlugins(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' }, // ad ids in our URLs stay here
    frameguard: { action: 'deny' }, // as frame-ancestors 'none', for browsers without CSP 3
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/static/', index: false, list: false });
}

const isStatic = (request: FastifyRequest) => request.url.startsWith('/static/');

function addHooks(app: FastifyInstance, services: WebServices): void {
  app.decorateRequest('session', null);
  app.decorateRequest('siteAlerts', null);
  app.addHook('onRequest', async (request) => {
    request.session = isStatic(request) ? null : await resolveSession(services.db, request, services.sessions);
  });
  app.addHook('onSend', async (request, reply) => {
    // Pages carry personal data: never kept by a browser or proxy cache.
    if (!isStatic(request)) reply.header('Cache-Control', 'no-store');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  });
  // Our own request log: the route pattern, never the URL (a search by phone number is in the query).
  app.addHook('onResponse', async (request, reply) => {
    services.log.debug({ method: request.method, route: request.routeOptions.url ?? '(none)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'web request');
  });
}

function statusOf(error: FastifyError | HttpError): ErrorStatus {
  if (error instanceof HttpError) return error.status;
  const code = error.statusCode ?? 500;
  return ([400, 403, 404, 405, 413, 415, 429, 503] as const).find((s) => s === code) ?? (code >= 400 && code < 500 ? 400 : 500);
}

function addErrorPages(app: FastifyInstance, services: WebServices): void {
  const render = (request: FastifyRequest, reply: FastifyReply, status: ErrorStatus) => {
    const ctx = pageContext(request, reply, services);
    return reply.code(status).type('text/html; charset=utf-8').send(errorPage(ctx, status).toString());
  };
  app.setNotFoundHandler((request, reply) => render(request, reply, 404));
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) services.log.error({ err: error.message, stack: error.stack, route: request.routeOptions.url }, 'web request failed');
    if (error instanceof HttpError) reply.headers(error.headers);
    return render(request, reply, status);
  });
}

/**
 * The review web app, ready for `listen()` or `inject()`: security headers, sessions, CSRF,
 * the route table behind its access rules, Dutch error pages. The caller closes it (and the db).
 */
export async function buildWebApp(options: WebAppOptions): Promise<FastifyInstance> {
  const services: WebServices = {
    db: options.db,
    log: options.log,
    sessions: sessionConfigOf(options.settings),
    throttle: new LoginThrottle(options.db, options.throttle ?? DEFAULT_THROTTLE),
    dummyPasswordHash: await makeDummyPasswordHash(),
    sites: options.sites ?? null,
    scheduleTz: options.settings.scheduleTz,
    exportKey: options.settings.exportKey,
  };
  const app = Fastify({ logger: false, trustProxy: options.settings.webTrustProxy, bodyLimit: BODY_LIMIT, return503OnClosing: true });
  await registerPlugins(app);
  addHooks(app, services);
  addErrorPages(app, services);
  registerRoutes(app, options.routes ?? ROUTES, services);
  if (options.metrics) mountMetrics(app, options.metrics);
  return app;
}
