/**
 * CSV for audit exports (RFC 4180 quoting). Cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) get a leading apostrophe, so an attacker-controlled
 * name in a directory cannot execute in the auditor's spreadsheet.
 */
export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | boolean | null | undefined;
}

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `users-2026-11-23.csv` */
export function exportFileName(what: string): string {
  return `${what}-${new Date().toISOString().slice(0, 10)}.csv`;
}
