/**
 * CSV for every export, the CLI's `--format csv` and the UI's downloads alike: RFC 4180
 * quoting, CRLF line ends, a header row of snake_case column names. Text cells a spreadsheet
 * would run as a formula (starting with = + - @, a tab or CR) get a leading apostrophe, so an
 * attacker-controlled name in a directory cannot execute in the auditor's spreadsheet; numbers
 * and booleans stay as they are. Pure: no Node, no DOM.
 */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value(row: T): CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;
export const CSV_LINE_END = '\r\n';

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',') + CSV_LINE_END;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  let out = csvLine(columns.map((c) => c.header));
  for (const row of rows) out += csvLine(columns.map((c) => c.value(row)));
  return out;
}

/** `users-2026-11-23.csv` */
export function exportFileName(what: string, now: Date = new Date()): string {
  return `${what}-${now.toISOString().slice(0, 10)}.csv`;
}
