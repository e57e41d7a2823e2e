-- Permit registers and licence assessment (issue 4).

-- One row per import of a register file. A version replaces the permits of the municipalities
-- in its scope (register_version_scopes); the current register is, per municipality, the
-- permits of the newest version whose scope includes it.
CREATE TABLE register_versions (
  id             bigserial PRIMARY KEY,
  imported_at    timestamptz NOT NULL DEFAULT now(),
  source_file    text NOT NULL,
  sha256         text NOT NULL,
  -- True when the import named its municipality (--municipality), false when the scope was
  -- taken from the municipalities present in the file.
  explicit_scope boolean NOT NULL,
  row_count      integer NOT NULL
);

CREATE TABLE register_version_scopes (
  version_id        bigint NOT NULL REFERENCES register_versions (id) ON DELETE CASCADE,
  municipality_code text NOT NULL,
  municipality_name text NOT NULL,
  PRIMARY KEY (version_id, municipality_code)
);
CREATE INDEX register_version_scopes_code_idx ON register_version_scopes (municipality_code, version_id DESC);

-- The permits of each version, validated and normalised (phones E.164, dates as dates).
CREATE TABLE register_permits (
  version_id        bigint NOT NULL REFERENCES register_versions (id) ON DELETE CASCADE,
  row_number        integer NOT NULL,
  permit_number     text NOT NULL,
  -- Upper case without separators: what ads' permit numbers are matched on.
  permit_key        text NOT NULL,
  name              text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('seksinrichting', 'escortbedrijf', 'raamprostitutie', 'thuiswerker')),
  address           text,
  postcode          text,
  place             text,
  municipality_code text NOT NULL,
  municipality_name text NOT NULL,
  phones            text[] NOT NULL DEFAULT '{}',
  website           text,
  valid_from        date NOT NULL,
  valid_to          date,
  PRIMARY KEY (version_id, row_number)
);
CREATE INDEX register_permits_municipality_idx ON register_permits (municipality_code, version_id);

-- Each ad's current licence assessment (of its current version, against the current register).
ALTER TABLE ads
  ADD COLUMN licence_status text
    CHECK (licence_status IN ('licensed', 'invalid_permit', 'out_of_region', 'unknown_location', 'unlicensed')),
  ADD COLUMN licence_permit text,
  ADD COLUMN licence_evidence jsonb,
  -- The register state used: the newest register version it included (null: no register yet).
  ADD COLUMN licence_register_version_id bigint REFERENCES register_versions (id) ON DELETE SET NULL,
  ADD COLUMN licence_assessed_at timestamptz;
CREATE INDEX ads_licence_status_idx ON ads (licence_status);

-- A row each time an ad's licence status or permit changes: when, and by which register version.
CREATE TABLE licence_history (
  id                  bigserial PRIMARY KEY,
  ad_id               bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  status              text NOT NULL,
  permit              text,
  register_version_id bigint REFERENCES register_versions (id) ON DELETE SET NULL,
  -- What triggered the assessment: a crawl batch or a re-assessment after a register import.
  cause               text NOT NULL CHECK (cause IN ('crawl', 'register')),
  changed_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX licence_history_ad_idx ON licence_history (ad_id, id);
