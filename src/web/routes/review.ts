import { z } from 'zod';
import { REVIEW_DECISIONS } from '../../domain/review.js';
import {
  audit, clusterOfAd, listClusterMembers, recordClusterDecision, recordDecision, reviewDecisionInputSchema, transactionWithRetry,
} from '../../store/index.js';
import { HttpError } from '../http-error.js';
import { renderClusterConfirm } from '../views/review-view.js';
import { adIdParam, reviewScopeOf } from './review-scope.js';
import { allowedTo, post, type PageContext, type PageRoute } from './route.js';

/** The decision forms' Dutch field names → the store's validated input (decision, trimmed note or null). */
const DecisionForm = z
  .object({ besluit: z.enum(REVIEW_DECISIONS), notitie: z.string().optional() })
  .transform((f) => ({ decision: f.besluit, ...(f.notitie === undefined ? {} : { note: f.notitie }) }))
  .pipe(reviewDecisionInputSchema);

const ClusterForm = z.object({
  besluit: z.string(),
  notitie: z.string().optional(),
  /** Set by the confirmation step only. */
  bevestigd: z.literal('ja').optional(),
  /** How many ads the confirmation showed. */
  aantal: z.coerce.number().int().min(0).optional(),
});

function actor(ctx: PageContext) {
  return { userId: ctx.user.id, username: ctx.user.username };
}

/** POST /advertenties/:id/besluit: one decision, its history row and its audit entry in one transaction. */
async function decideAd(ctx: PageContext) {
  const adId = adIdParam(ctx.request.params);
  const input = ctx.form(DecisionForm);
  const scope = reviewScopeOf(ctx.user);
  const saved = await transactionWithRetry(ctx.db, async (tx) => {
    const decision = await recordDecision(tx, { adId, scope, userId: ctx.user.id, ...input });
    if (decision) await audit(tx, { ...actor(ctx), action: 'decision', target: adId, details: { decision: decision.decision, decisionId: decision.id } });
    return decision;
  });
  // Outside the user's district reads as "no such ad", as on the ad page.
  if (!saved) throw new HttpError(404, `no ad ${adId} in scope of ${ctx.user.username}`);
  return ctx.redirect(`/advertenties/${adId}?vastgelegd=1#besluit`);
}

/**
 * POST /advertenties/:id/clusterbesluit: the same decision for every ad of the ad's cluster in the
 * user's district. First a confirmation page listing them; the confirmed form records them all
 * (each its own history row) with one audit entry naming every ad — unless the cluster changed in
 * between, in which case the confirmation is shown again.
 */
async function decideCluster(ctx: PageContext) {
  const adId = adIdParam(ctx.request.params);
  const form = ctx.form(ClusterForm);
  const input = ctx.form(DecisionForm);
  const scope = reviewScopeOf(ctx.user);
  const ad = await clusterOfAd(ctx.db, adId, scope);
  if (!ad) throw new HttpError(404, `no ad ${adId} in scope of ${ctx.user.username}`);
  if (!ad.clusterId) throw new HttpError(400, `ad ${adId} is in no cluster`);
  const clusterId = ad.clusterId;
  const confirm = (changed: boolean, members: Awaited<ReturnType<typeof listClusterMembers>>) =>
    ctx.page('Clusterbesluit bevestigen', renderClusterConfirm({ adId, members, decision: input.decision, note: input.note, csrfToken: ctx.csrfToken, changed }));
  const outcome = await transactionWithRetry(ctx.db, async (tx) => {
    const members = await listClusterMembers(tx, clusterId, scope);
    if (form.bevestigd !== 'ja' || form.aantal !== members.inScope.length) return { members, count: null };
    const count = await recordClusterDecision(tx, { clusterId, scope, userId: ctx.user.id, ...input });
    await audit(tx, {
      ...actor(ctx), action: 'decision', target: adId,
      details: { decision: input.decision, clusterId, ads: count, adIds: members.inScope.map((m) => m.id), outsideScope: members.outsideScope },
    });
    return { members, count };
  });
  if (outcome.count === null) return confirm(form.bevestigd === 'ja', outcome.members);
  return ctx.redirect(`/advertenties/${adId}?clusterbesluit=${outcome.count}#besluit`);
}

export const reviewRoutes: readonly PageRoute[] = [
  post('/advertenties/:id/besluit', allowedTo('ad:decide'), decideAd),
  post('/advertenties/:id/clusterbesluit', allowedTo('ad:decide'), decideCluster),
];
