import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadSettings, type Settings, type SettingsOverrides } from '../config/settings.js';
import { loadSiteConfigs } from '../crawler/index.js';
import type { SiteConfig } from '../crawler/site-config.js';
import { createLogger, type Logger } from '../log.js';
import { migrate, openDb, type Db } from '../store/index.js';

/** The package's own directory, for files shipped with it (demo site configs). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_SITES_DIR = fileURLToPath(new URL('../../config/demo-sites/', import.meta.url));

/** Settings or exit: an invalid configuration prints every problem and exits non-zero. */
export function settingsOrExit(overrides: SettingsOverrides = {}): Settings {
  try {
    return loadSettings(overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

export function loggerFor(settings: Settings): Logger {
  return createLogger(settings.logLevel);
}

/** Opens Postgres (DATABASE_URL) or the embedded PGlite, and brings the schema up to date. */
export async function openMigratedDb(settings: Settings, log: Logger): Promise<Db> {
  const db = await openDb(settings.databaseUrl ? { databaseUrl: settings.databaseUrl, log } : { dataDir: `${settings.dataDir}/pglite` });
  const { applied } = await migrate(db);
  log.info({ database: settings.databaseUrl ? 'postgres' : 'pglite', applied: applied.length }, 'database ready');
  return db;
}

export function hasConfiguredSites(settings: Settings): boolean {
  return existsSync(settings.sitesDir) && readdirSync(settings.sitesDir).some((f) => f.endsWith('.json'));
}

/** The configured sites; with `demoUrls`, the built-in demo sites at those base URLs instead. */
export async function loadSites(settings: Settings, demoUrls?: Record<string, string>): Promise<Map<string, SiteConfig>> {
  const sites = demoUrls
    ? await loadSiteConfigs(DEMO_SITES_DIR, { ...process.env, ...demoEnv(demoUrls) })
    : await loadSiteConfigs(settings.sitesDir, process.env);
  return new Map(sites.map((site) => [site.id, site]));
}

/** `ZICHT_SITE_DEMO_A_URL=…` lines: how another process finds the demo sites. */
export function demoEnv(urls: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(urls).map(([id, url]) => [`ZICHT_SITE_${id.toUpperCase().replace(/-/g, '_')}_URL`, url]));
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
