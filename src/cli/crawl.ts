import { ensureRedis, openQueues } from '../queue/index.js';
import { crawlAndWait } from './crawl-all.js';
import { loadSites, loggerFor, settingsOrExit } from './context.js';
import { formatSummary } from './progress.js';

/** `zicht crawl [--site ID]`: enqueue crawls and wait for them, with progress. Workers do the work. */
export async function crawl(options: { site?: string[] }): Promise<void> {
  const settings = settingsOrExit();
  const log = loggerFor(settings);
  await ensureRedis(settings.redisUrl, false, log);
  const sites = await loadSites(settings);
  const wanted = options.site?.length ? options.site : [...sites.keys()];
  const unknown = wanted.filter((id) => !sites.has(id));
  if (unknown.length > 0 || wanted.length === 0) {
    console.error(`unknown site(s): ${unknown.join(', ') || '(none configured)'}; configured: ${[...sites.keys()].join(', ') || 'none'} in ${settings.sitesDir}`);
    process.exit(2);
  }
  const queues = openQueues(settings.redisUrl, settings.queuePrefix, log);
  try {
    if ((await queues.crawl.getWorkersCount()) === 0) {
      log.warn('no worker is running: the crawl waits in the queue until `zicht worker` (or `zicht start`) runs');
    }
    const summaries = await crawlAndWait(queues, wanted);
    console.log(formatSummary(summaries));
  } finally {
    await queues.close();
  }
}
