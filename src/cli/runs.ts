import { listCrawlRuns } from '../store/index.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';
import { formatSummary } from './progress.js';

/** `zicht runs`: the crawl run history. */
export async function runs(options: { site?: string; limit: number }): Promise<void> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const list = await listCrawlRuns(db, { ...(options.site ? { site: options.site } : {}), limit: options.limit });
    console.log(list.length === 0 ? 'no crawl runs yet' : formatSummary(list));
  } finally {
    await db.close();
  }
}

/** `zicht migrate`: bring the database schema up to date and exit. */
export async function migrateCommand(): Promise<void> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  await db.close();
}
