/** A register file as a grid of strings: what the CSV and XLSX readers produce. */
export interface RegisterTable {
  format: 'csv' | 'xlsx';
  /** The header row's cells, as written. */
  header: string[];
  /** Data rows; empty rows are left out. */
  rows: TableRow[];
  /** CSV only. */
  encoding?: 'utf-8' | 'windows-1252';
  /** CSV only. */
  delimiter?: string;
  /** XLSX only: the worksheet read. */
  sheet?: string;
}

export interface TableRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  cells: string[];
}

/** One problem with a register file; `row` 1 is the header, `column` null when the whole row is concerned. */
export interface RegisterRowError {
  row: number;
  column: string | null;
  reason: string;
  /** The offending cell, when there is one. */
  value?: string;
}

/** A problem with the file as a whole (unreadable, no header, no worksheet). */
export class RegisterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterFileError';
  }
}
