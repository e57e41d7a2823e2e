/**
 * Who may do what: pure functions, no I/O, the one place the rules live. Routes declare a role
 * rule (src/web/routes/route.ts) and call {@link assertCan} for resource rules; the store's
 * queries are additionally scoped by district (src/store/review-scope.ts).
 */
import type { District } from '../domain/districts.js';
import type { UserRole } from '../domain/review.js';
import { HttpError } from './http-error.js';

/** The signed-in user as the policy needs it. */
export interface SessionUser {
  id: string;
  username: string;
  role: UserRole;
  /** A coordinator's district; null for admins and analysts. */
  district: District | null;
}

export const POLICY_ACTIONS = [
  /** The work queue of ads to review. */
  'queue:view',
  /** One ad's page, with its personal data (resource: the ad's district). */
  'ad:view',
  /** Record a review decision on an ad or its cluster (resource: the ad's district). */
  'ad:decide',
  /** Phone numbers, names, ad texts and URLs, anywhere (resource: the ad's district). */
  'personal-data:view',
  /** Counts per municipality, licence status, week: aggregates only. */
  'overview:view',
  /** Aggregate exports (small counts suppressed, no personal data). */
  'export:aggregate',
  /** The audit log. */
  'audit:view',
  /** Accounts: list, disable. */
  'users:manage',
  /** Crawl run history, site health and schedules (no ad content: site ids, counts, error messages). */
  'operations:view',
] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** What an action is about; only an ad's district matters so far. */
export interface PolicyResource {
  /** The ad's district; null for ads outside the three districts or of unknown place. */
  district?: string | null | undefined;
}

const ROLE_ACTIONS: Record<UserRole, ReadonlySet<PolicyAction>> = {
  admin: new Set(POLICY_ACTIONS),
  coordinator: new Set(['queue:view', 'ad:view', 'ad:decide', 'personal-data:view', 'overview:view']),
  // Aggregates only: never personal data, never an ad page (DOMAIN.md, "Privacy and security").
  analyst: new Set(['overview:view', 'export:aggregate']),
};

/** Actions on one ad: a coordinator may do them in their own district only. */
const DISTRICT_BOUND: ReadonlySet<PolicyAction> = new Set(['ad:view', 'ad:decide', 'personal-data:view']);

/** Whether the role may ever do this action, whatever the resource. */
export function roleMay(role: UserRole, action: PolicyAction): boolean {
  return ROLE_ACTIONS[role].has(action);
}

/**
 * Whether `user` may do `action` (on `resource`, for district-bound actions).
 *
 * @example
 * can(coordinatorKennemerland, 'ad:view', { district: 'Kennemerland' })   // true
 * can(coordinatorKennemerland, 'ad:view', { district: 'Zaanstreek-Waterland' }) // false
 * can(analyst, 'personal-data:view')                                       // false
 */
export function can(user: SessionUser, action: PolicyAction, resource?: PolicyResource): boolean {
  if (!roleMay(user.role, action)) return false;
  if (user.role !== 'coordinator' || !DISTRICT_BOUND.has(action)) return true;
  return resource !== undefined && resource.district === user.district;
}

/**
 * The status of a refusal: 404 when the role may do this in general but not on this resource
 * (a coordinator opening another district's ad must not learn that it exists), 403 otherwise.
 */
export function denialStatus(user: SessionUser, action: PolicyAction): 403 | 404 {
  return roleMay(user.role, action) ? 404 : 403;
}

/** Where a user lands after login: their main page. */
export function homePathFor(user: Pick<SessionUser, 'role'>): string {
  switch (user.role) {
    case 'coordinator':
      return '/werkvoorraad';
    case 'analyst':
      return '/overzicht';
    case 'admin':
      return '/beheer';
  }
}

/**
 * Throws the refusal (404 or 403, see {@link denialStatus}) unless `user` may do `action` on
 * `resource`. Call it in a route before loading or showing anything of the resource.
 *
 * @example
 * assertCan(ctx.user, 'ad:view', { district: ad.district });
 */
export function assertCan(user: SessionUser, action: PolicyAction, resource?: PolicyResource): void {
  if (!can(user, action, resource)) throw new HttpError(denialStatus(user, action), `${user.username} may not ${action}`);
}
