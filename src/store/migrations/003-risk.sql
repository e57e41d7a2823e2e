-- Risk indicators, links between ads and the score (issue 5). Valid on PostgreSQL 15 and PGlite.

-- Each ad's current risk assessment (written by the ads worker's risk step; docs/indicators.md).
ALTER TABLE ads
  -- The exploitation score in [0, 1] (noisy-OR); the licence part is in risk->'compliance'.
  ADD COLUMN risk_score real NOT NULL DEFAULT 0,
  -- {score, indicators: [{code, weight, contribution, evidence}], compliance: {status, score, contributions}}
  ADD COLUMN risk jsonb,
  -- Every indicator code in `risk`, compliance codes included: for filters.
  ADD COLUMN indicator_codes text[] NOT NULL DEFAULT '{}',
  -- The persona: the smallest ad id of the ads linked to this one by phone, photo or text (directly or
  -- through others). Null when the ad has no links, or when its cluster is oversized (cluster_size).
  ADD COLUMN cluster_id bigint,
  -- Ads in the cluster; above the configured maxClusterSize it is maxClusterSize + 1 ("more than").
  ADD COLUMN cluster_size integer,
  -- When the stored assessment last changed.
  ADD COLUMN risk_assessed_at timestamptz;
CREATE INDEX ads_indicator_codes_idx ON ads USING gin (indicator_codes);
-- The coordinators' work queue: their district, highest risk first.
CREATE INDEX ads_risk_queue_idx ON ads (district, risk_score DESC, id DESC);
CREATE INDEX ads_cluster_id_idx ON ads (cluster_id) WHERE cluster_id IS NOT NULL;

-- The boilerplate guard's statistics: word shingles in too many ads never link. A snapshot is
-- counted over all stored ads and fixed until the next one, so links do not depend on arrival order.
CREATE TABLE risk_shingle_stats (
  id          bigserial PRIMARY KEY,
  built_at    timestamptz NOT NULL DEFAULT now(),
  -- Ads counted.
  ads         integer NOT NULL,
  -- log2 of the counter table size (ShingleStats).
  bits        integer NOT NULL,
  -- Counter slots of the boilerplate shingles.
  boilerplate integer[] NOT NULL,
  -- Ads indexed for the first time since this snapshot: a rebuild is due when they match `ads`.
  indexed_since integer NOT NULL DEFAULT 0
);

-- The linker's record of each ad, as the risk step last indexed it (its current version then).
CREATE TABLE risk_records (
  ad_id          bigint PRIMARY KEY REFERENCES ads (id) ON DELETE CASCADE,
  version_id     bigint NOT NULL,
  -- The shingle statistics the text was signed with.
  stats_id       bigint,
  site           text NOT NULL,
  -- Folded (lower case, no diacritics), as profiles are compared.
  name           text,
  municipality   text,
  first_seen     timestamptz NOT NULL,
  last_seen      timestamptz NOT NULL,
  phones         text[] NOT NULL DEFAULT '{}',
  -- Perceptual photo hashes of the version (never images).
  photos         text[] NOT NULL DEFAULT '{}',
  -- MinHash signature (numHashes × uint32, little-endian) and its LSH band keys; null: too little text.
  signature      bytea,
  bands          integer[],
  -- The extraction's pricePerHour and the region prices are compared within (district, else municipality, else '*').
  price_per_hour integer,
  price_region   text NOT NULL
);
CREATE INDEX risk_records_price_idx ON risk_records (price_region, price_per_hour) WHERE price_per_hour IS NOT NULL;

-- What links ads: each indexed phone, photo hash and LSH band key ('band:key') of each ad.
-- "Which ads share this key" and "how many, on how many sites" (the guards) are index scans.
CREATE TABLE risk_keys (
  kind  text NOT NULL CHECK (kind IN ('phone', 'photo', 'band')),
  key   text NOT NULL,
  ad_id bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  site  text NOT NULL,
  PRIMARY KEY (kind, key, ad_id)
);
CREATE INDEX risk_keys_ad_idx ON risk_keys (ad_id);

-- low_price: how many indexed ads state each hourly price, per region (kept with risk_records), so a
-- region's median is read from a few hundred counts instead of sorting all its ads.
CREATE TABLE price_counts (
  region text NOT NULL,
  price  integer NOT NULL,
  ads    integer NOT NULL CHECK (ads >= 0),
  PRIMARY KEY (region, price)
);

-- The median hourly price per region over the indexed ads, kept current by the risk step.
CREATE TABLE price_medians (
  region     text PRIMARY KEY,
  median     double precision NOT NULL,
  peers      integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
