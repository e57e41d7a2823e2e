import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ColumnMappingSchema, type ColumnMapping } from './columns.js';
import { parseRegister, type ParseRegisterOptions, type ParsedRegister } from './parse-register.js';
import { RegisterFileError, type RegisterRowError } from './register-table.js';

export interface LoadedRegister extends ParsedRegister {
  /** The file's name (no directories): what the register version records. */
  fileName: string;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
}

/**
 * Reads a register file and, when given, a column mapping file, then validates every row.
 * @example const loaded = await loadRegisterFile('config/register-example.csv', { gazetteer: loadGazetteer() });
 */
export async function loadRegisterFile(
  path: string,
  options: Omit<ParseRegisterOptions, 'mapping'> & { columnsFile?: string | undefined },
): Promise<LoadedRegister> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new RegisterFileError(`cannot read ${path}: ${error.code ?? error.message}`);
  });
  const mapping = options.columnsFile ? await loadColumnMapping(options.columnsFile) : undefined;
  const parsed = await parseRegister(bytes, basename(path), { ...options, mapping });
  return { ...parsed, fileName: basename(path), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads a column mapping JSON file (`{"Vergunning nr.": "vergunningnummer", …}`). */
export async function loadColumnMapping(path: string): Promise<ColumnMapping> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new RegisterFileError(`column mapping ${path}: ${(error as Error).message}`);
  }
  const parsed = ColumnMappingSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
  throw new RegisterFileError(`column mapping ${path}: ${problems}`);
}

/** One line per error, as `zicht register import` prints them: `row 5, telefoonnummers: … ("06-123")`. */
export function formatRegisterError(error: RegisterRowError): string {
  const where = error.column ? `row ${error.row}, ${error.column}` : `row ${error.row}`;
  return `${where}: ${error.reason}${error.value !== undefined ? ` (${JSON.stringify(error.value)})` : ''}`;
}
