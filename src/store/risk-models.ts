import type { TextSpan } from '../domain/analysis.js';
import type { ReviewDecision } from '../domain/review.js';
import type { Db } from './db.js';

export type RiskModelKind = 'text_model';

/** A learned model as stored (table risk_models), without the model JSON itself. */
export interface RiskModelSummary {
  id: string;
  kind: RiskModelKind;
  trainedAt: Date;
  confirmed: number;
  refuted: number;
  /** The cross-validation report it was stored with. */
  cvReport: unknown;
  active: boolean;
}

/** A stored model with its JSON (for `TextModel.restore`). */
export interface StoredRiskModel extends RiskModelSummary {
  model: unknown;
}

export interface NewRiskModel {
  kind?: RiskModelKind;
  trainedAt: Date;
  confirmed: number;
  refuted: number;
  cvReport: unknown;
  model: unknown;
  active: boolean;
}

const SUMMARY_COLUMNS = 'id::text AS id, kind, trained_at, confirmed, refuted, cv_report, active';

interface SummaryRow {
  id: string;
  kind: RiskModelKind;
  trained_at: Date;
  confirmed: number;
  refuted: number;
  cv_report: unknown;
  active: boolean;
}

/** Stores a trained model; returns its summary. An active one is in use from the workers' next batch. */
export async function saveRiskModel(db: Db, input: NewRiskModel): Promise<RiskModelSummary> {
  const { rows } = await db.query<SummaryRow>(
    `INSERT INTO risk_models (kind, trained_at, confirmed, refuted, cv_report, model, active)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING ${SUMMARY_COLUMNS}`,
    [input.kind ?? 'text_model', input.trainedAt, input.confirmed, input.refuted, JSON.stringify(input.cvReport), JSON.stringify(input.model), input.active],
  );
  return toSummary(rows[0]!);
}

/** The id of the model in use: the newest active one of the kind; null when none (the signal is off). */
export async function activeRiskModelId(db: Db, kind: RiskModelKind = 'text_model'): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM risk_models WHERE kind = $1 AND active ORDER BY trained_at DESC, id DESC LIMIT 1`,
    [kind],
  );
  return rows[0]?.id ?? null;
}

/** A stored model with its JSON, or null. */
export async function loadRiskModel(db: Db, id: string): Promise<StoredRiskModel | null> {
  if (!/^\d+$/.test(id)) return null;
  const { rows } = await db.query<SummaryRow & { model: unknown }>(`SELECT ${SUMMARY_COLUMNS}, model FROM risk_models WHERE id = $1::bigint`, [id]);
  return rows[0] ? { ...toSummary(rows[0]), model: rows[0].model } : null;
}

/** The stored models of a kind, newest first, without their JSON. */
export async function listRiskModels(db: Db, options: { kind?: RiskModelKind; limit?: number } = {}): Promise<RiskModelSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM risk_models WHERE kind = $1 ORDER BY trained_at DESC, id DESC LIMIT $2`,
    [options.kind ?? 'text_model', options.limit ?? 20],
  );
  return rows.map(toSummary);
}

function toSummary(r: SummaryRow): RiskModelSummary {
  return { id: r.id, kind: r.kind, trainedAt: r.trained_at, confirmed: r.confirmed, refuted: r.refuted, cvReport: r.cv_report, active: r.active };
}

/** A reviewed ad as the model trains on it: its current decision and the version the coordinator saw. */
export interface ReviewedAdText {
  adId: string;
  decision: ReviewDecision;
  clusterId: string | null;
  title: string | null;
  text: string;
  name: string | null;
  /** Where the extraction found phone numbers in that version (left out of the model's words). */
  phoneSpans: TextSpan[];
}

/**
 * Every reviewed ad's current decision (its newest) with the text it was made on: the version of
 * the ad's last sighting at or before the decision, or its current version when the sightings are
 * gone. Like the indicator statistics, it counts what the coordinator saw, not a later change.
 */
export async function loadReviewedAdTexts(db: Db): Promise<ReviewedAdText[]> {
  const { rows } = await db.query<{
    ad_id: string;
    decision: ReviewDecision;
    cluster_id: string | null;
    title: string | null;
    body: string;
    name: string | null;
    phone_spans: TextSpan[] | null;
  }>(
    `WITH current AS (
       SELECT DISTINCT ON (ad_id) ad_id, decision, decided_at FROM review_decisions ORDER BY ad_id, id DESC
     )
     SELECT c.ad_id::text AS ad_id, c.decision, a.cluster_id::text AS cluster_id, v.title, v.body, v.name,
            jsonb_path_query_array(v.analysis, '$.phones[*].span') AS phone_spans
     FROM current c
     JOIN ads a ON a.id = c.ad_id
     JOIN ad_versions v ON v.id = COALESCE(
       (SELECT s.version_id FROM sightings s WHERE s.ad_id = c.ad_id AND s.seen_at <= c.decided_at
        ORDER BY s.seen_at DESC, s.version_id DESC LIMIT 1),
       a.current_version_id)
     ORDER BY c.ad_id`,
  );
  return rows.map((r) => ({
    adId: r.ad_id,
    decision: r.decision,
    clusterId: r.cluster_id,
    title: r.title,
    text: r.body,
    name: r.name,
    phoneSpans: r.phone_spans ?? [],
  }));
}
