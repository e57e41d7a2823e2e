-- Learned models (issue 5, "learning from review outcomes"): the text model trained on the
-- coordinators' review decisions by `zicht model train`. Needs 005-reviews.

CREATE TABLE risk_models (
  id          bigserial PRIMARY KEY,
  -- What kind of model; only the text model so far (src/classifier/model).
  kind        text NOT NULL DEFAULT 'text_model' CHECK (kind IN ('text_model')),
  trained_at  timestamptz NOT NULL DEFAULT now(),
  -- The labelled reviewed ads it was trained on (current decisions; planned inspections are skipped).
  confirmed   integer NOT NULL CHECK (confirmed >= 0),
  refuted     integer NOT NULL CHECK (refuted >= 0),
  -- The cross-validation report (CvReport): model, baselines, shuffled-labels control, per fold.
  cv_report   jsonb NOT NULL,
  -- The model itself (natural's classifier as JSON, word counts only, no ad texts) with its
  -- feature settings, natural version and training metadata: TextModel.restore reads it.
  model       jsonb NOT NULL,
  -- Whether the ads worker may use it: set when its cross-validation cleared the configured
  -- minimum. The newest active model of a kind is the one in use.
  active      boolean NOT NULL DEFAULT false
);
CREATE INDEX risk_models_active_idx ON risk_models (kind, trained_at DESC, id DESC) WHERE active;
