import { z } from 'zod';
import { loadTrendEvents, type Db, type StoredTrendEvent } from '../store/index.js';
import { aggregateMovements, type MovementLevel } from './aggregate-movements.js';
import { aggregateTrends } from './aggregate-trends.js';
import { createPhoneHasher, type PhoneHasher } from './keyed-hash.js';
import { ExportRequestError, TREND_DIMENSIONS, type ExportTable, type TrendDimension, type TrendEvent } from './trend-model.js';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a calendar date');

const PeriodSchema = z
  .object({ from: LocalDate, to: LocalDate })
  .refine((p) => p.from <= p.to, { message: '--from must not be after --to', path: ['from'] });

const TrendRequestSchema = z.object({
  period: PeriodSchema,
  by: z.array(z.enum(TREND_DIMENSIONS)),
});

const MovementRequestSchema = z.object({
  period: PeriodSchema,
  level: z.enum(['municipality', 'district']),
  byWeek: z.boolean(),
});

export interface TrendRequest {
  from: string;
  to: string;
  by: readonly TrendDimension[];
  /** ZICHT_EXPORT_KEY; unset: a random key per export (see keyed-hash.ts). */
  exportKey?: string | undefined;
}

export interface MovementRequest {
  from: string;
  to: string;
  level: MovementLevel;
  byWeek: boolean;
  exportKey?: string | undefined;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ExportRequestError(result.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
}

/**
 * The trends table of a period, suppressed and free of personal data: the one function behind
 * `zicht export trends` and the analyst's table in the web app.
 *
 * @example
 * const table = await exportTrends(db, { from: '2025-01-01', to: '2025-03-31', by: ['week', 'district'] });
 */
export async function exportTrends(db: Db, request: TrendRequest): Promise<ExportTable> {
  const { period, by } = parse(TrendRequestSchema, { period: { from: request.from, to: request.to }, by: request.by });
  const events = await loadEvents(db, period, createPhoneHasher(request.exportKey));
  return aggregateTrends(events, { ...period, by });
}

/** Numbers moving between municipalities (or districts) from one week to the next, suppressed. */
export async function exportMovements(db: Db, request: MovementRequest): Promise<ExportTable> {
  const { period, level, byWeek } = parse(MovementRequestSchema, {
    period: { from: request.from, to: request.to },
    level: request.level,
    byWeek: request.byWeek,
  });
  const events = await loadEvents(db, period, createPhoneHasher(request.exportKey));
  return aggregateMovements(events, { ...period, level, byWeek });
}

/** Reads the events and replaces every phone number by its keyed hash before anything else sees it. */
export async function loadEvents(db: Db, period: { from: string; to: string }, hash: PhoneHasher): Promise<TrendEvent[]> {
  const stored = await loadTrendEvents(db, period);
  return stored.map(({ phones, ...event }: StoredTrendEvent) => ({ ...event, phoneKeys: phones.map(hash) }));
}

/** Validates a period (the web app's query string, the CLI's flags). */
export function parsePeriod(input: { from?: unknown; to?: unknown }): { from: string; to: string } {
  return parse(PeriodSchema, input);
}
