import type { StoredUser } from './accounts.js';
import type { Db } from './db.js';

/** A live session with its (enabled) user. */
export interface ActiveSession {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  user: StoredUser;
}

export interface NewSession {
  /** sha256 of the cookie's token: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  csrfToken: string;
  /** Absolute lifetime from now, whatever the activity. */
  lifetimeMs: number;
}

/** Starts a session; expiry is measured on the database clock, like every later check. */
export async function createSession(db: Db, session: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
     VALUES ($1, $2::bigint, $3, now() + $4::double precision * interval '1 millisecond')`,
    [session.tokenHash, session.userId, session.csrfToken, session.lifetimeMs],
  );
}

interface SessionRow {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  username: string;
  role: StoredUser['role'];
  district: StoredUser['district'];
  disabled: boolean;
  userCreatedAt: Date;
}

/**
 * The session with this token hash if it is still valid: before its absolute expiry, used within
 * the idle timeout, and its user not disabled. Anything else is simply no session.
 */
export async function findActiveSession(db: Db, tokenHash: string, idleMs: number): Promise<ActiveSession | null> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id::text AS id, s.csrf_token AS "csrfToken", s.created_at AS "createdAt",
            s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
            u.id::text AS "userId", u.username, u.role, u.district, u.disabled, u.created_at AS "userCreatedAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1
        AND s.expires_at > now()
        AND s.last_seen_at > now() - $2::double precision * interval '1 millisecond'
        AND NOT u.disabled`,
    [tokenHash, idleMs],
  );
  const row = rows[0];
  if (!row) return null;
  const { userId, username, role, district, disabled, userCreatedAt, ...session } = row;
  return { ...session, user: { id: userId, username, role, district, disabled, createdAt: userCreatedAt } };
}

/** Marks the session as used now (restarts its idle timeout). */
export async function touchSession(db: Db, id: string): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1::bigint', [id]);
}

/** Ends one session (logout). Returns whether there was one. */
export async function deleteSession(db: Db, tokenHash: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>('DELETE FROM sessions WHERE token_hash = $1 RETURNING id::text AS id', [tokenHash]);
  return rows.length > 0;
}

/** Removes sessions that can no longer be used; returns how many. */
export async function deleteExpiredSessions(db: Db, idleMs: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM sessions
        WHERE expires_at <= now() OR last_seen_at <= now() - $1::double precision * interval '1 millisecond'
        RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [idleMs],
  );
  return rows[0]!.n;
}
