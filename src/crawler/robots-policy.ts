import { createRequire } from 'node:module';
import type { Logger } from '../log.js';
import { parseRetryAfter, sleep } from './politeness.js';

/** The part of robots-parser we use. */
interface ParsedRobots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
}

// robots-parser is CommonJS (`module.exports = fn`) but its types declare an ES default export, which
// NodeNext types as a module object; requiring it states what really happens.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, body: string) => ParsedRobots;

const FETCH_TIMEOUT_MS = 10_000;
/** A robots.txt caught in a 429 storm or a short outage should not cost the whole night's crawl. */
const ATTEMPTS = 5;
/** RFC 9309 lets crawlers stop reading robots.txt after 500 KiB. */
const MAX_ROBOTS_BYTES = 500 * 1024;

/** What robots.txt of one origin says for our user agent. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Seconds between requests the site asks for (`Crawl-delay`), if any. */
  crawlDelaySecs?: number;
}

const ALLOW_ALL: RobotsRules = { isAllowed: () => true };
const DISALLOW_ALL: RobotsRules = { isAllowed: () => false };

type Fetched = { status: number; body: string; retryAfterMs?: number } | { error: string };

async function fetchRobots(url: string, userAgent: string, signal: AbortSignal): Promise<Fetched> {
  try {
    const response = await fetch(url, {
      headers: { 'user-agent': userAgent, accept: 'text/plain,*/*;q=0.5' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
    });
    const body = response.ok ? (await response.text()).slice(0, MAX_ROBOTS_BYTES) : '';
    return { status: response.status, body, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Fetches and parses robots.txt the way RFC 9309 asks: 2xx → obey it; 4xx → no rules; a server error
 * a 429 or no answer (after {@link ATTEMPTS} tries) → assume everything is disallowed.
 */
export async function loadRobotsRules(origin: string, userAgent: string, log: Logger, signal: AbortSignal): Promise<RobotsRules> {
  const url = new URL('/robots.txt', origin).href;
  let last: Fetched = { error: 'not fetched' };
  for (let attempt = 1; attempt <= ATTEMPTS && !signal.aborted; attempt += 1) {
    last = await fetchRobots(url, userAgent, signal);
    if ('status' in last && last.status < 500 && last.status !== 429) break;
    if (attempt < ATTEMPTS) await sleep(('retryAfterMs' in last ? last.retryAfterMs : undefined) ?? 1000 * attempt, signal);
  }
  if ('status' in last && last.status >= 200 && last.status < 300) {
    const robots = robotsParser(url, last.body);
    return {
      isAllowed: (target) => robots.isAllowed(target, userAgent) ?? true,
      crawlDelaySecs: robots.getCrawlDelay(userAgent),
    };
  }
  if ('status' in last && last.status >= 400 && last.status < 500 && last.status !== 429) return ALLOW_ALL;
  const problem = 'status' in last ? { status: last.status } : { err: last.error };
  log.warn({ url, ...problem }, 'robots.txt unreachable, treating site as disallowed');
  return DISALLOW_ALL;
}

/**
 * The robots.txt policy of one crawl: `ignore` allows everything; `respect` loads each origin's
 * robots.txt once (with our user agent and a timeout — crawlee's own check has neither) and answers
 * from the cache.
 */
export class RobotsPolicy {
  private readonly origins = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly mode: 'respect' | 'ignore',
    private readonly userAgent: string,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
  ) {}

  rulesFor(url: string): Promise<RobotsRules> {
    if (this.mode === 'ignore') return Promise.resolve(ALLOW_ALL);
    const origin = new URL(url).origin;
    let rules = this.origins.get(origin);
    if (!rules) {
      rules = loadRobotsRules(origin, this.userAgent, this.log, this.signal);
      this.origins.set(origin, rules);
    }
    return rules;
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.rulesFor(url)).isAllowed(url);
  }
}
