import type { District } from '../domain/districts.js';
import type { UserRole } from '../domain/review.js';
import { sqlStateOf, type Db } from './db.js';

/** An account as the app sees it; never carries the password hash. */
export interface StoredUser {
  id: string;
  username: string;
  role: UserRole;
  /** The coordinator's district; null for admins and analysts. */
  district: District | null;
  disabled: boolean;
  createdAt: Date;
}

/** What a login needs: the account and its password hash. */
export interface LoginAccount extends StoredUser {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: UserRole;
  district: District | null;
}

/** Raised for a username that is already taken (SQLSTATE 23505 on users.username). */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`user "${username}" already exists`);
    this.name = 'UsernameTakenError';
  }
}

/** The StoredUser columns, optionally of a table alias. */
function userColumns(alias = ''): string {
  const t = alias ? `${alias}.` : '';
  return `${t}id::text AS id, ${t}username, ${t}role, ${t}district, ${t}disabled, ${t}created_at AS "createdAt"`;
}
const USER_COLUMNS = userColumns();

export async function createUser(db: Db, user: NewUser): Promise<StoredUser> {
  try {
    const { rows } = await db.query<StoredUser>(
      `INSERT INTO users (username, password_hash, role, district) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
      [user.username, user.passwordHash, user.role, user.district],
    );
    return rows[0]!;
  } catch (error) {
    if (sqlStateOf(error) === '23505') throw new UsernameTakenError(user.username);
    throw error;
  }
}

/** The account with this (already normalised) username, with its hash; null if there is none. */
export async function findLoginAccount(db: Db, username: string): Promise<LoginAccount | null> {
  const { rows } = await db.query<LoginAccount>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export async function findUser(db: Db, id: string): Promise<StoredUser | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<StoredUser>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1::bigint`, [id]);
  return rows[0] ?? null;
}

export interface ListedUser extends StoredUser {
  /** The last successful login, from the audit log. */
  lastLoginAt: Date | null;
}

/** Every account, by username, with its last successful login. */
export async function listUsers(db: Db): Promise<ListedUser[]> {
  const { rows } = await db.query<ListedUser>(
    `SELECT ${userColumns('u')}, last_login.at AS "lastLoginAt"
       FROM users u
       LEFT JOIN LATERAL (
         SELECT a.at FROM audit_log a WHERE a.user_id = u.id AND a.action = 'login' ORDER BY a.id DESC LIMIT 1
       ) last_login ON true
      ORDER BY u.username`,
  );
  return rows;
}

export async function countUsers(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]!.n;
}

/**
 * Disables the account and ends its sessions, in one transaction: from the commit on, none of
 * its open browsers gets another page. Returns null when there is no such user.
 */
export async function disableUser(db: Db, username: string): Promise<StoredUser | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<StoredUser>(`UPDATE users SET disabled = true WHERE username = $1 RETURNING ${USER_COLUMNS}`, [username]);
    const user = rows[0];
    if (user) await tx.query('DELETE FROM sessions WHERE user_id = $1::bigint', [user.id]);
    return user ?? null;
  });
}

/** Sets a new password hash and ends the account's sessions (a reset must lock out whoever had it). */
export async function setPasswordHash(db: Db, username: string, passwordHash: string): Promise<StoredUser | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<StoredUser>(`UPDATE users SET password_hash = $2 WHERE username = $1 RETURNING ${USER_COLUMNS}`, [username, passwordHash]);
    const user = rows[0];
    if (user) await tx.query('DELETE FROM sessions WHERE user_id = $1::bigint', [user.id]);
    return user ?? null;
  });
}
