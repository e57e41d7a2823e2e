import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../log.js';
import { createMetrics, type MetricsEndpoint } from '../metrics/index.js';
import { audit, countUsers, createUser, type Db } from '../store/index.js';
import { buildWebApp } from '../web/app.js';
import { hashPassword } from '../web/auth/password.js';
import type { ConfiguredSites } from '../web/services.js';
import { scheduledSites } from './schedule.js';
import { loggerFor, onShutdown, openMigratedDb, settingsOrExit } from './context.js';

export interface RunningWeb {
  url: string;
  close(): Promise<void>;
}

export const FIRST_ADMIN = 'admin';

/**
 * With no account at all, nobody could log in. On the embedded database (the zero-config demo,
 * one machine, one process) an `admin` with a random password is created and its password
 * printed once. On PostgreSQL, a real deployment, nothing is created: the operator makes the
 * first account with `zicht users add`, so no password ever lands in a service log.
 */
export async function firstRunAccount(db: Db, settings: Settings): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  if (settings.databaseUrl) {
    return 'No accounts yet: create the first one with `npx zicht users add NAME --role admin` (it asks for a password).';
  }
  const password = randomBytes(18).toString('base64url');
  const user = await createUser(db, { username: FIRST_ADMIN, passwordHash: await hashPassword(password), role: 'admin', district: null });
  await audit(db, { userId: null, username: 'system:first-run', action: 'user_add', target: user.username, details: { role: 'admin' } });
  return [
    `First run: created the account "${FIRST_ADMIN}" (role admin) with the password  ${password}`,
    'It is shown only this once. Add the coordinators with `npx zicht users add`, and change this',
    `password with \`npx zicht users password ${FIRST_ADMIN}\` (stop zicht first: the embedded database allows one process).`,
  ].join('\n');
}

function urlOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * Builds the web app on `db` and listens on ZICHT_WEB_HOST:ZICHT_WEB_PORT. GET /metrics serves
 * `metrics` (the process's workers and queues, in `zicht start`), or else the store's figures.
 */
export async function startWeb(settings: Settings, db: Db, log: Logger, metrics?: MetricsEndpoint, sites?: ConfiguredSites): Promise<RunningWeb> {
  const endpoint = metrics ?? { metrics: createMetrics(), sources: { db }, access: { token: settings.metricsToken } };
  const app = await buildWebApp({ db, log, settings, metrics: endpoint, sites: sites ?? (await sitesForSchedules(settings, log)) });
  try {
    await app.listen({ port: settings.webPort, host: settings.webHost });
  } catch (error) {
    await app.close();
    throw error;
  }
  const url = urlOf(app.server.address() as AddressInfo);
  log.info({ url }, 'web app listening');
  return { url, close: () => app.close() };
}

/**
 * The configured sites, for the schedules on /beheer/sites. A site config that does not load is
 * `zicht start`'s problem to report: the web app then shows the schedules as unknown.
 */
async function sitesForSchedules(settings: Settings, log: Logger): Promise<ConfiguredSites | undefined> {
  try {
    return await scheduledSites(settings);
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'web app: site configs not loaded, schedules shown as unknown');
    return undefined;
  }
}

/** Prints the URL, and the first-run account or how to make one. */
async function announce(web: RunningWeb, db: Db, settings: Settings): Promise<void> {
  const first = await firstRunAccount(db, settings);
  console.log(`Zicht web app: ${web.url}`);
  if (first) console.log(first);
}

export function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

/** `zicht serve`: the review web app only (no workers, no crawling). */
export async function serve(options: { port?: number | undefined; host?: string | undefined }): Promise<void> {
  const settings = settingsOrExit({ webPort: options.port, webHost: options.host });
  const log = loggerFor(settings);
  const db = await openMigratedDb(settings, log);
  let web: RunningWeb;
  try {
    web = await startWeb(settings, db, log);
  } catch (error) {
    await db.close();
    if (!isAddressInUse(error)) throw error;
    console.error(`port ${settings.webPort} on ${settings.webHost} is in use: choose another with --port or ZICHT_WEB_PORT`);
    process.exit(2);
  }
  await announce(web, db, settings);
  onShutdown(log, async () => {
    await web.close();
    await db.close();
  });
}

/**
 * `zicht start`'s web app: its URL and any first-run account printed before the crawl begins.
 * A busy port is a warning here, not a stop: the crawl is the main job.
 */
export async function startWebAlongside(settings: Settings, db: Db, log: Logger, metrics?: MetricsEndpoint, sites?: ConfiguredSites): Promise<RunningWeb | null> {
  try {
    const web = await startWeb(settings, db, log, metrics, sites);
    await announce(web, db, settings);
    return web;
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    log.warn({ port: settings.webPort, host: settings.webHost }, 'web app not started: port in use (set ZICHT_WEB_PORT)');
    return null;
  }
}
