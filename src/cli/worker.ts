import { defaultWorkerName, ensureRedis } from '../queue/index.js';
import { loadSites, loggerFor, onShutdown, openMigratedDb, settingsOrExit } from './context.js';
import { startOperations } from './operations.js';
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
  // Purge jobs and metrics (ZICHT_METRICS_PORT); the purge's scheduler is registered by `zicht start`.
  const operations = await startOperations(settings, db, runtime, log, { schedulePurge: false });
  log.info({ sites: [...sites.keys()], worker: defaultWorkerName() }, 'worker ready');
  onShutdown(log, async () => {
    await operations.close();
    await runtime.close();
    await db.close();
  });
}
