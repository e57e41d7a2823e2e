/** Statuses a page can end in besides 200 and redirects; each has a Dutch error page. */
export type ErrorStatus = 400 | 403 | 404 | 405 | 413 | 415 | 429 | 500 | 503;

/**
 * Thrown by route code to end a request with an error page, e.g. `throw new HttpError(404)`.
 * The message is for the log only; the page shows a fixed Dutch text for the status.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message = `HTTP ${status}`,
    /** Extra response headers (e.g. Retry-After with 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
