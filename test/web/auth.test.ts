import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser, listAuditEntries } from '../../src/store/index.js';
import { hashToken, SESSION_COOKIE } from '../../src/web/auth/sessions.js';
import { addUser, loggedIn, startWebHarness, testWebSettings, WebClient, type WebHarness } from './web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  h = await startWebHarness();
});
afterAll(() => h?.close());

async function lastAudit(username: string) {
  const { entries } = await listAuditEntries(h.db, { username }, { limit: 1 });
  return entries[0];
}

describe('login', () => {
  it('logs in through the form: a fresh, hashed session in an httpOnly SameSite=Strict cookie, and an audit entry', async () => {
    const account = await addUser(h.db, 'admin');
    const client = new WebClient(h.app, '10.1.2.3');
    const response = await client.login(account.user.username.toUpperCase(), account.password); // names are case-insensitive
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/beheer');
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain http here; see the https test below
    const { rows } = await h.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1::bigint', [account.user.id]);
    expect(rows).toEqual([{ token_hash: hashToken(cookie.value) }]); // the token itself is not stored
    expect(await lastAudit(account.user.username)).toMatchObject({ action: 'login', userId: account.user.id, details: { ip: '10.1.2.3' } });
    expect((await client.get('/beheer')).statusCode).toBe(200);
  });

  it('refuses a wrong password or unknown name with one message, and audits both', async () => {
    const account = await addUser(h.db, 'analyst');
    for (const [name, password, reason] of [
      [account.user.username, 'wrong-password-123', 'wrong_password'],
      ['nobody-here', account.password, 'unknown_user'],
    ] as const) {
      const response = await new WebClient(h.app).login(name, password);
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Onbekende gebruikersnaam of onjuist wachtwoord.');
      expect(response.cookies.some((c) => c.name === SESSION_COOKIE)).toBe(false);
      expect(await lastAudit(name)).toMatchObject({ action: 'login_failed', userId: null, details: { reason } });
    }
  });

  it('returns to the page asked for, but never to another site', async () => {
    const account = await addUser(h.db, 'admin');
    const anonymous = new WebClient(h.app);
    const asked = await anonymous.get('/beheer/audit?actie=login');
    expect(asked.headers.location).toBe(`/inloggen?terug=${encodeURIComponent('/beheer/audit?actie=login')}`);
    await anonymous.get(asked.headers.location as string);
    const back = await anonymous.post('/inloggen', { gebruikersnaam: account.user.username, wachtwoord: account.password, terug: '/beheer/audit?actie=login' });
    expect(back.headers.location).toBe('/beheer/audit?actie=login');
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const client = new WebClient(h.app);
      await client.get('/inloggen');
      const response = await client.post('/inloggen', { gebruikersnaam: account.user.username, wachtwoord: account.password, terug: evil });
      expect(response.headers.location, evil).toBe('/beheer');
    }
  });

  it('sets the Secure flag when the request came over https (behind a trusted proxy)', async () => {
    const app = await h.secondApp({ settings: testWebSettings({ webTrustProxy: true }) });
    const account = await addUser(h.db, 'analyst');
    const client = new WebClient(app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', { gebruikersnaam: account.user.username, wachtwoord: account.password }, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
  });
});

describe('CSRF', () => {
  it('refuses a signed-in form without the session token, or with another session\'s', async () => {
    const account = await addUser(h.db, 'coordinator');
    const client = await loggedIn(h.app, account);
    const other = await loggedIn(h.app, await addUser(h.db, 'coordinator'));
    expect((await client.post('/uitloggen', {}, { csrf: false })).statusCode).toBe(403);
    expect((await client.post('/uitloggen', {}, { csrf: other.csrfToken! })).statusCode).toBe(403);
    expect((await client.post('/uitloggen', {}, { csrf: '' })).statusCode).toBe(403);
    expect((await client.get('/inloggen')).statusCode).toBe(303); // still signed in: nothing happened
    expect((await client.post('/uitloggen', {})).statusCode).toBe(303);
  });

  it('refuses a login without the login form\'s cookie token (login CSRF)', async () => {
    const account = await addUser(h.db, 'admin');
    const attacker = new WebClient(h.app);
    // A form posted from another site: it can send fields, but not our SameSite cookie.
    const response = await attacker.post('/inloggen', { gebruikersnaam: account.user.username, wachtwoord: account.password }, { csrf: 'made-up-token' });
    expect(response.statusCode).toBe(403);
    expect(response.cookies.some((c) => c.name === SESSION_COOKIE)).toBe(false);
  });

  it('accepts the token in the X-CSRF-Token header (for scripts)', async () => {
    const client = await loggedIn(h.app, await addUser(h.db, 'analyst'));
    const response = await client.post('/uitloggen', {}, { csrf: false, headers: { 'x-csrf-token': client.csrfToken! } });
    expect(response.statusCode).toBe(303);
  });
});

describe('sessions', () => {
  it('logout deletes the session: the old cookie opens nothing any more, and it is audited', async () => {
    const account = await addUser(h.db, 'admin');
    const client = await loggedIn(h.app, account);
    const token = client.cookies.get(SESSION_COOKIE)!;
    const response = await client.post('/uitloggen');
    expect(response.headers.location).toBe('/inloggen?uitgelogd');
    expect((await client.get('/inloggen?uitgelogd')).body).toContain('U bent uitgelogd.');
    const { rows } = await h.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    expect(rows).toHaveLength(0);
    const replay = new WebClient(h.app);
    replay.cookies.set(SESSION_COOKIE, token);
    expect((await replay.get('/beheer')).statusCode).toBe(303);
    expect(await lastAudit(account.user.username)).toMatchObject({ action: 'logout', userId: account.user.id });
  });

  it('a disabled user is out at once, with every open session, and cannot log in again', async () => {
    const account = await addUser(h.db, 'coordinator');
    const browsers = [await loggedIn(h.app, account), await loggedIn(h.app, account)];
    await disableUser(h.db, account.user.username);
    for (const browser of browsers) {
      const response = await browser.get('/');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/inloggen');
    }
    const again = await new WebClient(h.app).login(account.user.username, account.password);
    expect(again.statusCode).toBe(401);
    expect(await lastAudit(account.user.username)).toMatchObject({ action: 'login_failed', details: { reason: 'disabled' } });
  });

  it('a user disabled while a session row survives (e.g. another process) is refused by the lookup itself', async () => {
    const account = await addUser(h.db, 'analyst');
    const browser = await loggedIn(h.app, account);
    await h.db.query('UPDATE users SET disabled = true WHERE id = $1::bigint', [account.user.id]); // sessions left in place
    expect((await browser.get('/')).headers.location).toBe('/inloggen');
  });

  it('ends after the idle timeout and after the absolute lifetime, whatever the activity', async () => {
    const account = await addUser(h.db, 'admin');
    const idle = await loggedIn(h.app, account);
    const busy = await loggedIn(h.app, account);
    const settings = testWebSettings();
    const hashOf = (client: WebClient) => hashToken(client.cookies.get(SESSION_COOKIE)!);
    await h.db.query(`UPDATE sessions SET last_seen_at = now() - $2::int * interval '1 minute' - interval '1 second' WHERE token_hash = $1`, [hashOf(idle), settings.sessionIdleMinutes]);
    expect((await idle.get('/beheer')).statusCode).toBe(303);
    // Active a second ago, but logged in longer ago than the absolute lifetime allows.
    await h.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE token_hash = $1`, [hashOf(busy)]);
    expect((await busy.get('/beheer')).statusCode).toBe(303);
  });

  it('a session used within the idle timeout stays, and its activity is recorded', async () => {
    const account = await addUser(h.db, 'admin');
    const client = await loggedIn(h.app, account);
    const hash = hashToken(client.cookies.get(SESSION_COOKIE)!);
    await h.db.query(`UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE token_hash = $1`, [hash]);
    expect((await client.get('/beheer')).statusCode).toBe(200);
    const { rows } = await h.db.query<{ recent: boolean }>(`SELECT last_seen_at > now() - interval '1 minute' AS recent FROM sessions WHERE token_hash = $1`, [hash]);
    expect(rows[0]?.recent).toBe(true);
  });

  it('a new login never reuses the browser\'s previous session token', async () => {
    const account = await addUser(h.db, 'analyst');
    const client = await loggedIn(h.app, account);
    const before = client.cookies.get(SESSION_COOKIE)!;
    // The same browser logs in again (e.g. a second tab that showed the login page earlier).
    const loginCookie = client.cookies.get('zicht_login_csrf') ?? 'x'.repeat(43);
    client.cookies.set('zicht_login_csrf', loginCookie);
    await client.post('/inloggen', { gebruikersnaam: account.user.username, wachtwoord: account.password }, { csrf: loginCookie });
    const after = client.cookies.get(SESSION_COOKIE)!;
    expect(after).not.toBe(before);
    const { rows } = await h.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [hashToken(before)]);
    expect(rows).toHaveLength(0);
  });
});
