/**
 * Register import: reads a municipal permit register (CSV in UTF-8 or Windows-1252 with `,` or `;`,
 * or XLSX), maps its columns and validates every row. Storing it is the store's job
 * (`importRegisterVersion`); assessing ads against it the classifier's (`assessLicence`).
 */
export { REGISTER_COLUMNS, REQUIRED_COLUMNS, ColumnMappingSchema, headerKey, resolveColumns, type ColumnMapping, type RegisterColumn } from './columns.js';
export { normalizePhone, parseRegisterDate, parseRegisterPhones } from './cell-parsers.js';
export { decodeText } from './decode-text.js';
export { detectDelimiter, readCsv } from './read-csv.js';
export { readXlsx } from './read-xlsx.js';
export { readRegisterTable } from './read-table.js';
export { parseRegister, type ParsedRegister, type ParseRegisterOptions, type RegisterRowPermit } from './parse-register.js';
export { formatRegisterError, loadColumnMapping, loadRegisterFile, type LoadedRegister } from './load-register-file.js';
export { RegisterFileError, type RegisterRowError, type RegisterTable, type TableRow } from './register-table.js';
