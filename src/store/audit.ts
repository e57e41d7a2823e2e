import type { Db } from './db.js';

/**
 * What the audit log records (DOMAIN.md, "Privacy and security": every login, ad view, review
 * action and export; account changes and the retention purge too). The web app shows Dutch
 * labels for these (src/web/labels.ts).
 */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'login_throttled',
  'logout',
  'ad_view',
  'decision',
  'export',
  'user_add',
  'user_disable',
  'user_password',
  // The retention purge (src/store/purge.ts): counts per category, never the data removed.
  'purge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** One audit entry to write. */
export interface AuditEntry {
  /** The actor's account; null for a failed login or the command line. */
  userId: string | null;
  /** The actor's name as known (the name typed at a failed login; `cli:<os user>` for the CLI). */
  username: string;
  action: AuditAction;
  /** What was acted on, e.g. an ad id or a username. */
  target?: string | null | undefined;
  /** Anything else worth knowing (decision, filters of an export, IP of a login); JSON. */
  details?: Record<string, unknown> | undefined;
}

export interface StoredAuditEntry {
  id: string;
  at: Date;
  userId: string | null;
  username: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** Usernames and targets come from outside (a typed login name): cap them, never reject the entry. */
const MAX_TEXT = 200;

/**
 * Appends one entry to the audit log. Call it inside the transaction of the action it records
 * when there is one, so an action is never stored without its entry.
 *
 * @example
 * await audit(db, { userId: user.id, username: user.username, action: 'ad_view', target: adId });
 */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (user_id, username, action, target, details) VALUES ($1::bigint, $2, $3, $4, $5::jsonb)', [
    entry.userId,
    entry.username.slice(0, MAX_TEXT),
    entry.action,
    entry.target?.slice(0, MAX_TEXT) ?? null,
    JSON.stringify(entry.details ?? {}),
  ]);
}

export interface AuditFilter {
  /** Exact username (as recorded). */
  username?: string | undefined;
  action?: AuditAction | undefined;
  /** Entries at or after this moment. */
  from?: Date | undefined;
  /** Entries before this moment. */
  until?: Date | undefined;
}

export interface AuditPage {
  entries: StoredAuditEntry[];
  /** Pass as `beforeId` for the next (older) page; null on the last page. */
  nextBeforeId: string | null;
}

/**
 * Newest first, `limit` per page, keyset-paged on id (stays fast however long the log grows).
 */
export async function listAuditEntries(db: Db, filter: AuditFilter, page: { limit: number; beforeId?: string | undefined }): Promise<AuditPage> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.username) add('username = ?', filter.username);
  if (filter.action) add('action = ?', filter.action);
  if (filter.from) add('at >= ?', filter.from);
  if (filter.until) add('at < ?', filter.until);
  if (page.beforeId) add('id < ?::bigint', page.beforeId);
  params.push(page.limit + 1);
  const { rows } = await db.query<StoredAuditEntry>(
    `SELECT id::text AS id, at, user_id::text AS "userId", username, action, target, details
       FROM audit_log ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY audit_log.id DESC LIMIT $${params.length}`, // the column, not the text alias
    params,
  );
  const entries = rows.slice(0, page.limit);
  return { entries, nextBeforeId: rows.length > page.limit ? entries[entries.length - 1]!.id : null };
}

/** How many entries per action since a moment (the admin home page's figures). */
export async function countAuditActionsSince(db: Db, since: Date): Promise<Partial<Record<AuditAction, number>>> {
  const { rows } = await db.query<{ action: AuditAction; n: number }>(
    'SELECT action, count(*)::int AS n FROM audit_log WHERE at >= $1 GROUP BY action',
    [since],
  );
  return Object.fromEntries(rows.map((r) => [r.action, r.n]));
}

/**
 * The retention purge's only way to delete audit entries: those older than `before`, nothing
 * else (the append-only trigger refuses every other UPDATE or DELETE). Returns how many.
 */
export async function purgeAuditLog(db: Db, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT audit_log_purge($1)::int AS n', [before]);
  return rows[0]!.n;
}
