import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { District } from '../../src/domain/districts.js';
import type { UserRole } from '../../src/domain/review.js';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/log.js';
import { createUser, type Db, type StoredUser } from '../../src/store/index.js';
import { buildWebApp, type WebAppOptions } from '../../src/web/app.js';
import { hashPassword } from '../../src/web/auth/password.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

export interface WebHarness extends TestDb {
  app: FastifyInstance;
  /** Another app on the same schema: a second web process. Closed with the harness. */
  secondApp(options?: Partial<WebAppOptions>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/** Settings as a test sees them: the defaults, nothing from the machine's environment. */
export const testWebSettings = (overrides: Record<string, unknown> = {}) => loadSettings({ logLevel: 'warn', ...overrides }, {});

/**
 * The web app on a Postgres schema of the test file's own, for `app.inject()`.
 *
 * @example
 * let h: WebHarness;
 * beforeAll(async () => { h = await startWebHarness(); });
 * afterAll(() => h.close());
 */
export async function startWebHarness(options: Partial<WebAppOptions> = {}): Promise<WebHarness> {
  const t = await createTestDb();
  const apps: FastifyInstance[] = [];
  const build = async (extra: Partial<WebAppOptions>) => {
    const app = await buildWebApp({ db: t.db, log: createLogger('warn'), settings: testWebSettings(), ...options, ...extra });
    apps.push(app);
    return app;
  };
  const app = await build({});
  return {
    ...t,
    app,
    secondApp: build,
    async close() {
      for (const a of apps) await a.close();
      await t.cleanup();
    },
  };
}

export interface TestAccount {
  user: StoredUser;
  password: string;
}

/** An account with a random name and password (hashed for real). */
export async function addUser(db: Db, role: UserRole, options: { district?: District; username?: string } = {}): Promise<TestAccount> {
  const password = randomBytes(12).toString('base64url');
  const district = role === 'coordinator' ? (options.district ?? 'Kennemerland') : null;
  const username = options.username ?? `${role}-${randomBytes(4).toString('hex')}`;
  const user = await createUser(db, { username, passwordHash: await hashPassword(password), role, district });
  return { user, password };
}

const HIDDEN_CSRF = /name="_csrf" value="([^"]+)"/;

/**
 * A browser for `inject()`: keeps cookies between requests, reads the CSRF token from the
 * pages it gets, and sends it with forms like a browser would.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    /** The client's address, for throttling per IP. */
    readonly remoteAddress = '127.0.0.1',
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = HIDDEN_CSRF.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers, cookies: Object.fromEntries(this.cookies), remoteAddress: this.remoteAddress });
    return this.remember(response);
  }

  /** POSTs a form; `csrf: false` leaves the token out, a string sends that one instead. */
  async post(url: string, form: Record<string, string> = {}, options: { csrf?: boolean | string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const token = options.csrf === false ? undefined : typeof options.csrf === 'string' ? options.csrf : this.csrfToken;
    const body = new URLSearchParams({ ...form, ...(token !== undefined ? { _csrf: token } : {}) }).toString();
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      cookies: Object.fromEntries(this.cookies),
      remoteAddress: this.remoteAddress,
    });
    return this.remember(response);
  }

  /** Logs in through the login form (GET for its token, then POST), as a person would. */
  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/inloggen');
    return this.post('/inloggen', { gebruikersnaam: username, wachtwoord: password });
  }

  /** Logs in and loads a page, so `csrfToken` is the session's. Throws if the login failed. */
  async loginAs(account: TestAccount): Promise<this> {
    const response = await this.login(account.user.username, account.password);
    if (response.statusCode !== 303) throw new Error(`login of ${account.user.username} failed: ${response.statusCode}`);
    // Every page of a signed-in user carries the session's token (the logout form).
    await this.get(response.headers.location as string);
    return this;
  }
}

/** A new client for `app`, logged in as `account`. */
export function loggedIn(app: FastifyInstance, account: TestAccount): Promise<WebClient> {
  return new WebClient(app).loginAs(account);
}
