import { Log, Logger, LogLevel, log as crawleeGlobalLog } from '@crawlee/core';
import type { Logger as PinoLogger } from '../log.js';

/**
 * Forwards crawlee's own warnings and errors to our pino logger at `debug`: crawlee narrates every
 * retry, and our crawler already reports what matters (failed URLs, progress) with fixed messages.
 */
class PinoForwarder extends Logger {
  constructor(private readonly target: PinoLogger) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: unknown, exception?: unknown): void {
    const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    this.target.debug({ crawleeLevel: LogLevel[level], crawleeMessage: message, ...fields, err: exception }, 'crawlee log');
  }
}

/** A crawlee `Log` for one crawler that writes through `logger` (which carries the `site` field). */
export function crawleeLogFor(logger: PinoLogger): Log {
  return new Log({ level: LogLevel.WARNING, logger: new PinoForwarder(logger) });
}

/**
 * Silences crawlee's process-wide default log (used by parts we do not configure per crawler, such as
 * the storage client), so stderr carries only our JSON lines.
 */
export function quietCrawleeGlobalLog(): void {
  crawleeGlobalLog.setLevel(LogLevel.OFF);
}
