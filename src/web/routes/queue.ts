import { isDistrict } from '../../domain/districts.js';
import { listCrawledSites, listWorkQueue } from '../../store/index.js';
import { renderQueue } from '../views/queue-view.js';
import { municipalitiesOf } from './queue-options.js';
import { parseQueueQuery } from './queue-query.js';
import { reviewScopeOf } from './review-scope.js';
import { allowedTo, get, type PageRoute } from './route.js';

/**
 * GET /werkvoorraad: the ads of the user's district (an admin: all, with a district filter),
 * ranked by risk score, filtered by the query string, keyset-paged. The scope comes from the
 * session, never from the query: a coordinator's `district=` can only narrow their own district.
 */
export const queueRoutes: readonly PageRoute[] = [
  get('/werkvoorraad', allowedTo('queue:view'), async (ctx) => {
    const scope = reviewScopeOf(ctx.user);
    const query = parseQueueQuery(ctx.request.query);
    const [page, sites] = await Promise.all([
      query.ok ? listWorkQueue(ctx.db, scope, query.request.filters, query.request.page) : null,
      listCrawledSites(ctx.db),
    ]);
    if (!query.ok) ctx.reply.code(400);
    // The municipality filter lists the district in view: the coordinator's, or the one an admin picked.
    const picked = (query.ok ? query.request.params : query.params).district;
    const chosenDistrict = ctx.user.district ?? (isDistrict(picked) ? picked : null);
    return ctx.page('Werkvoorraad', renderQueue({ user: ctx.user, query, page, municipalities: municipalitiesOf(chosenDistrict), sites }));
  }),
];
