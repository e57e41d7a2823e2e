import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SUPPRESSION_THRESHOLD, type ExportTable } from './trend-model.js';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What an export file says about itself (JSON top level, the XLSX `info` sheet). */
function aboutRows(table: ExportTable, generatedAt: Date): Array<[string, string | number]> {
  return [
    ['export', table.kind],
    ['from', table.from],
    ['to', table.to],
    ['by', table.by.join(',')],
    ['generated_at', generatedAt.toISOString()],
    ['suppression_threshold', SUPPRESSION_THRESHOLD],
    ['suppressed_primary', table.suppressed.primary],
    ['suppressed_secondary', table.suppressed.secondary],
    ['note_nl', `Aantallen 1 t/m ${SUPPRESSION_THRESHOLD - 1} zijn weggelaten (<5); "secondary": weggelaten zodat een weggelaten cel niet uit een totaal terug te rekenen is. Zie docs/data-dictionary.md.`],
    ['note_en', `Counts 1 to ${SUPPRESSION_THRESHOLD - 1} are withheld (<5); "secondary": withheld so a withheld cell cannot be recomputed from a total. See docs/data-dictionary.md.`],
  ];
}

/**
 * The table as a file: CSV (comma separated, UTF-8, header row; a suppressed count is an empty
 * field), JSON (`{export, from, to, by, generated_at, …, columns, rows}`, suppressed = null) or
 * XLSX (sheet named after the export, plus an `info` sheet with the period and suppression).
 */
export async function renderExport(table: ExportTable, format: ExportFormat, generatedAt = new Date()): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Buffer.from(renderCsv(table), 'utf8');
    case 'json':
      return Buffer.from(`${JSON.stringify(renderJson(table, generatedAt), null, 2)}\n`, 'utf8');
    case 'xlsx':
      return renderXlsx(table, generatedAt);
  }
}

function renderCsv(table: ExportTable): string {
  const columns = table.columns.map((c) => c.name);
  return stringify(table.rows.map((row) => columns.map((c) => row[c] ?? '')), { header: true, columns });
}

function renderJson(table: ExportTable, generatedAt: Date): Record<string, unknown> {
  return {
    ...Object.fromEntries(aboutRows(table, generatedAt)),
    columns: table.columns,
    rows: table.rows,
  };
}

async function renderXlsx(table: ExportTable, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet(table.kind);
  sheet.columns = table.columns.map((c) => ({ header: c.name, key: c.name, width: Math.max(12, c.name.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) {
    // A suppressed count is an empty cell, as in the CSV: never a 0 a formula would add up.
    sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.name, row[c.name] ?? undefined])));
  }
  const info = workbook.addWorksheet('info');
  info.columns = [{ header: 'key', key: 'key', width: 24 }, { header: 'value', key: 'value', width: 120 }];
  for (const [key, value] of aboutRows(table, generatedAt)) info.addRow({ key, value });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
