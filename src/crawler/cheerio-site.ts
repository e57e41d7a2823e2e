import { CheerioCrawler, type CheerioCrawlingContext } from '@crawlee/cheerio';
import type { Configuration, RequestQueue } from '@crawlee/core';
import type { CheerioAPI } from 'cheerio';
import { PermanentPageError, checkStatus } from './politeness.js';
import { DETAIL, deliverAd, enqueueListing, sharedCrawlerOptions, throttledCount, type SiteRun } from './site-run.js';

// 5xx answers reach our handler (instead of crawlee's own error) so that every status is mapped in one
// place, `checkStatus`, for both crawler kinds.
const SERVER_ERRORS = Array.from({ length: 100 }, (_, i) => 500 + i);

const HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
  'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8',
};

async function handlePage(context: CheerioCrawlingContext, run: SiteRun): Promise<void> {
  const { request, response } = context;
  // crawlee's cheerio is the same package and version as ours, only typed through its CommonJS build.
  const $ = context.$ as unknown as CheerioAPI | undefined;
  const retryAfter = response.headers['retry-after'];
  checkStatus(response.statusCode ?? 0, typeof retryAfter === 'string' ? retryAfter : undefined, throttledCount(request));
  // $ is missing for non-HTML answers, which we accept only so that a text/plain 429 is not fatal.
  if (!$) throw new PermanentPageError('NOT_HTML', `not an HTML page (${String(response.headers['content-type'])})`);
  const url = request.loadedUrl ?? request.url;
  if (request.label === DETAIL) await deliverAd($, url, run);
  else await enqueueListing($, url, run, context.crawler);
  run.counter.pageOk();
}

/**
 * A CheerioCrawler for a server-rendered site: plain HTTP with our user agent, the page's charset
 * honoured (crawlee decodes e.g. windows-1252 with iconv-lite), the shared politeness and error policy.
 */
export function createCheerioCrawler(run: SiteRun, requestQueue: RequestQueue, config: Configuration): CheerioCrawler {
  const { userAgent } = run.site.politeness;
  return new CheerioCrawler(
    {
      ...sharedCrawlerOptions(run, requestQueue),
      additionalMimeTypes: ['*/*'],
      ignoreHttpErrorStatusCodes: SERVER_ERRORS,
      preNavigationHooks: [
        async (_context, gotOptions) => {
          await run.pacer.wait(run.signal);
          // got-scraping would invent browser headers for every request; we crawl as ourselves.
          gotOptions.useHeaderGenerator = false;
          gotOptions.headers = { ...gotOptions.headers, ...HEADERS, 'user-agent': userAgent };
        },
      ],
      requestHandler: async (context) => handlePage(context, run),
    },
    config,
  );
}
