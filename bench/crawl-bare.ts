/**
 * Baseline: a bare crawlee CheerioCrawler that follows the same links as the demo-a site
 * config and does nothing else per page. Prints one JSON line.
 */
import { CheerioCrawler } from '@crawlee/cheerio';
import { Configuration, log as crawleeLog, LogLevel } from '@crawlee/core';
import { readFileSync } from 'node:fs';
import { DEMO_SITES_DIR } from '../src/cli/context.js';

const baseUrl = process.env.ZICHT_SITE_DEMO_A_URL;
if (!baseUrl) throw new Error('ZICHT_SITE_DEMO_A_URL is not set (bench/run.ts sets it)');
const site = JSON.parse(readFileSync(`${DEMO_SITES_DIR}demo-a.json`, 'utf8')) as {
  startUrls: string[];
  listing: { detailLinks: string; pageLinks: string };
  politeness: { maxConcurrency: number };
};

crawleeLog.setLevel(LogLevel.OFF);
let pages = 0;
const crawler = new CheerioCrawler(
  {
    maxConcurrency: site.politeness.maxConcurrency,
    maxRequestRetries: 4,
    async requestHandler({ enqueueLinks, request }) {
      pages += 1;
      if (request.label === 'DETAIL') return;
      await enqueueLinks({ selector: site.listing.detailLinks, label: 'DETAIL' });
      await enqueueLinks({ selector: site.listing.pageLinks, label: 'LISTING' });
    },
  },
  new Configuration({ persistStorage: false }),
);
const started = performance.now();
await crawler.run(site.startUrls.map((u) => ({ url: u.replace('{baseUrl}', baseUrl), label: 'LISTING' })));
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    name: 'crawl: bare CheerioCrawler',
    pages,
    seconds: seconds.toFixed(1),
    'pages/s': (pages / seconds).toFixed(1),
    'peak RSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  }),
);
