import { parse } from 'csv-parse/sync';
import { decodeText } from './decode-text.js';
import { RegisterFileError, type RegisterTable } from './register-table.js';

const DELIMITERS = [';', ',', '\t'] as const;

/**
 * Reads a register CSV: encoding detected (see `decodeText`), delimiter `;`, `,` or tab taken from
 * the header line (the one that occurs most outside quotes). Row numbers are record numbers, as a
 * spreadsheet shows them, also when a quoted cell spans lines.
 */
export function readCsv(bytes: Uint8Array): RegisterTable {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    throw new RegisterFileError(`not a readable CSV file: ${(error as Error).message}`);
  }
  const [header, ...rest] = records;
  if (!header || header.every((cell) => cell.trim() === '')) throw new RegisterFileError('the file is empty: expected a header row');
  const rows = rest
    .map((cells, i) => ({ rowNumber: i + 2, cells }))
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  return { format: 'csv', header, rows, encoding, delimiter };
}

/** The delimiter that occurs most often in the first line, outside double quotes; `,` on a tie. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > (counts.get(',') ?? 0) ? best[0] : ',';
}
