import { z } from 'zod';
import { getAdForReview, listClusterMembers } from '../../store/index.js';
import { HttpError } from '../http-error.js';
import { assertCan } from '../policy.js';
import { renderAdPage } from '../views/ad-view.js';
import { municipalityName } from './queue-options.js';
import { adIdParam, reviewScopeOf } from './review-scope.js';
import { allowedTo, get, type PageRoute } from './route.js';

/** What the decision forms' redirects (Post/Redirect/Get) tell the page to confirm. */
const AdPageQuery = z.object({
  vastgelegd: z.string().max(10).optional(),
  clusterbesluit: z.coerce.number().int().min(0).max(100_000).optional(),
});

/**
 * GET /advertenties/:id: one ad with its evidence, for a coordinator of its district or an admin.
 * The store query is scoped to the user's district, so another district's ad is not found at all
 * (404, the same as a missing ad: a URL does not tell whether it exists); every view is audited.
 */
export const adRoutes: readonly PageRoute[] = [
  get('/advertenties/:id', allowedTo('ad:view'), async (ctx) => {
    const adId = adIdParam(ctx.request.params);
    const query = ctx.query(AdPageQuery);
    const scope = reviewScopeOf(ctx.user);
    const ad = await getAdForReview(ctx.db, adId, scope);
    if (!ad) throw new HttpError(404, `no ad ${adId} in scope of ${ctx.user.username}`);
    // The policy agrees with the scope; checked again so the two can never drift apart silently.
    assertCan(ctx.user, 'ad:view', { district: ad.district });
    assertCan(ctx.user, 'personal-data:view', { district: ad.district });
    const members = ad.clusterId ? await listClusterMembers(ctx.db, ad.clusterId, scope) : { inScope: [], outsideScope: 0 };
    await ctx.audit('ad_view', ad.id);
    return ctx.page(`Advertentie ${ad.id}`, renderAdPage({
      ad,
      csrfToken: ctx.csrfToken,
      members,
      allDistricts: ctx.user.role === 'admin',
      placeName: municipalityName,
      flash: { single: query.vastgelegd !== undefined, cluster: query.clusterbesluit },
    }));
  }),
];
