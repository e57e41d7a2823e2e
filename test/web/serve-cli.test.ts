import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlWithSchema, spawnZicht, type ZichtProcess } from '../helpers/cli.js';
import { createTestDb, TEST_DATABASE_URL, type TestDb } from '../helpers/test-db.js';

const TIMEOUT = 240_000;
let t: TestDb;
const running: ZichtProcess[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await t?.cleanup();
});

/** Starts `zicht serve` on a free port and waits until it prints its URL (and what follows it). */
async function serve(env: Record<string, string>, untilLine: RegExp): Promise<{ process: ZichtProcess; url: string }> {
  const process = spawnZicht(['serve', '--port', '0'], { ZICHT_WEB_HOST: '127.0.0.1', ...env });
  running.push(process);
  const deadline = Date.now() + TIMEOUT - 30_000;
  while (!untilLine.test(process.stdout())) {
    if (process.child.exitCode !== null || Date.now() > deadline) throw new Error(`zicht serve did not start: ${process.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = /Zicht web app: (http:\/\/127\.0\.0\.1:\d+)/.exec(process.stdout())![1]!;
  return { process, url };
}

/** Logs in with fetch, as a browser posting the form would. */
async function login(url: string, username: string, password: string): Promise<Response> {
  const form = await fetch(`${url}/inloggen`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  return fetch(`${url}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, gebruikersnaam: username, wachtwoord: password }),
  });
}

describe('zicht serve', () => {
  it('on PostgreSQL with no accounts: serves the login page and says how to make the first account', async () => {
    const { process, url } = await serve({ DATABASE_URL: databaseUrlWithSchema(TEST_DATABASE_URL, t.schema) }, /No accounts yet.*\n/);
    expect(process.stdout()).toContain('npx zicht users add NAME --role admin');
    const page = await fetch(`${url}/inloggen`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<html lang="nl">');
    expect((await t.db.query('SELECT 1 FROM users')).rows).toHaveLength(0); // nothing created behind the operator's back
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);
  }, TIMEOUT);

  it('on the embedded database (zero configuration): creates an admin once and prints its password', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'zicht-serve-')), 'data');
    const { process, url } = await serve({ DATABASE_URL: '', ZICHT_DATA_DIR: dataDir }, /password {2}(\S+)\n/);
    const password = /password {2}(\S+)\n/.exec(process.stdout())![1]!;
    const response = await login(url, 'admin', password);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/beheer');
    expect((await login(url, 'admin', 'not-the-password')).status).toBe(401);
    process.child.kill('SIGTERM');
    expect(await process.exited).toBe(0);

    // A second start finds the account (checked before the URL is printed): no new password.
    const again = await serve({ DATABASE_URL: '', ZICHT_DATA_DIR: dataDir }, /Zicht web app: .*\n/);
    expect(again.process.stdout()).not.toMatch(/password/);
    expect((await login(again.url, 'admin', password)).status).toBe(303);
    again.process.child.kill('SIGTERM');
    expect(await again.process.exited).toBe(0);
  }, TIMEOUT);
});
