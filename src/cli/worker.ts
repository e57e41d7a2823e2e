import { ensureRedis } from '../queue/index.js';
import { loadSites, loggerFor, onShutdown, openMigratedDb, settingsOrExit } from './context.js';
import { startWorkerRuntime } from './worker-runtime.js';

/** `zicht worker`: workers only. Run as many as you like against one Redis and one Postgres. */
export async function worker(): Promise<void> {
  const settings = settingsOrExit();
  const log = loggerFor(settings);
  if (!settings.databaseUrl) {
    log.warn('DATABASE_URL is not set: this worker uses its own embedded PGlite database, which no other process shares');
  }
  await ensureRedis(settings.redisUrl, false, log);
  const db = await openMigratedDb(settings, log);
  const sites = await loadSites(settings);
  const runtime = startWorkerRuntime(settings, db, sites, log);
  log.info({ sites: [...sites.keys()], pid: process.pid }, 'worker ready');
  onShutdown(log, async () => {
    await runtime.close();
    await db.close();
  });
}
