-- Accounts of the review web app (issue 6): users, sessions, login throttling and the audit log.
-- Valid on PostgreSQL 15 (Debian) and 18 (PGlite).

-- Nobody is ever deleted: a leaver is disabled, so the audit log keeps pointing at a real account.
CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  -- Lower case, so "Anna" and "anna" cannot be two accounts.
  username      text NOT NULL UNIQUE CHECK (username = lower(username) AND username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  -- PHC string of a memory-hard KDF (src/web/auth/password.ts); never the password.
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'coordinator', 'analyst')),
  -- A coordinator works for exactly one district; the others see every district or aggregates only.
  district      text CHECK (district IN ('Noord-Holland Noord', 'Zaanstreek-Waterland', 'Kennemerland')),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_district_iff_coordinator CHECK ((role = 'coordinator') = (district IS NOT NULL))
);

-- A logged-in browser. Only the sha256 of the cookie's token is stored, so a copy of this table
-- logs nobody in. A session ends at the first of: idle timeout, absolute expiry, logout, the
-- user being disabled (the row is deleted, and the lookup joins on users.disabled as well).
CREATE TABLE sessions (
  id           bigserial PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The synchronizer token every form of this session must send back.
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Failed logins per key ('user:<name>' or 'ip:<address>'), shared by every web process.
CREATE TABLE login_throttle (
  key               text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);

-- Who did what, when: logins, logouts, ad views, decisions, exports, account changes.
-- user_id is the actor (NULL for a failed login or the command line); username is kept as
-- written, so a failed login with an unknown name is recorded too.
CREATE TABLE audit_log (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  user_id  bigint REFERENCES users (id),
  username text NOT NULL,
  action   text NOT NULL,
  target   text,
  details  jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_username_idx ON audit_log (username, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_user_id_idx ON audit_log (user_id, id DESC);

-- Append-only: UPDATE, DELETE and TRUNCATE are refused. The one exception is the retention
-- purge: inside its transaction it sets `zicht.audit_purge_before` (see audit_log_purge below),
-- and only rows older than that moment may then be deleted. This guards against application
-- bugs and careless SQL; against a database superuser it is no protection (use a role with
-- INSERT and SELECT only for the app if that matters).
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  purge_before text := current_setting('zicht.audit_purge_before', true);
BEGIN
  -- Nested, not one AND: OLD does not exist in the statement-level TRUNCATE trigger.
  IF TG_OP = 'DELETE' AND coalesce(purge_before, '') <> '' THEN
    IF OLD.at < purge_before::timestamptz THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The retention purge's hook: deletes the audit rows older than `before` and nothing else,
-- returning how many. The setting is transaction-local, so it never outlives this call's
-- transaction.
CREATE FUNCTION audit_log_purge(before timestamptz) RETURNS bigint
  LANGUAGE plpgsql AS $$
DECLARE
  deleted bigint;
BEGIN
  PERFORM set_config('zicht.audit_purge_before', before::text, true);
  DELETE FROM audit_log WHERE at < before;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('zicht.audit_purge_before', '', true);
  RETURN deleted;
END;
$$;
