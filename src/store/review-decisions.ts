import { z } from 'zod';
import { REVIEW_CONFIRMS, REVIEW_DECISIONS, type ReviewDecision } from '../domain/review.js';
import { transactionWithRetry, type Db } from './db.js';
import { isAdId, scopeDistrict, type ReviewScope } from './review-scope.js';

/** One decision of an ad's history. */
export interface StoredDecision {
  id: string;
  adId: string;
  userId: string;
  /** Null only if the user row is gone (users are disabled, not deleted). */
  username: string | null;
  decision: ReviewDecision;
  note: string | null;
  /** Set when the decision was made for the whole cluster at once. */
  clusterId: string | null;
  decidedAt: Date;
}

export const REVIEW_NOTE_MAX = 4000;

/** A decision form's fields; an empty note is no note. */
export const reviewDecisionInputSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS, { error: `must be one of: ${REVIEW_DECISIONS.join(', ')}` }),
  note: z
    .string()
    .trim()
    .max(REVIEW_NOTE_MAX, `is longer than ${REVIEW_NOTE_MAX} characters`)
    .optional()
    .transform((note) => (note ? note : null)),
});

export interface RecordDecision {
  adId: string;
  /** The decider's scope: an ad outside it is treated as not found. */
  scope: ReviewScope;
  userId: string;
  decision: ReviewDecision;
  note?: string | null | undefined;
}

export interface RecordClusterDecision extends Omit<RecordDecision, 'adId'> {
  clusterId: string;
}

const DECISION_COLUMNS = `d.id::text AS id, d.ad_id::text AS ad_id, d.user_id::text AS user_id, u.username, d.decision,
  d.note, d.cluster_id::text AS cluster_id, d.decided_at`;

interface DecisionRow {
  id: string;
  ad_id: string;
  user_id: string;
  username: string | null;
  decision: ReviewDecision;
  note: string | null;
  cluster_id: string | null;
  decided_at: Date;
}

/**
 * Inserts rows into the history for the (locked, in-scope) ads the `target` SQL selects, with what
 * each ad showed at that moment, and makes it their current decision. Returns the new rows' ids.
 */
async function decide(tx: Db, target: { sql: string; params: unknown[] }, input: Omit<RecordDecision, 'adId' | 'scope'>, clusterId: string | null): Promise<string[]> {
  const n = target.params.length;
  const { rows } = await tx.query<{ id: string }>(
    `WITH target AS (${target.sql}),
     inserted AS (
       INSERT INTO review_decisions (ad_id, user_id, decision, note, cluster_id, indicator_codes, risk_score)
       SELECT a.id, $${n + 1}::bigint, $${n + 2}, $${n + 3}, $${n + 4}::bigint, a.indicator_codes, a.risk_score
       FROM ads a JOIN target t ON t.id = a.id ORDER BY a.id
       RETURNING id, ad_id, decided_at
     ),
     updated AS (
       UPDATE ads a SET review_decision = $${n + 2}, reviewed_at = i.decided_at FROM inserted i WHERE a.id = i.ad_id RETURNING a.id
     )
     SELECT i.id::text AS id FROM inserted i JOIN updated u ON u.id = i.ad_id ORDER BY i.id`,
    [...target.params, input.userId, input.decision, input.note ?? null, clusterId],
  );
  return rows.map((r) => r.id);
}

/**
 * Records a coordinator's decision on one ad: a new history row and the ad's current decision, in
 * one transaction. Null when the ad does not exist or lies outside `scope` (nothing is written).
 */
export async function recordDecision(db: Db, input: RecordDecision): Promise<StoredDecision | null> {
  if (!isAdId(input.adId)) return null;
  return transactionWithRetry(db, async (tx) => {
    const target = {
      sql: `SELECT id FROM ads WHERE id = $1::bigint AND ($2::text IS NULL OR district = $2::text) FOR UPDATE`,
      params: [input.adId, scopeDistrict(input.scope)],
    };
    const [id] = await decide(tx, target, input, null);
    return id === undefined ? null : decisionById(tx, id);
  });
}

/**
 * The same decision for every ad of a cluster inside `scope`, in one transaction (each ad gets its
 * own history row, marked with the cluster). Ads of the cluster in other districts are left alone.
 * Returns how many ads were decided (0: no such cluster in scope).
 */
export async function recordClusterDecision(db: Db, input: RecordClusterDecision): Promise<number> {
  if (!isAdId(input.clusterId)) return 0;
  return transactionWithRetry(db, async (tx) => {
    const target = {
      sql: `SELECT id FROM ads WHERE cluster_id = $1::bigint AND ($2::text IS NULL OR district = $2::text) ORDER BY id FOR UPDATE`,
      params: [input.clusterId, scopeDistrict(input.scope)],
    };
    return (await decide(tx, target, input, input.clusterId)).length;
  });
}

async function decisionById(db: Db, id: string): Promise<StoredDecision | null> {
  const { rows } = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM review_decisions d LEFT JOIN users u ON u.id = d.user_id WHERE d.id = $1::bigint`,
    [id],
  );
  return rows[0] ? toDecision(rows[0]) : null;
}

/** An ad's decisions, newest first (the first is the current one), with who made them. */
export async function listDecisions(db: Db, adId: string): Promise<StoredDecision[]> {
  if (!isAdId(adId)) return [];
  const { rows } = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM review_decisions d LEFT JOIN users u ON u.id = d.user_id
     WHERE d.ad_id = $1::bigint ORDER BY d.id DESC`,
    [adId],
  );
  return rows.map(toDecision);
}

/** How often reviews confirmed an indicator. */
export interface IndicatorConfirmation {
  code: string;
  /** Reviewed ads whose current decision was made while the ad carried this indicator. */
  reviewed: number;
  /** Of those, decisions that confirm the ad deserved attention (REVIEW_CONFIRMS true)… */
  confirmed: number;
  /** …and that refute it (false); an inspection only planned counts as neither. */
  refuted: number;
  /** confirmed / (confirmed + refuted); null before any confirming or refuting decision. */
  rate: number | null;
}

const decisionsWhere = (value: boolean) => REVIEW_DECISIONS.filter((d) => REVIEW_CONFIRMS[d] === value);

/**
 * Per indicator code, what the coordinators' current decisions say about it: the evidence for its
 * weight (issue 5). Counted on the indicators the ad carried when the decision was made.
 */
export async function indicatorConfirmationRates(db: Db): Promise<IndicatorConfirmation[]> {
  const { rows } = await db.query<Omit<IndicatorConfirmation, 'rate'>>(
    `WITH current AS (
       SELECT DISTINCT ON (ad_id) decision, indicator_codes FROM review_decisions ORDER BY ad_id, id DESC
     )
     SELECT code, count(*)::int AS reviewed,
            count(*) FILTER (WHERE decision = ANY($1::text[]))::int AS confirmed,
            count(*) FILTER (WHERE decision = ANY($2::text[]))::int AS refuted
     FROM current, unnest(indicator_codes) AS code
     GROUP BY code ORDER BY code`,
    [decisionsWhere(true), decisionsWhere(false)],
  );
  return rows.map((r) => ({ ...r, rate: r.confirmed + r.refuted === 0 ? null : r.confirmed / (r.confirmed + r.refuted) }));
}

function toDecision(r: DecisionRow): StoredDecision {
  return {
    id: r.id,
    adId: r.ad_id,
    userId: r.user_id,
    username: r.username,
    decision: r.decision,
    note: r.note,
    clusterId: r.cluster_id,
    decidedAt: r.decided_at,
  };
}
