import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, listAuditEntries, purgeAuditLog, type AuditEntry } from '../../src/store/index.js';
import { AUDIT_PAGE_SIZE } from '../../src/web/routes/admin-audit.js';
import { addUser, loggedIn, startWebHarness, WebClient, type TestAccount, type WebHarness } from './web-harness.js';

let h: WebHarness;
let admin: TestAccount;
let client: WebClient;

beforeAll(async () => {
  h = await startWebHarness();
  admin = await addUser(h.db, 'admin');
  client = await loggedIn(h.app, admin);
});
afterAll(() => h?.close());

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({ userId: null, username: 'tester', action: 'export', target: 'trends', ...overrides });

describe('the audit log table', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await audit(h.db, entry({ username: 'append-only' }));
    for (const sql of [
      `UPDATE audit_log SET username = 'x' WHERE username = 'append-only'`,
      `DELETE FROM audit_log WHERE username = 'append-only'`,
      'TRUNCATE audit_log',
    ]) {
      await expect(h.db.query(sql), sql).rejects.toThrow(/append-only/);
    }
    expect((await listAuditEntries(h.db, { username: 'append-only' }, { limit: 5 })).entries).toHaveLength(1);
  });

  it('lets the retention purge delete old entries, and only those', async () => {
    await h.db.query(`INSERT INTO audit_log (at, username, action) VALUES (now() - interval '6 years', 'purge-test', 'login'), (now() - interval '1 day', 'purge-test', 'login')`);
    const removed = await purgeAuditLog(h.db, new Date(Date.now() - 5 * 365 * 86_400_000));
    expect(removed).toBe(1);
    expect((await listAuditEntries(h.db, { username: 'purge-test' }, { limit: 5 })).entries).toHaveLength(1);
    // The purge's permission ended with its call: a plain DELETE of old rows is refused again.
    await h.db.query(`INSERT INTO audit_log (at, username, action) VALUES (now() - interval '6 years', 'purge-test', 'login')`);
    await expect(h.db.query(`DELETE FROM audit_log WHERE username = 'purge-test'`)).rejects.toThrow(/append-only/);
    // Setting the variable by hand does not open younger rows either.
    await expect(
      h.db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('zicht.audit_purge_before', (now() - interval '5 years')::text, true)`);
        await tx.query(`DELETE FROM audit_log WHERE username = 'purge-test'`);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('lists newest first with filters and keyset pages', async () => {
    for (let i = 0; i < 7; i += 1) await audit(h.db, entry({ username: 'pager', target: `t${i}`, action: i % 2 ? 'ad_view' : 'export' }));
    const first = await listAuditEntries(h.db, { username: 'pager' }, { limit: 3 });
    expect(first.entries.map((e) => e.target)).toEqual(['t6', 't5', 't4']);
    const second = await listAuditEntries(h.db, { username: 'pager' }, { limit: 3, beforeId: first.nextBeforeId! });
    expect(second.entries.map((e) => e.target)).toEqual(['t3', 't2', 't1']);
    const last = await listAuditEntries(h.db, { username: 'pager' }, { limit: 3, beforeId: second.nextBeforeId! });
    expect(last).toMatchObject({ entries: [{ target: 't0' }], nextBeforeId: null });
    const views = await listAuditEntries(h.db, { username: 'pager', action: 'ad_view' }, { limit: 10 });
    expect(views.entries.map((e) => e.target)).toEqual(['t5', 't3', 't1']);
  });
});

describe('the audit page', () => {
  it('shows hostile usernames, targets and details as inert text', async () => {
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    await audit(h.db, entry({ username: payload, target: payload, details: { note: payload } }));
    // A failed login with a hostile name lands there through the login form too.
    await new WebClient(h.app).login(`"><script>alert(2)</script>`, 'whatever-password');
    const page = await client.get('/beheer/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script>alert|<img src=x|onerror=alert\(1\)>/);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    // The only script on the page is our own file.
    expect([...page.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/static/zicht.js" defer>']);
  });

  it('filters by user, action and Dutch calendar day', async () => {
    const name = 'filter-user';
    await h.db.query(
      `INSERT INTO audit_log (at, username, action, target) VALUES
         ('2026-03-28 23:30+00', $1, 'ad_view', 'late-on-the-28th-utc'),
         ('2026-03-29 12:00+00', $1, 'ad_view', 'on-the-29th'),
         ('2026-03-29 12:00+00', $1, 'export', 'export-29th')`,
      [name],
    );
    const targets = async (query: string) => {
      const body = (await client.get(`/beheer/audit?gebruiker=${name}&${query}`)).body;
      return ['late-on-the-28th-utc', 'on-the-29th', 'export-29th'].filter((t) => body.includes(`<td>${t}</td>`));
    };
    // 23:30 UTC on the 28th is 00:30 on the 29th in Amsterdam (CET, UTC+1).
    expect(await targets('van=2026-03-29&tot=2026-03-29')).toEqual(['late-on-the-28th-utc', 'on-the-29th', 'export-29th']);
    expect(await targets('van=2026-03-29&tot=2026-03-29&actie=ad_view')).toEqual(['late-on-the-28th-utc', 'on-the-29th']);
    expect(await targets('tot=2026-03-28')).toEqual([]);
    expect(await targets('actie=&van=&tot=')).toHaveLength(3); // empty fields: no filter
    expect((await client.get('/beheer/audit?van=gisteren')).statusCode).toBe(400);
    expect((await client.get('/beheer/audit?actie=drop-table')).statusCode).toBe(400);
  });

  it('pages with an "Oudere" link that keeps the filters', async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 2; i += 1) await audit(h.db, entry({ username: 'many', target: `n${i}` }));
    const first = await client.get('/beheer/audit?gebruiker=many');
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/beheer\/audit\?gebruiker=many&voor=\d+$/);
    const second = await client.get(next!);
    expect(second.body).toContain('<td>n1</td>');
    expect(second.body).toContain('<td>n0</td>');
    expect(second.body).not.toContain('<td>n2</td>');
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('« Nieuwste');
  });
});

describe('the users page', () => {
  it('lists accounts, and an admin blocks one with the form (CSRF-checked, audited, sessions ended)', async () => {
    const coordinator = await addUser(h.db, 'coordinator', { district: 'Zaanstreek-Waterland' });
    const theirBrowser = await loggedIn(h.app, coordinator);
    const page = await client.get('/beheer/gebruikers');
    expect(page.body).toContain(coordinator.user.username);
    expect(page.body).toContain('Zaanstreek-Waterland');
    const action = `/beheer/gebruikers/${coordinator.user.id}/blokkeren`;
    expect(page.body).toContain(`action="${action}"`);
    expect((await client.post(action, {}, { csrf: false })).statusCode).toBe(403);
    const done = await client.post(action);
    expect(done.statusCode).toBe(303);
    expect((await client.get(done.headers.location as string)).body).toContain('is geblokkeerd');
    expect((await theirBrowser.get('/')).headers.location).toBe('/inloggen');
    const { entries } = await listAuditEntries(h.db, { username: admin.user.username, action: 'user_disable' }, { limit: 1 });
    expect(entries[0]).toMatchObject({ target: coordinator.user.username, userId: admin.user.id });
    expect((await client.post(`/beheer/gebruikers/${admin.user.id}/blokkeren`)).statusCode).toBe(400); // not oneself
    expect((await client.post('/beheer/gebruikers/999999999/blokkeren')).statusCode).toBe(404);
  });
});
