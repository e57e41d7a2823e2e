import { afterEach, describe, expect, it } from 'vitest';
import { crawlSite, resolveSiteConfig } from '../../src/crawler/index.js';
import { adPage, buildSite, html, startLocalSite, testLog, type LocalSite, type Reply, type Route } from './local-site.js';

const LIST: Route = () => html('<a class="ad" href="/ad/1">1</a> <a class="ad" href="/ad/2">2</a> <a class="ad" href="/ad/3">3</a>');

describe('robots.txt policy', () => {
  let site: LocalSite | undefined;
  afterEach(async () => {
    await site?.close();
  });

  async function crawl(robots: Route, robotsTxt: 'respect' | 'ignore' = 'respect') {
    const starts: number[] = [];
    const robotsAgents: string[] = [];
    const ad: Route = () => {
      starts.push(Date.now());
      return html(adPage(1));
    };
    await site?.close();
    site = await startLocalSite({
      '/robots.txt': (hit, request) => {
        robotsAgents.push(request.headers['user-agent'] ?? '');
        return robots(hit, request);
      },
      '/list?page=1': LIST,
      '/ad/1': ad,
      '/ad/2': ad,
      '/ad/3': ad,
    });
    const config = resolveSiteConfig(buildSite({ politeness: { robotsTxt, maxConcurrency: 4 } }), site.url);
    const stats = await crawlSite(config, { log: testLog, onAd: async () => undefined });
    return { stats, starts, robotsAgents, userAgent: config.politeness.userAgent };
  }

  it('fetches robots.txt once, with our user agent, and obeys the group for our agent', async () => {
    const { stats, robotsAgents, userAgent } = await crawl(() => ({
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /\n\nUser-agent: zicht-monitor\nDisallow: /ad/2\nAllow: /\n',
    }));
    expect(robotsAgents).toEqual([userAgent]);
    expect(stats.ads).toBe(2);
    expect(stats.skippedByRobots).toBe(1);
  });

  it('treats a missing robots.txt as no rules', async () => {
    const { stats } = await crawl(() => ({ status: 404, body: 'nope' }));
    expect(stats.ads).toBe(3);
    expect(stats.skippedByRobots).toBe(0);
  });

  it('treats a robots.txt that keeps failing as "disallow all" (RFC 9309), after retrying', async () => {
    const { stats, robotsAgents } = await crawl(() => ({ status: 503, headers: { 'retry-after': '0' }, body: 'down' }));
    expect(robotsAgents).toHaveLength(5);
    expect(stats.pagesOk).toBe(0);
    expect(stats.skippedByRobots).toBe(1); // the start URL
    const again = await crawl(() => ({ status: 503, body: 'down' }), 'ignore');
    expect(again.stats.ads).toBe(3);
    expect(again.robotsAgents).toHaveLength(0);
  });

  it('waits out a 429 on robots.txt and then obeys it', async () => {
    const { stats, robotsAgents } = await crawl((hit): Reply =>
      hit <= 2
        ? { status: 429, headers: { 'retry-after': '0' }, body: 'slow down' }
        : { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /ad/3\n' },
    );
    expect(robotsAgents).toHaveLength(3);
    expect(stats.ads).toBe(2);
    expect(stats.skippedByRobots).toBe(1);
  });

  it('spaces requests by Crawl-delay, one at a time', async () => {
    const { stats, starts } = await crawl(() => ({
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nCrawl-delay: 1\n',
    }));
    expect(stats.ads).toBe(3);
    const gaps = starts.sort((a, b) => a - b).slice(1).map((t, i) => t - starts[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
  });
});
