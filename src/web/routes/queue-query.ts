/**
 * The work queue page's query string: what the filter form sends and every link carries, so a
 * filtered queue is a URL to share or bookmark and the back button works. Parameter names are
 * the store's (`workQueueQuerySchema` validates them); this page adds its defaults — live ads not
 * yet reviewed, or everything when searching by phone or permit number — and one `review`
 * choice that stands for the store's `reviewed` and `decision`.
 */
import { REVIEW_DECISIONS, type ReviewDecision } from '../../domain/review.js';
import { workQueueQuerySchema, type WorkQueueFilters, type WorkQueuePageRequest } from '../../store/index.js';

/** The parameters the page knows, in the order links spell them. */
export const QUEUE_PARAMS = [
  'district', 'municipality', 'licence', 'indicator', 'site', 'firstSeenFrom', 'firstSeenTo', 'lastSeenFrom', 'lastSeenTo',
  'review', 'status', 'phone', 'permit', 'cursor',
] as const;
export type QueueParam = (typeof QUEUE_PARAMS)[number];
/** Non-empty parameters as given. */
export type QueueParams = Partial<Record<QueueParam, string>>;

/** `no`: not yet reviewed; `yes`: any decision; a decision: current decision is that one. */
export type ReviewChoice = 'no' | 'yes' | 'all' | ReviewDecision;
export type StatusChoice = 'live' | 'gone' | 'all';

export const REVIEW_CHOICES: readonly ReviewChoice[] = ['no', 'yes', ...REVIEW_DECISIONS, 'all'];
export const STATUS_CHOICES: readonly StatusChoice[] = ['live', 'gone', 'all'];

export interface QueueRequest {
  params: QueueParams;
  /** The review and status choices in effect (given, or the defaults). */
  review: ReviewChoice;
  status: StatusChoice;
  /** A phone or permit number search: the defaults widen to every ad. */
  searching: boolean;
  filters: WorkQueueFilters;
  page: WorkQueuePageRequest;
}

export type QueueQuery = { ok: true; request: QueueRequest } | { ok: false; params: QueueParams; review: ReviewChoice; status: StatusChoice; errors: string[] };

const FIELD_NAMES_NL: Record<string, string> = {
  district: 'District', municipality: 'Gemeente', licence: 'Vergunningstatus', indicator: 'Indicator', site: 'Site',
  firstSeenFrom: 'Eerst gezien vanaf', firstSeenTo: 'Eerst gezien tot en met', lastSeenFrom: 'Laatst gezien vanaf',
  lastSeenTo: 'Laatst gezien tot en met', review: 'Beoordeling', reviewed: 'Beoordeling', decision: 'Beoordeling',
  status: 'Status', phone: 'Telefoonnummer', permit: 'Vergunningnummer', cursor: 'Pagina', limit: 'Aantal per pagina',
};

/** One Dutch sentence per bad parameter (the store's messages are for developers). */
function dutchError(field: string, custom = false): string {
  const name = FIELD_NAMES_NL[field] ?? field;
  if (field === 'phone') return `${name}: hierin is niet precies één telefoonnummer te herkennen.`;
  if (field === 'permit') return `${name}: dit is geen vergunningnummer.`;
  if (field === 'cursor') return 'Deze paginalink is ongeldig. Begin opnieuw bij de eerste pagina.';
  if (custom && field.endsWith('To')) return `${name}: deze datum ligt vóór de begindatum.`;
  if (custom && field === 'decision') return `${name}: een besluit kan niet samen met "nog niet beoordeeld".`;
  return `${name}: deze waarde is ongeldig.`;
}

/** The first string of a query value (a repeated parameter arrives as an array). */
function firstString(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function pickParams(query: unknown): QueueParams {
  const source = (query ?? {}) as Record<string, unknown>;
  const params: QueueParams = {};
  for (const key of QUEUE_PARAMS) {
    const value = firstString(source[key]);
    if (value !== undefined) params[key] = value;
  }
  return params;
}

const isReviewChoice = (v: string): v is ReviewChoice => (REVIEW_CHOICES as readonly string[]).includes(v);
const isStatusChoice = (v: string): v is StatusChoice => (STATUS_CHOICES as readonly string[]).includes(v);

/** The store's `reviewed`/`decision` for a review choice. */
function reviewFilters(review: ReviewChoice): { reviewed?: string; decision?: string } {
  if (review === 'all') return {};
  if (review === 'no' || review === 'yes') return { reviewed: review };
  return { decision: review };
}

/**
 * Parses the page's query: the filters and page for `listWorkQueue`, or Dutch messages for
 * whatever is wrong (the page then shows them beside the form instead of a bare error page).
 */
export function parseQueueQuery(query: unknown): QueueQuery {
  const params = pickParams(query);
  const searching = params.phone !== undefined || params.permit !== undefined;
  const errors: string[] = [];
  const givenReview = params.review ?? (searching ? 'all' : 'no');
  const givenStatus = params.status ?? (searching ? 'all' : 'live');
  if (!isReviewChoice(givenReview)) errors.push(dutchError('review'));
  if (!isStatusChoice(givenStatus)) errors.push(dutchError('status'));
  const review = isReviewChoice(givenReview) ? givenReview : 'no';
  const status = isStatusChoice(givenStatus) ? givenStatus : 'live';
  const filters = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'review' && key !== 'status'));
  const parsed = workQueueQuerySchema.safeParse({ ...filters, ...reviewFilters(review), ...(status === 'all' ? {} : { status }) });
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => dutchError(String(i.path[0] ?? ''), i.code === 'custom')));
  if (errors.length > 0 || !parsed.success) return { ok: false, params, review, status, errors };
  return { ok: true, request: { params, review, status, searching, filters: parsed.data.filters, page: parsed.data.page } };
}

/** The page's URL for these parameters (empty ones left out), e.g. the next page's link. */
export function queueUrl(params: QueueParams): string {
  const search = new URLSearchParams();
  for (const key of QUEUE_PARAMS) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `/werkvoorraad?${text}` : '/werkvoorraad';
}

/** Whether anything narrows the queue beyond its defaults (for the empty state's wording). */
export function narrowsDefaults(request: Pick<QueueRequest, 'params' | 'searching'>): boolean {
  const narrowing = Object.keys(request.params).filter((key) => key !== 'review' && key !== 'status' && key !== 'cursor');
  return request.searching || narrowing.length > 0 || (request.params.review ?? 'no') !== 'no' || (request.params.status ?? 'live') !== 'live';
}
