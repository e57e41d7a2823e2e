import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries, type ThrottleState } from '../../src/store/index.js';
import { afterFailure, DEFAULT_THROTTLE, lockedUntil } from '../../src/web/auth/login-throttle.js';
import { addUser, startWebHarness, WebClient, type WebHarness } from './web-harness.js';

const MINUTE = 60_000;
const rule = DEFAULT_THROTTLE.user;

describe('the throttle rule (pure)', () => {
  const t0 = new Date('2026-03-01T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('locks a key at the fifth failure within the window, for the lockout time', () => {
    let state: ThrottleState | null = null;
    for (let i = 1; i <= 4; i += 1) {
      state = afterFailure('user:x', state, at(i * MINUTE), rule);
      expect(state.failures).toBe(i);
      expect(lockedUntil([state], at(i * MINUTE))).toBeNull();
    }
    state = afterFailure('user:x', state, at(5 * MINUTE), rule);
    expect(lockedUntil([state], at(5 * MINUTE))).toEqual(at(5 * MINUTE + rule.lockoutMs));
    expect(lockedUntil([state], at(5 * MINUTE + rule.lockoutMs + 1))).toBeNull();
  });

  it('starts counting afresh once the window is over', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i += 1) state = afterFailure('user:x', state, at(i * 1000), rule);
    state = afterFailure('user:x', state, at(rule.windowMs + 10_000), rule);
    expect(state).toMatchObject({ failures: 1, lockedUntil: null });
  });
});

describe('login throttling in the app', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness();
  });
  afterAll(() => h?.close());

  it('after 5 wrong passwords even the right one is refused (429, Retry-After), audited; stored for every web process', async () => {
    const account = await addUser(h.db, 'coordinator');
    const client = new WebClient(h.app, '10.0.0.5');
    for (let i = 0; i < 5; i += 1) expect((await client.login(account.user.username, `wrong-${i}-password`)).statusCode).toBe(401);
    const refused = await client.login(account.user.username, account.password);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(refused.body).toContain('Te veel mislukte pogingen');
    // A second web process on the same database, another address: the username is still locked.
    const other = new WebClient(await h.secondApp(), '10.0.0.6');
    expect((await other.login(account.user.username, account.password)).statusCode).toBe(429);
    const { entries } = await listAuditEntries(h.db, { username: account.user.username }, { limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['login_throttled', 'login_throttled', ...Array(5).fill('login_failed')]);
    expect(entries[2]!.details).toHaveProperty('lockedUntil');
  });

  it('once the lock has passed, the right password works and clears the count', async () => {
    const account = await addUser(h.db, 'analyst');
    const client = new WebClient(h.app, '10.0.0.7');
    for (let i = 0; i < 5; i += 1) await client.login(account.user.username, 'not-the-password');
    expect((await client.login(account.user.username, account.password)).statusCode).toBe(429);
    await h.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [`user:${account.user.username}`]);
    expect((await client.login(account.user.username, account.password)).statusCode).toBe(303);
    const { rows } = await h.db.query('SELECT 1 FROM login_throttle WHERE key = $1', [`user:${account.user.username}`]);
    expect(rows).toHaveLength(0);
  });

  it('locks an address that tries many usernames, whoever it tries next', async () => {
    // The address rule with a smaller limit (the default is 20), to keep the test short.
    const app = await h.secondApp({ throttle: { user: DEFAULT_THROTTLE.user, ip: { ...DEFAULT_THROTTLE.ip, maxFailures: 4 } } });
    const sprayer = new WebClient(app, '10.9.9.9');
    for (let i = 0; i < 4; i += 1) expect((await sprayer.login(`guess-${i}`, 'password-guess')).statusCode).toBe(401);
    const account = await addUser(h.db, 'admin');
    expect((await sprayer.login(account.user.username, account.password)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await new WebClient(app, '10.9.9.10').login(account.user.username, account.password)).statusCode).toBe(303);
  });

  it('counts concurrent failures from two processes without losing any', async () => {
    const account = await addUser(h.db, 'analyst');
    const second = await h.secondApp();
    await Promise.all(
      [h.app, second, h.app, second].map((app, i) => new WebClient(app, `10.1.1.${i}`).login(account.user.username, 'wrong-password')),
    );
    const { rows } = await h.db.query<{ failures: number }>('SELECT failures FROM login_throttle WHERE key = $1', [`user:${account.user.username}`]);
    expect(rows[0]?.failures).toBe(4);
  });
});
