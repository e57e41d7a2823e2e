import { z } from 'zod';
import { permitKey } from '../classifier/licence/permit-key.js';
import { INDICATOR_CODES, type IndicatorCode } from '../classifier/risk/indicator.js';
import { DISTRICTS, type District } from '../domain/districts.js';
import { LICENCE_STATUSES, type LicenceStatus } from '../domain/licence.js';
import { REVIEW_DECISIONS, type ReviewDecision } from '../domain/review.js';
import { extractPhones } from '../extract/extract-phones.js';

/** `unassessed`: the licence assessment has not run for the ad yet. */
export type QueueLicenceFilter = LicenceStatus | 'unassessed';

/** The work queue's filters, typed; every one is optional and they combine with AND. */
export interface WorkQueueFilters {
  licence?: QueueLicenceFilter | undefined;
  indicator?: IndicatorCode | undefined;
  /** CBS code, e.g. `GM0392`. */
  municipality?: string | undefined;
  /** Narrows an all-districts scope; a district scope with another district finds nothing. */
  district?: District | undefined;
  site?: string | undefined;
  /** Calendar dates `YYYY-MM-DD`, inclusive, in Dutch time. */
  firstSeenFrom?: string | undefined;
  firstSeenTo?: string | undefined;
  lastSeenFrom?: string | undefined;
  lastSeenTo?: string | undefined;
  reviewed?: 'yes' | 'no' | undefined;
  /** Only ads whose current decision is this one (implies reviewed). */
  decision?: ReviewDecision | undefined;
  status?: 'live' | 'gone' | undefined;
  /** E.164, normalised from whatever spelling was searched for. */
  phone?: string | undefined;
  /** A permit key (src/classifier/licence permitKey). */
  permit?: string | undefined;
}

/** Where a page starts: after the row with this score and id, in the queue's ranking. */
export interface QueueCursor {
  score: number;
  id: string;
}

export interface WorkQueuePageRequest {
  cursor?: QueueCursor | undefined;
  /** Rows per page, 1–200; default 50. */
  limit?: number | undefined;
}

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_MAX_PAGE_SIZE = 200;

const cursorSchema = z.tuple([z.number().finite(), z.string().regex(/^[1-9]\d{0,17}$/)]);

/** The cursor as an opaque URL-safe string, for a "next page" link. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.id])).toString('base64url');
}

/** The cursor in an opaque string, or null when it is not one `encodeQueueCursor` made. */
export function decodeQueueCursor(text: string): QueueCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { score: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** The one number a search box holds, in E.164; any spelling the extraction reads (`06-12…`, `+31 6…`, `0031…`). */
export function normalisePhoneSearch(text: string): string | null {
  const phones = extractPhones({ text });
  return phones.length === 1 && phones[0] ? phones[0].e164 : null;
}

// An empty form field means "no filter", not "match the empty string".
const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const date = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

const queryShape = z.object({
  licence: optional(z.enum([...LICENCE_STATUSES, 'unassessed'], { error: `must be one of: ${[...LICENCE_STATUSES, 'unassessed'].join(', ')}` })),
  indicator: optional(z.enum(INDICATOR_CODES, { error: 'is not an indicator code' })),
  municipality: optional(z.string().trim().toUpperCase().regex(/^GM\d{4}$/, 'must be a CBS municipality code such as GM0392')),
  district: optional(z.enum(DISTRICTS, { error: `must be one of: ${DISTRICTS.join(', ')}` })),
  site: optional(z.string().trim().max(100)),
  firstSeenFrom: optional(date),
  firstSeenTo: optional(date),
  lastSeenFrom: optional(date),
  lastSeenTo: optional(date),
  reviewed: optional(z.enum(['yes', 'no'], { error: 'must be yes or no' })),
  decision: optional(z.enum(REVIEW_DECISIONS, { error: 'is not a review decision' })),
  status: optional(z.enum(['live', 'gone'], { error: 'must be live or gone' })),
  phone: optional(
    z.string().max(60).transform((text, ctx) => {
      const e164 = normalisePhoneSearch(text);
      if (e164 === null) ctx.addIssue({ code: 'custom', message: 'is not one phone number' });
      return e164 ?? z.NEVER;
    }),
  ),
  permit: optional(
    z.string().max(60).transform(permitKey).refine((key) => key !== '', 'is not a permit number'),
  ),
  cursor: optional(
    z.string().max(200).transform((text, ctx) => {
      const cursor = decodeQueueCursor(text);
      if (cursor === null) ctx.addIssue({ code: 'custom', message: 'is not a page cursor' });
      return cursor ?? z.NEVER;
    }),
  ),
  limit: optional(z.coerce.number({ error: 'must be a number' }).int().min(1).max(QUEUE_MAX_PAGE_SIZE)),
});

type Query = z.output<typeof queryShape>;

function checkRanges(query: Query, ctx: z.RefinementCtx): void {
  for (const [from, to] of [['firstSeenFrom', 'firstSeenTo'], ['lastSeenFrom', 'lastSeenTo']] as const) {
    const a = query[from];
    const b = query[to];
    if (a !== undefined && b !== undefined && a > b) ctx.addIssue({ code: 'custom', path: [to], message: `is before ${from}` });
  }
  if (query.decision !== undefined && query.reviewed === 'no') {
    ctx.addIssue({ code: 'custom', path: ['decision'], message: 'cannot be combined with reviewed=no' });
  }
}

/**
 * The work queue's query string → `{ filters, page }`, for `listWorkQueue`. Unknown parameters are
 * ignored, empty ones mean "no filter"; bad ones fail with one issue per parameter (its path).
 *
 * @example
 * const parsed = workQueueQuerySchema.safeParse(request.query);
 * if (!parsed.success) return reply.code(400).send(formatQueueQueryErrors(parsed.error));
 * const page = await listWorkQueue(db, scope, parsed.data.filters, parsed.data.page);
 */
export const workQueueQuerySchema = queryShape.superRefine(checkRanges).transform(({ cursor, limit, ...filters }) => ({
  filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as WorkQueueFilters,
  page: { cursor, limit } satisfies WorkQueuePageRequest,
}));

/** One readable line per bad parameter: `phone: is not one phone number`. */
export function formatQueueQueryErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`);
}
