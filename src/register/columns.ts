import { z } from 'zod';
import type { RegisterRowError } from './register-table.js';

/** The canonical register columns (issue 4), in the order of the example register. */
export const REGISTER_COLUMNS = [
  'vergunningnummer',
  'naam',
  'soort',
  'adres',
  'postcode',
  'plaats',
  'gemeente',
  'telefoonnummers',
  'website',
  'geldig_van',
  'geldig_tot',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

/** Columns a file must have; the others may be left out. `gemeente` may be left out with `--municipality`. */
export const REQUIRED_COLUMNS: readonly RegisterColumn[] = ['vergunningnummer', 'naam', 'soort', 'gemeente', 'geldig_van', 'geldig_tot'];

/** Header spellings understood without a mapping file (compared as `headerKey`s). */
const ALIASES: Readonly<Record<string, RegisterColumn>> = {
  vergunningsnummer: 'vergunningnummer',
  vergunningnr: 'vergunningnummer',
  vergunning: 'vergunningnummer',
  telefoonnummer: 'telefoonnummers',
  telefoon: 'telefoonnummers',
  geldigvanaf: 'geldig_van',
  geldigtotenmet: 'geldig_tot',
};

/** A column mapping file: header as written in the file → canonical column. */
export const ColumnMappingSchema = z.record(z.string().min(1), z.enum(REGISTER_COLUMNS));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export interface ResolvedColumns {
  /** Canonical column → index in the row's cells. */
  index: Map<RegisterColumn, number>;
  /** Header cells that map to no column (ignored, reported as a note). */
  ignored: string[];
  errors: RegisterRowError[];
}

/** Compares headers ignoring case, accents, spaces and punctuation: `Geldig van`, `GELDIG_VAN`, `geldig-van`. */
export function headerKey(header: string): string {
  return header.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Finds each canonical column in the header row: through the mapping first, then by its own name
 * or a known alias. A required column that is missing, or a column found twice, is an error of row 1.
 */
export function resolveColumns(header: readonly string[], mapping: ColumnMapping = {}, optional: readonly RegisterColumn[] = []): ResolvedColumns {
  const mapped = new Map(Object.entries(mapping).map(([from, to]) => [headerKey(from), to]));
  const own = new Map<string, RegisterColumn>([...REGISTER_COLUMNS.map((c) => [headerKey(c), c] as const), ...Object.entries(ALIASES)]);
  const index = new Map<RegisterColumn, number>();
  const ignored: string[] = [];
  const errors: RegisterRowError[] = [];
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    const column = mapped.get(key) ?? own.get(key);
    if (!column) {
      if (key !== '') ignored.push(cell);
      return;
    }
    const first = index.get(column);
    if (first !== undefined) errors.push({ row: 1, column, value: cell, reason: `column found twice (also "${header[first]}")` });
    else index.set(column, i);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!index.has(column) && !optional.includes(column)) errors.push({ row: 1, column, reason: 'required column missing from the header row' });
  }
  return { index, ignored, errors };
}
