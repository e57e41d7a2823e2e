/**
 * Page routes with their access rule declared in one line, checked before the handler runs:
 *
 * @example
 * export const auditRoutes = [
 *   get('/beheer/audit', requireRole('admin'), async (ctx) => ctx.page('Auditlog', html`…`)),
 * ];
 *
 * Anonymous → 303 to the login page; signed in with another role → 403; every POST also needs
 * its CSRF token (src/web/auth/csrf.ts) → 403 without. Resource rules (an ad's district) are
 * the handler's: `assertCan(ctx.user, 'ad:view', { district })` from src/web/policy.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { USER_ROLES, type UserRole } from '../../domain/review.js';
import type { Logger } from '../../log.js';
import type { AuditAction, Db } from '../../store/index.js';
import type { SafeHtml } from '../html.js';
import { roleMay, type PolicyAction, type SessionUser } from '../policy.js';
import type { WebServices } from '../services.js';

export type AccessRule = { readonly kind: 'public' } | RoleRule;
export interface RoleRule {
  readonly kind: 'roles';
  readonly roles: readonly UserRole[];
}

/** Anyone, signed in or not (the login page, static files). */
export const anyone: { readonly kind: 'public' } = Object.freeze({ kind: 'public' });

/** Signed in with one of these roles. */
export function requireRole(...roles: [UserRole, ...UserRole[]]): RoleRule {
  return Object.freeze({ kind: 'roles', roles: Object.freeze([...roles]) });
}

/** Signed in, any role. */
export const signedIn: RoleRule = requireRole(...USER_ROLES);

/**
 * Signed in with a role the policy allows `action` (src/web/policy.ts): the route rule and the
 * policy cannot drift apart. E.g. `allowedTo('queue:view')` = coordinator or admin.
 */
export function allowedTo(action: PolicyAction): RoleRule {
  const roles = USER_ROLES.filter((role) => roleMay(role, action));
  if (roles.length === 0) throw new Error(`no role may ${action}`);
  return requireRole(roles[0]!, ...roles.slice(1));
}

/** What a handler gets. `U` is `SessionUser` behind a role rule, `SessionUser | null` on a public route. */
export interface PageContext<U extends SessionUser | null = SessionUser> {
  request: FastifyRequest;
  reply: FastifyReply;
  db: Db;
  log: Logger;
  /** Session settings, login throttle and the rest of the app's shared parts. */
  services: WebServices;
  user: U;
  /** The session's CSRF token: put it in every form as `<input type="hidden" name="_csrf" value="…">`. */
  csrfToken: string;
  /** The whole page (layout, navigation of the user's role) around `main`. */
  page(title: string, main: SafeHtml): SafeHtml;
  /** Appends to the audit log as the signed-in user. */
  audit(action: AuditAction, target?: string | null, details?: Record<string, unknown>): Promise<void>;
  /** 303 See Other to a path on this site. */
  redirect(path: string): FastifyReply;
  /** The parsed query string, or 400. */
  query<S extends z.ZodType>(schema: S): z.output<S>;
  /** The parsed form body, or 400. */
  form<S extends z.ZodType>(schema: S): z.output<S>;
}

/** A page (HTML) or a reply the handler finished itself (redirect). */
export type PageResult = SafeHtml | FastifyReply;

export type Method = 'GET' | 'POST';

export interface PageRoute {
  method: Method;
  /** Fastify path pattern, e.g. `/beheer/gebruikers/:id/blokkeren`. */
  url: string;
  access: AccessRule;
  handler(ctx: PageContext<SessionUser | null>): Promise<PageResult>;
}

type Handler<U extends SessionUser | null> = (ctx: PageContext<U>) => Promise<PageResult>;

function define(method: Method, url: string, access: AccessRule, handler: Handler<SessionUser | null>): PageRoute {
  return Object.freeze({ method, url, access, handler });
}

/** A GET page route. Behind a role rule the handler's `ctx.user` is never null. */
export function get(url: string, access: RoleRule, handler: Handler<SessionUser>): PageRoute;
export function get(url: string, access: typeof anyone, handler: Handler<SessionUser | null>): PageRoute;
export function get(url: string, access: AccessRule, handler: Handler<never>): PageRoute {
  return define('GET', url, access, handler as Handler<SessionUser | null>);
}

/** A POST (form) route; its CSRF token is checked before the handler runs. */
export function post(url: string, access: RoleRule, handler: Handler<SessionUser>): PageRoute;
export function post(url: string, access: typeof anyone, handler: Handler<SessionUser | null>): PageRoute;
export function post(url: string, access: AccessRule, handler: Handler<never>): PageRoute {
  return define('POST', url, access, handler as Handler<SessionUser | null>);
}
