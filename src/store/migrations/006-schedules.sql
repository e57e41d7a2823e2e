-- Nightly schedules, site health and the ad lifecycle (issue 7).

-- A site's crawl schedule set by `zicht schedule set|remove`, overriding its site config and the
-- default nightly slot. Kept here rather than in Redis: the Redis of a zero-configuration start is
-- a throwaway `redis-server` without persistence, and `zicht start` rebuilds the BullMQ job
-- schedulers from config + these rows, so Redis never holds the only copy.
CREATE TABLE site_schedules (
  site       text PRIMARY KEY,
  -- A cron pattern (5 fields, or 6 with seconds first); NULL: the site is not crawled on a schedule.
  pattern    text,
  tz         text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- `suspect`: the crawl went through but found far fewer ads than usual, or none (the site's
-- selectors probably no longer match its layout). Like `incomplete`, it marks no ad missing.
ALTER TABLE crawl_runs DROP CONSTRAINT crawl_runs_status_check;
ALTER TABLE crawl_runs ADD CONSTRAINT crawl_runs_status_check
  CHECK (status IN ('running', 'succeeded', 'suspect', 'failed', 'incomplete'));
ALTER TABLE crawl_runs
  -- Live ads of the site this run did not see (each missed one more run; some became gone).
  ADD COLUMN ads_missed    integer NOT NULL DEFAULT 0,
  -- The site's usual ad count when the run closed (median of its last successful runs).
  ADD COLUMN usual_ads     integer,
  -- Why the run is not `succeeded`, in words for the admin.
  ADD COLUMN health_reason text;
CREATE INDEX crawl_runs_site_status_idx ON crawl_runs (site, status, started_at DESC);

-- Each site's health as of its latest closed run: the alert the admin page and the log show.
CREATE TABLE site_health (
  site           text PRIMARY KEY,
  status         text NOT NULL CHECK (status IN ('healthy', 'suspect', 'failing')),
  reason         text,
  -- When the site entered this status, and how many closed runs in a row had it.
  since          timestamptz NOT NULL,
  runs_in_status integer NOT NULL DEFAULT 1,
  last_run_id    text NOT NULL REFERENCES crawl_runs (id) ON DELETE CASCADE,
  run_started_at timestamptz NOT NULL,
  ads_seen       integer NOT NULL,
  usual_ads      integer,
  checked_at     timestamptz NOT NULL
);

-- The moment an ad became gone, kept after it comes back (ads.gone_at is cleared then), so gone
-- counts per day or week stay right. New, changed and unchanged are the sightings.
CREATE TABLE ad_gone_events (
  ad_id   bigint NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  run_id  text NOT NULL REFERENCES crawl_runs (id) ON DELETE CASCADE,
  gone_at timestamptz NOT NULL,
  PRIMARY KEY (ad_id, run_id)
);
CREATE INDEX ad_gone_events_gone_at_idx ON ad_gone_events (gone_at);
CREATE INDEX sightings_seen_at_idx ON sightings (seen_at);

-- One row per lifecycle event of an ad: `new`, `changed` and `unchanged` from its sightings,
-- `gone` from the run that declared it gone. What trends count per day, week and municipality.
CREATE VIEW ad_lifecycle_events AS
  SELECT s.ad_id, r.site, s.run_id, s.change AS event, s.seen_at AS at
  FROM sightings s JOIN crawl_runs r ON r.id = s.run_id
  UNION ALL
  SELECT g.ad_id, r.site, g.run_id, 'gone' AS event, g.gone_at AS at
  FROM ad_gone_events g JOIN crawl_runs r ON r.id = g.run_id;
