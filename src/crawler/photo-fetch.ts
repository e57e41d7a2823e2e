import type { BaseHttpClient } from '@crawlee/core';
import { parseRetryAfter } from './politeness.js';

/** Why a photo download gave no bytes. `transient` ones may succeed when tried again. */
export type PhotoFetchCode = 'HTTP_STATUS' | 'THROTTLED' | 'NOT_IMAGE' | 'TOO_LARGE' | 'NETWORK';

export class PhotoFetchError extends Error {
  constructor(
    readonly code: PhotoFetchCode,
    message: string,
    readonly transient = false,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PhotoFetchError';
  }
}

export interface PhotoRequest {
  url: string;
  /** The ad page the photo is on, sent as Referer the way a browser does. */
  referer: string;
  userAgent: string;
  maxBytes: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** Whether a redirect may lead to this URL (the same host rules as the photo itself). */
  redirectAllowed(url: URL): boolean;
}

const ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5';
const MAX_REDIRECTS = 5;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Maps a non-2xx answer: 429 and 5xx/408 may pass, other statuses are final for this photo. */
function statusError(status: number, retryAfter: string | undefined): PhotoFetchError {
  if (status === 429) return new PhotoFetchError('THROTTLED', 'HTTP 429', true, parseRetryAfter(retryAfter) ?? 5_000);
  const transient = status >= 500 || status === 408;
  return new PhotoFetchError('HTTP_STATUS', `HTTP ${status}`, transient, transient ? parseRetryAfter(retryAfter) : undefined);
}

/** Content types a photo may come with: images, and servers that label everything as octet-stream. */
function acceptableType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('image/') || type === 'application/octet-stream' || type === 'binary/octet-stream';
}

async function readCapped(stream: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) throw new PhotoFetchError('TOO_LARGE', `larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Downloads one photo with the crawler's HTTP client into memory, never to disk: our user agent and no
 * invented browser headers, a timeout for the whole transfer, at most `maxBytes` (a larger
 * Content-Length is refused before the body, a longer body is cut off), redirects only to allowed
 * hosts. Throws {@link PhotoFetchError}; the caller decides about retries.
 */
export async function fetchPhoto(httpClient: BaseHttpClient, request: PhotoRequest): Promise<Buffer> {
  let response;
  try {
    response = await httpClient.stream({
      url: request.url,
      method: 'GET',
      headers: { accept: ACCEPT, referer: request.referer, 'user-agent': request.userAgent },
      useHeaderGenerator: false,
      throwHttpErrors: false,
      timeout: { request: request.timeoutMs },
      signal: request.signal,
      maxRedirects: MAX_REDIRECTS,
      followRedirect: (redirect: { url: string; headers: Record<string, string | undefined> }) =>
        request.redirectAllowed(new URL(redirect.headers.location ?? '', redirect.url)),
    });
  } catch (error) {
    throw new PhotoFetchError('NETWORK', (error as Error).message, true);
  }
  const { stream, statusCode, headers } = response;
  try {
    if (statusCode >= 300) throw statusError(statusCode, header(headers['retry-after']));
    const contentType = header(headers['content-type']);
    if (!acceptableType(contentType)) throw new PhotoFetchError('NOT_IMAGE', `content type ${contentType}`);
    const length = Number(header(headers['content-length']));
    if (length > request.maxBytes) throw new PhotoFetchError('TOO_LARGE', `Content-Length ${length} > ${request.maxBytes} bytes`);
    return await readCapped(stream, request.maxBytes);
  } catch (error) {
    if (error instanceof PhotoFetchError) throw error;
    throw new PhotoFetchError('NETWORK', (error as Error).message, true);
  } finally {
    stream.destroy();
  }
}
