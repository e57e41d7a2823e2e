/**
 * The only thing the rest of the code sees of the database. Implemented for a `pg.Pool`
 * (PostgreSQL server) and for PGlite (embedded PostgreSQL in WASM); the SQL is the same.
 *
 * Value mapping is the same on both: `timestamptz` → `Date`, `jsonb` → parsed JSON, arrays →
 * JS arrays. `bigint` differs between the drivers (pg: string, PGlite: number), so the store's
 * own queries cast ids to `text` and counts to `int`.
 */
export interface Db {
  /**
   * Runs one statement with `$1…` parameters. Without parameters the simple query protocol is
   * used on both drivers, so a parameterless call may hold several statements (migrations);
   * the rows of the last one are returned.
   */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * BEGIN/COMMIT/ROLLBACK on one connection; `fn` must use the `tx` it is given.
   * Called on a `tx`, it nests as a SAVEPOINT.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Closes only what `openDb` created; a no-op on a transaction handle. */
  close(): Promise<void>;
}

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

export function isRetryableDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/** The SQLSTATE of a database error, if it is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs `fn` in a transaction, again (up to `attempts` times, with a short jittered pause) when
 * Postgres broke a deadlock or a serialization conflict by aborting it. Sorted lock order makes
 * this rare; it must never be a permanent failure.
 */
export async function transactionWithRetry<T>(db: Db, fn: (tx: Db) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableDbError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
    }
  }
}
