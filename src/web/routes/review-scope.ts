import { ALL_DISTRICTS, districtScope, isAdId, type ReviewScope } from '../../store/index.js';
import { HttpError } from '../http-error.js';
import type { SessionUser } from '../policy.js';

/**
 * The ads a signed-in user may review, as the store's scope: a coordinator's own district, every
 * ad for an admin. An analyst has none (the routes refuse them first; this refuses again).
 */
export function reviewScopeOf(user: SessionUser): ReviewScope {
  if (user.role === 'admin') return ALL_DISTRICTS;
  if (user.role === 'coordinator' && user.district) return districtScope(user.district);
  throw new HttpError(403, `${user.username} (${user.role}) has no review scope`);
}

/** The `:id` of an ad route; anything that cannot be an ad id is simply not found. */
export function adIdParam(params: unknown): string {
  const id = (params as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !isAdId(id)) throw new HttpError(404, 'not an ad id');
  return id;
}
