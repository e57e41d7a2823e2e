-- zicht store, first schema. Valid on PostgreSQL 15 (Debian) and 18 (PGlite).
-- Data minimisation: ad text fields and photo perceptual hashes only; no images, no HTML.

-- One row per crawl of one site; id is the queue's run id.
CREATE TABLE crawl_runs (
  id            text PRIMARY KEY,
  site          text NOT NULL,
  status        text NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'succeeded', 'failed', 'incomplete')),
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  pages         integer NOT NULL DEFAULT 0,
  pages_failed  integer NOT NULL DEFAULT 0,
  ads_seen      integer NOT NULL DEFAULT 0,
  ads_new       integer NOT NULL DEFAULT 0,
  ads_changed   integer NOT NULL DEFAULT 0,
  ads_unchanged integer NOT NULL DEFAULT 0,
  ads_gone      integer NOT NULL DEFAULT 0,
  -- The first errors only (capped); error_count has them all.
  errors        jsonb NOT NULL DEFAULT '[]'::jsonb,
  error_count   integer NOT NULL DEFAULT 0
);
CREATE INDEX crawl_runs_started_at_idx ON crawl_runs (started_at DESC);
CREATE INDEX crawl_runs_site_started_at_idx ON crawl_runs (site, started_at DESC);

-- An ad's stable identity across crawls: the site plus the site's own id.
CREATE TABLE ads (
  id                 bigserial PRIMARY KEY,
  site               text NOT NULL,
  site_ad_id         text NOT NULL,
  url                text NOT NULL,
  status             text NOT NULL DEFAULT 'live' CHECK (status IN ('live', 'gone')),
  first_seen         timestamptz NOT NULL,
  last_seen          timestamptz NOT NULL,
  gone_at            timestamptz,
  -- Successful runs of the site in a row that did not see the ad.
  missed_runs        integer NOT NULL DEFAULT 0,
  current_version_id bigint,
  -- The current version's analysis, denormalised for filtering.
  municipality_code  text,
  district           text,
  age                integer,
  permit_numbers     text[] NOT NULL DEFAULT '{}',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ads_site_ad_key UNIQUE (site, site_ad_id)
);
CREATE INDEX ads_site_status_idx ON ads (site, status);
CREATE INDEX ads_municipality_code_idx ON ads (municipality_code);
CREATE INDEX ads_district_idx ON ads (district);
CREATE INDEX ads_last_seen_idx ON ads (last_seen);

-- Each distinct content of an ad: a text snapshot with when it was first and last seen.
CREATE TABLE ad_versions (
  id           bigserial PRIMARY KEY,
  ad_id        bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  -- sha256 over the text fields (not seenAt, not photos): same hash = same content.
  content_hash text NOT NULL,
  title        text,
  name         text,
  location     text,
  age_text     text,
  category     text,
  body         text NOT NULL,
  phone_text   text,
  photo_hashes text[] NOT NULL DEFAULT '{}',
  analysis     jsonb NOT NULL,
  first_seen   timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL,
  CONSTRAINT ad_versions_ad_hash_key UNIQUE (ad_id, content_hash)
);

ALTER TABLE ads ADD CONSTRAINT ads_current_version_fk
  FOREIGN KEY (current_version_id) REFERENCES ad_versions (id) ON DELETE SET NULL;

-- The current version's phone numbers: "all ads with this number" is one index lookup.
CREATE TABLE ad_phones (
  ad_id      bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  e164       text NOT NULL,
  country    text NOT NULL,
  type       text NOT NULL,
  obfuscated boolean NOT NULL DEFAULT false,
  PRIMARY KEY (ad_id, e164)
);
CREATE INDEX ad_phones_e164_idx ON ad_phones (e164);

-- One per ad per run; the first classification in a run sticks.
CREATE TABLE sightings (
  run_id     text NOT NULL REFERENCES crawl_runs (id) ON DELETE CASCADE,
  ad_id      bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  version_id bigint NOT NULL REFERENCES ad_versions (id) ON DELETE CASCADE,
  change     text NOT NULL CHECK (change IN ('new', 'changed', 'unchanged')),
  seen_at    timestamptz NOT NULL,
  PRIMARY KEY (run_id, ad_id)
);
CREATE INDEX sightings_ad_id_idx ON sightings (ad_id);
CREATE INDEX sightings_version_id_idx ON sightings (version_id);

-- Stored ads-queue batches: a retried job is a no-op; the finalizer checks all are in.
CREATE TABLE crawl_batches (
  run_id        text NOT NULL REFERENCES crawl_runs (id) ON DELETE CASCADE,
  batch_key     text NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  ads           integer NOT NULL DEFAULT 0,
  ads_new       integer NOT NULL DEFAULT 0,
  ads_changed   integer NOT NULL DEFAULT 0,
  ads_unchanged integer NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, batch_key)
);
