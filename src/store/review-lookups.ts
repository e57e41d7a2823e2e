import type { ReviewDecision } from '../domain/review.js';
import type { Db } from './db.js';
import { isAdId, scopeDistrict, type ReviewScope } from './review-scope.js';

/**
 * Every site that has been crawled, for the work queue's site filter. From the runs table, not
 * the ads, and as a skip scan over its (site, started_at) index: one index probe per site, so a
 * year of runs costs what a week does (a plain DISTINCT reads every run).
 */
export async function listCrawledSites(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ site: string }>(
    `WITH RECURSIVE sites AS (
       (SELECT site FROM crawl_runs ORDER BY site LIMIT 1)
       UNION ALL
       SELECT (SELECT c.site FROM crawl_runs c WHERE c.site > sites.site ORDER BY c.site LIMIT 1) FROM sites WHERE sites.site IS NOT NULL
     )
     SELECT site FROM sites WHERE site IS NOT NULL`,
  );
  return rows.map((r) => r.site);
}

/** An ad of a cluster that a bulk decision would touch. */
export interface ClusterMember {
  id: string;
  title: string | null;
  municipalityName: string | null;
  reviewDecision: ReviewDecision | null;
}

export interface ClusterMembers {
  /** The cluster's ads inside the scope, by id: what `recordClusterDecision` decides. */
  inScope: ClusterMember[];
  /** How many of its ads lie outside the scope (left alone; never listed). */
  outsideScope: number;
}

/**
 * The ads of a cluster a reader may decide on, and how many others there are: the bulk
 * decision's confirmation shows both before anything is written.
 */
export async function listClusterMembers(db: Db, clusterId: string, scope: ReviewScope): Promise<ClusterMembers> {
  if (!isAdId(clusterId)) return { inScope: [], outsideScope: 0 };
  const { rows } = await db.query<ClusterMember & { in_scope: boolean }>(
    `SELECT a.id::text AS id, CASE WHEN s.in_scope THEN v.title END AS title,
            CASE WHEN s.in_scope THEN v.analysis->'municipality'->>'name' END AS "municipalityName",
            CASE WHEN s.in_scope THEN a.review_decision END AS "reviewDecision", s.in_scope
     FROM ads a
     CROSS JOIN LATERAL (SELECT ($2::text IS NULL OR coalesce(a.district = $2::text, false)) AS in_scope) s
     LEFT JOIN ad_versions v ON v.id = a.current_version_id
     WHERE a.cluster_id = $1::bigint ORDER BY a.id`,
    [clusterId, scopeDistrict(scope)],
  );
  return {
    inScope: rows.filter((r) => r.in_scope).map(({ in_scope: _inScope, ...member }) => member),
    outsideScope: rows.filter((r) => !r.in_scope).length,
  };
}

/**
 * The cluster id of an ad inside `scope` (null: the ad is in no cluster), or null when there is
 * no such ad in scope: the bulk decision's light check before it lists the cluster.
 */
export async function clusterOfAd(db: Db, adId: string, scope: ReviewScope): Promise<{ clusterId: string | null } | null> {
  if (!isAdId(adId)) return null;
  const { rows } = await db.query<{ cluster_id: string | null }>(
    `SELECT cluster_id::text AS cluster_id FROM ads WHERE id = $1::bigint AND ($2::text IS NULL OR district = $2::text)`,
    [adId, scopeDistrict(scope)],
  );
  return rows[0] ? { clusterId: rows[0].cluster_id } : null;
}
