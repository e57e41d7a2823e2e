import { NonRetryableError, RetryRequestError } from '@crawlee/core';

/** Longest a site may make us wait through Retry-After (longer values are clamped). */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Wait after a 429 that names no Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 5_000;
/** 429s a page may answer before it starts spending its normal retry budget. */
export const MAX_THROTTLED_ATTEMPTS = 20;

/** 404/410 and other permanent answers: the page is skipped, never retried. */
export class PermanentPageError extends NonRetryableError {
  constructor(
    readonly code: 'PAGE_GONE' | 'HTTP_CLIENT_ERROR' | 'NOT_HTML' | 'NO_AD_TEXT',
    message: string,
  ) {
    super(message);
    this.name = 'PermanentPageError';
  }
}

/**
 * The site asked us to slow down (429). Retried after the wait without spending an attempt;
 * crawlee retries a `RetryRequestError` regardless of the retry count.
 */
export class ThrottledError extends RetryRequestError {
  readonly code = 'THROTTLED';
  constructor(readonly retryAfterMs: number) {
    super(`HTTP 429: throttled for ${Math.round(retryAfterMs / 1000)} s`);
    this.name = 'ThrottledError';
  }
}

/** A transient server-side failure (5xx, 408, a 429 storm that lasts too long): retried with backoff. */
export class TransientPageError extends Error {
  readonly code = 'TRANSIENT';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientPageError';
  }
}

/** Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds, clamped to [0, 60 s]. */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * Maps an HTTP status to what the crawl does with the page: returns for success (2xx/3xx), throws a
 * {@link PermanentPageError} (404, 410, other 4xx), a {@link ThrottledError} (429, up to
 * {@link MAX_THROTTLED_ATTEMPTS} times per page) or a {@link TransientPageError} (5xx, 408, later 429s).
 */
export function checkStatus(status: number, retryAfter: string | undefined | null, throttledSoFar: number): void {
  if (status < 400) return;
  const waitMs = parseRetryAfter(retryAfter);
  if (status === 429) {
    if (throttledSoFar < MAX_THROTTLED_ATTEMPTS) throw new ThrottledError(waitMs ?? DEFAULT_RETRY_AFTER_MS);
    throw new TransientPageError('HTTP 429: still throttled', waitMs ?? DEFAULT_RETRY_AFTER_MS);
  }
  if (status >= 500 || status === 408) throw new TransientPageError(`HTTP ${status}`, waitMs);
  const code = status === 404 || status === 410 ? 'PAGE_GONE' : 'HTTP_CLIENT_ERROR';
  throw new PermanentPageError(code, `HTTP ${status}`);
}

/** Exponential backoff with jitter before retry number `retryCount + 1`: ~1 s, 2 s, 4 s … at most 30 s. */
export function backoffMs(retryCount: number, random = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** retryCount);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Paces the requests of one crawl. A 429 (or a 503 with Retry-After) pauses every request to the site,
 * not just the page that got it; a robots.txt `Crawl-delay` spaces request starts apart.
 */
export class SitePacer {
  private until = 0;
  private nextStart = 0;

  constructor(private readonly minIntervalMs = 0) {}

  /** Extends the pause to at least `ms` from now. */
  pause(ms: number): void {
    this.until = Math.max(this.until, Date.now() + Math.min(ms, MAX_RETRY_AFTER_MS));
  }

  /** Milliseconds left in the current pause. */
  remainingMs(): number {
    return Math.max(0, this.until - Date.now());
  }

  /** Waits until the pause is over and this request's turn has come (or the crawl is aborted). */
  async wait(signal?: AbortSignal): Promise<void> {
    while (this.remainingMs() > 0 && !signal?.aborted) await sleep(this.remainingMs(), signal);
    if (this.minIntervalMs === 0) return;
    const start = Math.max(Date.now(), this.nextStart);
    this.nextStart = start + this.minIntervalMs;
    await sleep(start - Date.now(), signal);
  }
}
