import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, findLoginAccount, listAuditEntries } from '../../src/store/index.js';
import { verifyPassword } from '../../src/web/auth/password.js';
import { databaseUrlWithSchema, spawnZicht } from '../helpers/cli.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

// Each command is a real process (node + tsx): seconds each on a busy machine.
const CLI_TIMEOUT = 240_000;
let t: TestDb;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  env = { DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema) };
});
afterAll(() => t?.cleanup());

async function zicht(args: string[], input?: string, extraEnv: Record<string, string> = {}) {
  const run = spawnZicht(args, { ...env, ...extraEnv }, input ?? '');
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

describe('zicht users', () => {
  it('adds a coordinator with the password from stdin; the hash verifies; it is audited', async () => {
    const added = await zicht(['users', 'add', 'Anna', '--role', 'coordinator', '--district', 'kennemerland', '--password-stdin'], 'een-sterk-wachtwoord\n');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('user anna added (coordinator, Kennemerland)');
    const account = await findLoginAccount(t.db, 'anna');
    expect(account).toMatchObject({ role: 'coordinator', district: 'Kennemerland', disabled: false });
    expect(await verifyPassword('een-sterk-wachtwoord', account!.passwordHash)).toBe(true);
    const { entries } = await listAuditEntries(t.db, { action: 'user_add' }, { limit: 5 });
    expect(entries[0]).toMatchObject({ target: 'anna', details: { role: 'coordinator', district: 'Kennemerland' } });
    expect(entries[0]!.username).toMatch(/^cli:/);
  }, CLI_TIMEOUT);

  it('refuses bad input with a clear message, exit 1, and changes nothing', async () => {
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [['users', 'add', 'anna', '--role', 'admin', '--password-stdin'], 'another-good-password', /already exists/],
      [['users', 'add', 'bob', '--role', 'coordinator', '--password-stdin'], 'another-good-password', /needs --district.*Noord-Holland Noord.*Zaanstreek-Waterland.*Kennemerland/],
      [['users', 'add', 'carol', '--role', 'analyst', '--district', 'Kennemerland', '--password-stdin'], 'another-good-password', /coordinators only/],
      [['users', 'add', 'dave', '--role', 'admin', '--password-stdin'], 'short', /too short/],
      [['users', 'add', 'Bad Name!', '--role', 'admin', '--password-stdin'], 'another-good-password', /invalid username/],
      // No terminal to prompt on and no --password-stdin: never a password on the command line.
      [['users', 'add', 'frank', '--role', 'admin'], undefined, /--password-stdin/],
    ];
    // Independent, and none may change anything: run them side by side.
    const runs = await Promise.all(cases.map(([args, input]) => zicht(args, input)));
    cases.forEach(([args, , message], i) => {
      expect(runs[i]!.code, args.join(' ')).toBe(1);
      expect(runs[i]!.err, args.join(' ')).toMatch(message);
    });
    const bad = await zicht(['users', 'add', 'gina', '--role', 'superuser', '--password-stdin'], 'another-good-password');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/admin, coordinator, analyst/);
    const { rows } = await t.db.query<{ username: string }>('SELECT username FROM users ORDER BY username');
    expect(rows.map((r) => r.username)).toEqual(['anna']);
  }, CLI_TIMEOUT);

  it('takes the password from ZICHT_NEW_PASSWORD for scripts', async () => {
    const run = await zicht(['users', 'add', 'eve', '--role', 'analyst'], undefined, { ZICHT_NEW_PASSWORD: 'from-the-environment' });
    expect(run.code, run.err).toBe(0);
    expect(await verifyPassword('from-the-environment', (await findLoginAccount(t.db, 'eve'))!.passwordHash)).toBe(true);
  }, CLI_TIMEOUT);

  it('lists, disables (ending the sessions) and resets a password', async () => {
    const anna = (await findLoginAccount(t.db, 'anna'))!;
    await createSession(t.db, { tokenHash: 'open-session-of-anna', userId: anna.id, csrfToken: 'x', lifetimeMs: 3_600_000 });

    const disabled = await zicht(['users', 'disable', 'anna']);
    expect(disabled.code, disabled.err).toBe(0);
    expect((await t.db.query('SELECT 1 FROM sessions WHERE user_id = $1::bigint', [anna.id])).rows).toHaveLength(0);

    const [nobody, list, listJson] = await Promise.all([zicht(['users', 'disable', 'nobody']), zicht(['users', 'list']), zicht(['users', 'list', '--json'])]);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(/no user "nobody"/);
    expect(list.code).toBe(0);
    const lines = list.out.trim().split('\n');
    expect(lines[0]).toMatch(/^username\s+role\s+district\s+status\s+created\s+last login$/);
    expect(lines.find((l) => l.startsWith('anna'))).toMatch(/^anna\s+coordinator\s+Kennemerland\s+disabled\s/);
    expect(lines.find((l) => l.startsWith('eve'))).toMatch(/^eve\s+analyst\s+-\s+active\s/);
    const json = JSON.parse(listJson.out) as Array<Record<string, unknown>>;
    expect(json.map((u) => u.username)).toEqual(['anna', 'eve']);
    expect(JSON.stringify(json)).not.toMatch(/scrypt|password/i);

    const reset = await zicht(['users', 'password', 'eve', '--password-stdin'], 'a-brand-new-password\n');
    expect(reset.code, reset.err).toBe(0);
    expect(await verifyPassword('a-brand-new-password', (await findLoginAccount(t.db, 'eve'))!.passwordHash)).toBe(true);
    const { entries } = await listAuditEntries(t.db, {}, { limit: 2 });
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['user_password', 'eve'],
      ['user_disable', 'anna'],
    ]);
  }, CLI_TIMEOUT);
});
