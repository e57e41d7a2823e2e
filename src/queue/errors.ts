import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/**
 * Few error kinds, each a retry behaviour (STYLE.md):
 * - permanent (bad payload, unknown site): BullMQ's UnrecoverableError, no retry;
 * - anything else is transient (timeout, 5xx, database or Redis away): retried with backoff.
 */
export function permanent(message: string): UnrecoverableError {
  return new UnrecoverableError(message);
}

/** Parses a job payload or fails the job for good: a malformed payload never gets better. */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw permanent(`invalid ${what} payload: ${details}`);
  }
  return parsed.data;
}
