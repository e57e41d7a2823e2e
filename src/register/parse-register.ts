import { permitKey } from '../classifier/licence/index.js';
import type { Permit } from '../domain/licence.js';
import { municipalityByName, type Gazetteer, type MunicipalityInfo } from '../extract/index.js';
import { parseRegisterDate } from './cell-parsers.js';
import { resolveColumns, REGISTER_COLUMNS, type ColumnMapping, type ResolvedColumns } from './columns.js';
import { readRegisterTable } from './read-table.js';
import { RegisterFileError, type RegisterRowError, type RegisterTable } from './register-table.js';
import { permitRowSchema, type RowContext } from './row-schema.js';

export interface ParseRegisterOptions {
  gazetteer: Gazetteer;
  /** Header → canonical column, for files with other headers (`--columns`). */
  mapping?: ColumnMapping | undefined;
  /** The municipality the file is the whole register of (`--municipality`); by name or GM code. */
  municipality?: string | undefined;
}

/** A permit with the spreadsheet row it came from. */
export type RegisterRowPermit = Permit & { rowNumber: number };

export interface ParsedRegister {
  table: Omit<RegisterTable, 'rows' | 'header'>;
  permits: RegisterRowPermit[];
  /** Every problem of every row; any error means nothing may be imported. */
  errors: RegisterRowError[];
  /** The municipalities whose permits this file replaces. */
  scope: MunicipalityInfo[];
  /** True when the scope was given (`--municipality`), false when taken from the rows. */
  explicitScope: boolean;
  ignoredColumns: string[];
}

/**
 * Reads and validates a register file (CSV or XLSX) completely: every row is checked and every
 * error collected (row number as the spreadsheet shows it, column, reason). Pure apart from
 * parsing bytes; the caller decides what to do with the errors.
 */
export async function parseRegister(bytes: Uint8Array, fileName: string, options: ParseRegisterOptions): Promise<ParsedRegister> {
  const scope = options.municipality === undefined ? null : scopeOf(options.municipality, options.gazetteer);
  const { rows, header, ...table } = await readRegisterTable(bytes, fileName);
  const columns = resolveColumns(header, options.mapping, scope ? ['gemeente'] : []);
  const result: ParsedRegister = { table, permits: [], errors: [...columns.errors], scope: scope ? [scope] : [], explicitScope: scope !== null, ignoredColumns: columns.ignored };
  if (columns.errors.length > 0) return result;
  const schema = permitRowSchema({ gazetteer: options.gazetteer, scope } satisfies RowContext);
  for (const row of rows) {
    const cells = cellsOf(row.cells, columns);
    const parsed = schema.safeParse(cells);
    const issues = [...(parsed.success ? [] : parsed.error.issues), ...dateOrder(cells)];
    if (parsed.success && issues.length === 0) result.permits.push({ ...parsed.data, rowNumber: row.rowNumber });
    for (const issue of issues) result.errors.push(toError(row.rowNumber, row.cells, columns, issue));
  }
  result.errors.push(...duplicates(result.permits));
  if (!scope) result.scope = municipalitiesOf(result.permits, options.gazetteer);
  if (!scope && rows.length === 0) result.errors.push({ row: 1, column: null, reason: 'no permits in the file (to empty one municipality\'s register, use --municipality)' });
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}

function scopeOf(name: string, gazetteer: Gazetteer): MunicipalityInfo {
  const found = municipalityByName(name, gazetteer);
  if (found.length !== 1) throw new RegisterFileError(`--municipality "${name}": ${found.length === 0 ? 'no such municipality' : `ambiguous (${found.map((m) => m.name).join(', ')})`}`);
  return found[0]!;
}

function cellsOf(cells: readonly string[], columns: ResolvedColumns): Record<string, string> {
  return Object.fromEntries(REGISTER_COLUMNS.map((c) => [c, cells[columns.index.get(c) ?? -1] ?? '']));
}

/** geldig_tot before geldig_van; checked apart from the schema so it is reported next to other errors of the row. */
function dateOrder(cells: Record<string, string>): Array<{ path: PropertyKey[]; message: string }> {
  const from = parseRegisterDate((cells.geldig_van ?? '').trim());
  const to = parseRegisterDate((cells.geldig_tot ?? '').trim());
  return from.ok && to.ok && to.value < from.value ? [{ path: ['geldig_tot'], message: `before geldig_van (${from.value})` }] : [];
}

function toError(row: number, cells: readonly string[], columns: ResolvedColumns, issue: { path: PropertyKey[]; message: string }): RegisterRowError {
  const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
  const index = column ? columns.index.get(column as (typeof REGISTER_COLUMNS)[number]) : undefined;
  const value = index === undefined ? undefined : cells[index];
  return { row, column, reason: issue.message, ...(value !== undefined && value.trim() !== '' ? { value } : {}) };
}

/** The same permit number twice for one municipality is a mistake; across municipalities it is allowed (and ambiguous). */
function duplicates(permits: readonly RegisterRowPermit[]): RegisterRowError[] {
  const seen = new Map<string, number>();
  const errors: RegisterRowError[] = [];
  for (const p of permits) {
    const key = `${p.municipalityCode}\u0000${permitKey(p.number)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, p.rowNumber);
    else errors.push({ row: p.rowNumber, column: 'vergunningnummer', value: p.number, reason: `same permit number as row ${first}` });
  }
  return errors;
}

function municipalitiesOf(permits: readonly Permit[], gazetteer: Gazetteer): MunicipalityInfo[] {
  const codes = [...new Set(permits.map((p) => p.municipalityCode))].sort();
  return codes.flatMap((code) => gazetteer.municipalities.get(code) ?? []);
}
