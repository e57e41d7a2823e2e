import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import type { RegisterTable } from './register-table.js';

/** XLSX is a ZIP file: `PK\x03\x04`. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads a register file as a table: XLSX by its content (a ZIP) or its `.xlsx` name, else CSV.
 * @example const table = await readRegisterTable(await readFile('register.csv'), 'register.csv');
 */
export async function readRegisterTable(bytes: Uint8Array, fileName = ''): Promise<RegisterTable> {
  return isZip(bytes) || /\.xlsx$/i.test(fileName) ? readXlsx(bytes) : readCsv(bytes);
}
