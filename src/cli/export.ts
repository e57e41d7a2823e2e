import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import {
  auditExport,
  EXPORT_FORMATS,
  ExportRequestError,
  exportMovements,
  exportTrends,
  parseDimensions,
  parsePeriod,
  renderExport,
  type ExportFormat,
  type ExportTable,
  type MovementLevel,
} from '../export/index.js';
import type { Db } from '../store/index.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';

interface CommonOptions {
  from: string;
  to: string;
  format: string;
  out?: string | undefined;
}

export interface TrendsCommandOptions extends CommonOptions {
  by: string;
}

export interface MovementsCommandOptions extends CommonOptions {
  level: string;
  byWeek?: boolean | undefined;
}

/** `zicht export trends`: counts per week, municipality, district, licence, indicator or site. */
export async function exportTrendsCommand(options: TrendsCommandOptions): Promise<void> {
  let by;
  try {
    by = parseDimensions(options.by);
  } catch (error) {
    return fail((error as Error).message);
  }
  await runExport(options, (db, exportKey) => exportTrends(db, { from: options.from, to: options.to, by, exportKey }));
}

/** `zicht export movements`: numbers seen in one municipality (district) one week and another the next. */
export async function exportMovementsCommand(options: MovementsCommandOptions): Promise<void> {
  if (options.level !== 'municipality' && options.level !== 'district') {
    return fail(`--level must be municipality or district, got "${options.level}"`);
  }
  const level: MovementLevel = options.level;
  await runExport(options, (db, exportKey) => exportMovements(db, { from: options.from, to: options.to, level, byWeek: Boolean(options.byWeek), exportKey }));
}

/**
 * Builds the table, writes it (file or stdout), then records the export in the audit log as
 * `cli:<os user>`. A bad request exits 2 with the reason and writes nothing.
 */
async function runExport(options: CommonOptions, build: (db: Db, exportKey: string | undefined) => Promise<ExportTable>): Promise<void> {
  const format = options.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) return fail(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${options.format}"`);
  if (format === 'xlsx' && !options.out && process.stdout.isTTY) return fail('an XLSX file is binary: give --out FILE or redirect stdout');
  try {
    parsePeriod(options);
  } catch (error) {
    if (error instanceof ExportRequestError) return fail(error.message);
    throw error;
  }
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    const table = await build(db, settings.exportKey);
    const bytes = await renderExport(table, format);
    if (options.out) await writeFile(options.out, bytes);
    else await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
    await auditExport(db, { userId: null, username: `cli:${userInfo().username}` }, table, format, options.out);
    console.error(
      `${table.kind}: ${table.rows.length} rows${options.out ? ` written to ${options.out}` : ''} ` +
        `(suppressed cells: ${table.suppressed.primary} below 5, ${table.suppressed.secondary} secondary)`,
    );
  } catch (error) {
    if (error instanceof ExportRequestError) return fail(error.message);
    throw error;
  } finally {
    await db.close();
  }
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 2;
}
