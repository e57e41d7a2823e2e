-- Review decisions of the coordinators (issue 6) and what the work queue filters on.
-- Needs 003-risk (ads.risk_score, indicator_codes, cluster_id) and 004-accounts (users).

-- Every decision ever made; an ad's current decision is its newest row. A decision is never
-- updated or deleted by the application: changing one adds a row, so the history stays.
CREATE TABLE review_decisions (
  id              bigserial PRIMARY KEY,
  ad_id           bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  user_id         bigint NOT NULL REFERENCES users (id),
  -- src/domain/review.ts REVIEW_DECISIONS.
  decision        text NOT NULL CHECK (decision IN ('no_action', 'inspection_planned', 'inspected_licensed',
                    'inspected_unlicensed', 'passed_police', 'passed_care', 'false_positive')),
  note            text,
  -- Set when the decision was made for a whole cluster at once.
  cluster_id      bigint,
  -- What the coordinator saw when deciding: the indicator statistics and the model (issue 5)
  -- must count the indicators the decision was about, not those of a later re-assessment.
  indicator_codes text[] NOT NULL DEFAULT '{}',
  risk_score      real,
  decided_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_decisions_ad_idx ON review_decisions (ad_id, id DESC);
CREATE INDEX review_decisions_user_idx ON review_decisions (user_id);

-- The current decision, denormalised for the queue's "reviewed" filters.
ALTER TABLE ads
  ADD COLUMN review_decision text,
  ADD COLUMN reviewed_at timestamptz;

-- The work queue walks an index in ranking order, so a page (at any depth, with keyset paging)
-- reads little more than its own rows. 003 has ads_risk_queue_idx (district, score, id).
-- The admin's queue over all districts.
CREATE INDEX ads_queue_all_idx ON ads (risk_score DESC, id DESC);
-- Licence status is the filter used most: walk only that part of the ranking, per district and
-- overall. The latter replaces 002's plain licence_status index (the same lookups, and ranked).
CREATE INDEX ads_queue_licence_idx ON ads (district, licence_status, risk_score DESC, id DESC);
CREATE INDEX ads_queue_all_licence_idx ON ads (licence_status, risk_score DESC, id DESC);
DROP INDEX ads_licence_status_idx;
-- ads_risk_queue_idx serves every lookup by district; the plain district index only tempted the
-- planner into AND-ing a third of the table into a bitmap (bench/queue.ts: a page filtered on a
-- rare indicator took 65 ms with it, 14 ms without).
DROP INDEX ads_district_idx;
-- "Reviewed" is the rare case: without these, finding a page of reviewed ads would walk past
-- every unreviewed one in the ranking.
CREATE INDEX ads_queue_reviewed_idx ON ads (district, risk_score DESC, id DESC) WHERE review_decision IS NOT NULL;
CREATE INDEX ads_queue_all_reviewed_idx ON ads (risk_score DESC, id DESC) WHERE review_decision IS NOT NULL;

-- The matching key of a permit number, as src/classifier/licence/permit-key.ts computes it:
-- NFKC, upper case, separators removed. JavaScript's \s is spelled out, as [[:space:]] depends on
-- the database's locale. Kept equal to permitKey by test/store/review-queue.test.ts.
CREATE FUNCTION permit_key(number text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN regexp_replace(upper(normalize(number, NFKC)),
    '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff./\\_\u2010-\u2015\u2212-]+', '', 'g');

-- Every permit key of an ad: the numbers it cites and the register permit it was matched to.
CREATE FUNCTION ad_permit_keys(cited text[], matched text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN ARRAY(SELECT permit_key(n) FROM unnest(array_append(cited, matched)) AS n WHERE n IS NOT NULL);

-- Search by permit number: one GIN lookup instead of normalising every ad's numbers per query.
CREATE INDEX ads_permit_keys_idx ON ads USING gin (ad_permit_keys(permit_numbers, licence_permit));
