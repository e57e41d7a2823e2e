import type { Db } from './db.js';

/** Failed-login bookkeeping for one key ('user:<name>' or 'ip:<address>'). */
export interface ThrottleState {
  key: string;
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

const COLUMNS = `key, failures, window_started_at AS "windowStartedAt", locked_until AS "lockedUntil"`;

/** The current state of these keys (missing keys have none), and the database clock. */
export async function loadThrottles(db: Db, keys: readonly string[]): Promise<{ now: Date; states: ThrottleState[] }> {
  const [{ rows: clock }, { rows: states }] = await Promise.all([
    db.query<{ now: Date }>('SELECT now() AS now'),
    db.query<ThrottleState>(`SELECT ${COLUMNS} FROM login_throttle WHERE key = ANY($1::text[])`, [keys]),
  ]);
  return { now: clock[0]!.now, states };
}

/**
 * Read-modify-write of each key under a transaction-level advisory lock, so two web processes
 * counting a failure at the same moment both count. `next` is the (pure) throttle rule.
 */
export async function updateThrottles(
  db: Db,
  keys: readonly string[],
  next: (key: string, current: ThrottleState | null, now: Date) => ThrottleState,
): Promise<{ now: Date; states: ThrottleState[] }> {
  return db.transaction(async (tx) => {
    const sorted = [...new Set(keys)].sort(); // one lock order for everyone: no deadlocks
    const updated: ThrottleState[] = [];
    let clock = new Date();
    for (const key of sorted) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('zicht.login_throttle'), hashtext($1))`, [key]);
      const { now, states } = await loadThrottles(tx, [key]);
      clock = now;
      const state = next(key, states[0] ?? null, now);
      await tx.query(
        `INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, window_started_at = EXCLUDED.window_started_at,
                                         locked_until = EXCLUDED.locked_until`,
        [key, state.failures, state.windowStartedAt, state.lockedUntil],
      );
      updated.push(state);
    }
    return { now: clock, states: updated };
  });
}

/** Forgets a key's failures (after a successful login). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
