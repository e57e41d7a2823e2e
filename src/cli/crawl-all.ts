import { openQueueEvents, enqueueCrawl, waitForCrawl, type Queues } from '../queue/index.js';
import type { CrawlRunSummary } from '../store/index.js';
import { ProgressBoard } from './progress.js';

/** Enqueues a crawl of each site, shows progress, and resolves with each run's summary. */
export async function crawlAndWait(queues: Queues, sites: readonly string[], showProgress = true): Promise<CrawlRunSummary[]> {
  const events = openQueueEvents(queues, 'crawl');
  await events.waitUntilReady();
  const board = new ProgressBoard(sites);
  if (showProgress) board.start();
  try {
    const crawls = await Promise.all(sites.map((site) => enqueueCrawl(queues, site)));
    const results = await Promise.all(
      crawls.map(async (crawl) => {
        const { summary } = await waitForCrawl(queues, events, crawl, (p) => board.update(p));
        board.finish(crawl.site);
        return summary;
      }),
    );
    return results;
  } finally {
    if (showProgress) board.stop();
    await events.close();
  }
}
