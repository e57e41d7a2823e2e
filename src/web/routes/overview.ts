import { z } from 'zod';
import { DISTRICTS } from '../../domain/districts.js';
import { ALL_DISTRICTS, districtScope, reviewOverview, type ReviewOverview, type ReviewScope } from '../../store/index.js';
import { html } from '../html.js';
import type { SessionUser } from '../policy.js';
import { districtChooser, districtSection, weekSentence } from '../views/overview-view.js';
import { suppressionNote } from '../views/withheld.js';
import { allowedTo, get, type PageRoute } from './route.js';

const OverviewQuery = z.object({
  district: z.preprocess((v) => (v === '' ? undefined : v), z.enum(DISTRICTS).optional()),
});

/**
 * Whose counts: a coordinator's own district, whatever the query says; admins and analysts all
 * districts. An analyst's counts are always suppressed over all districts and then filtered, so
 * choosing one district never publishes a cell the all-districts view withholds.
 */
function scopeOf(user: SessionUser): ReviewScope {
  return user.role === 'coordinator' && user.district ? districtScope(user.district) : ALL_DISTRICTS;
}

function chosenDistricts(overview: ReviewOverview, user: SessionUser, chosen: string | undefined): ReviewOverview['districts'] {
  if (user.role === 'coordinator' || !chosen) return overview.districts;
  return overview.districts.filter((d) => d.district === chosen);
}

export const overviewRoutes: readonly PageRoute[] = [
  get('/overzicht', allowedTo('overview:view'), async (ctx) => {
    const { district } = ctx.query(OverviewQuery);
    const suppress = ctx.user.role === 'analyst';
    const overview = await reviewOverview(ctx.db, scopeOf(ctx.user), { suppressSmallCounts: suppress });
    const districts = chosenDistricts(overview, ctx.user, district);
    const heading = ctx.user.role === 'coordinator' ? `Overzicht ${ctx.user.district ?? ''}` : 'Overzicht';
    return ctx.page('Overzicht', html`<h1>${heading}</h1>
      ${weekSentence(overview)}
      ${ctx.user.role === 'coordinator' ? '' : districtChooser(district)}
      ${suppress ? suppressionNote() : ''}
      ${districts.length === 0 ? html`<p>Geen advertenties ${ctx.user.role === 'coordinator' || district ? 'in dit district' : ''}.</p>` : districts.map(districtSection)}
      ${ctx.user.role === 'coordinator' ? '' : html`<p><a href="/analyse">Trends over meer weken, grafieken en downloads</a></p>`}`);
  }),
];
