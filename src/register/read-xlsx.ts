import ExcelJS from 'exceljs';
import { RegisterFileError, type RegisterTable, type TableRow } from './register-table.js';

/**
 * Reads the first worksheet of an XLSX workbook: the first non-empty row is the header. Cells
 * become text as a clerk would type them: dates `YYYY-MM-DD`, numbers in plain notation, links
 * and rich text as their text, formulas as their result.
 */
export async function readXlsx(bytes: Uint8Array): Promise<RegisterTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new RegisterFileError(`not a readable XLSX file: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RegisterFileError('the workbook has no worksheet');
  const rows: TableRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ rowNumber, cells });
  });
  const [header, ...data] = rows;
  if (!header) throw new RegisterFileError(`worksheet "${sheet.name}" is empty: expected a header row`);
  return { format: 'xlsx', header: header.cells, rows: data, sheet: sheet.name };
}

/** The text of one cell value. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  if ('result' in value) return cellText(value.result);
  return '';
}
