import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The root logger: JSON lines on stderr, so stdout stays free for command output
 * (`zicht analyze` writes its results there). Fixed messages, context in fields.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
