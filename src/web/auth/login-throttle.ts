import { clearThrottle, loadThrottles, updateThrottles, type Db, type ThrottleState } from '../../store/index.js';

/** After `maxFailures` failed logins within `windowMs` of the first, the key is locked for `lockoutMs`. */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

const MINUTE = 60_000;

/**
 * Per username: 5 tries per 15 minutes slows guessing to a crawl. Per IP address: more, since
 * a municipal office may share one address, but a spray over many usernames still stops.
 */
export const DEFAULT_THROTTLE = {
  user: { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
  ip: { maxFailures: 20, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleRules = { user: ThrottleRule; ip: ThrottleRule };

/** The key's state after one more failure at `now` (pure). */
export function afterFailure(key: string, current: ThrottleState | null, now: Date, rule: ThrottleRule): ThrottleState {
  const windowOver = !current || now.getTime() - current.windowStartedAt.getTime() > rule.windowMs;
  const base = windowOver ? { failures: 0, windowStartedAt: now } : current;
  const failures = base.failures + 1;
  if (failures >= rule.maxFailures) {
    // Locked: the count starts afresh, so after the lockout the next few tries are allowed again.
    return { key, failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + rule.lockoutMs) };
  }
  return { key, failures, windowStartedAt: base.windowStartedAt, lockedUntil: current?.lockedUntil ?? null };
}

/** The latest lock among `states` that is still in force at `now`, or null (pure). */
export function lockedUntil(states: readonly ThrottleState[], now: Date): Date | null {
  const locks = states.map((s) => s.lockedUntil?.getTime() ?? 0).filter((t) => t > now.getTime());
  return locks.length > 0 ? new Date(Math.max(...locks)) : null;
}

const userKey = (username: string) => `user:${username}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Login throttling stored in Postgres, so every web process sees the same counts. Checked
 * before the password is even hashed: a locked key costs the server nothing.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly rules: ThrottleRules = DEFAULT_THROTTLE,
  ) {}

  /** Until when logins for this username or from this address are refused; null if they are not. */
  async lockedUntil(username: string, ip: string): Promise<Date | null> {
    const { now, states } = await loadThrottles(this.db, [userKey(username), ipKey(ip)]);
    return lockedUntil(states, now);
  }

  /** Counts a failure for both keys; returns the lock it caused, if any. */
  async recordFailure(username: string, ip: string): Promise<Date | null> {
    const rules: Record<string, ThrottleRule> = { [userKey(username)]: this.rules.user, [ipKey(ip)]: this.rules.ip };
    const { now, states } = await updateThrottles(this.db, Object.keys(rules), (key, current, at) => afterFailure(key, current, at, rules[key]!));
    return lockedUntil(states, now);
  }

  /** A successful login forgets the username's failures (not the address's). */
  async recordSuccess(username: string): Promise<void> {
    await clearThrottle(this.db, userKey(username));
  }
}
