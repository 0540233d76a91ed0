/** Output for the cache CLI commands: aligned tables, CSV safe to open in a spreadsheet, JSON. */
import { terminalText } from '../cli/terminal-text.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
}

function cell(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

/** Quotes when needed and defuses formulas (=, +, -, @) so a spreadsheet never runs them. */
export function csvField(value: string | number | boolean | null): string {
  let text = cell(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatRows<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  format: OutputFormat,
  toJson: (row: T) => unknown,
): string {
  if (format === 'json') return `${JSON.stringify(rows.map(toJson), null, 2)}\n`;
  if (format === 'csv') {
    const lines = [columns.map((c) => csvField(c.header)).join(',')];
    for (const r of rows) lines.push(columns.map((c) => csvField(c.value(r))).join(','));
    return `${lines.join('\n')}\n`;
  }
  const table = [
    columns.map((c) => c.header),
    ...rows.map((r) => columns.map((c) => terminalText(cell(c.value(r))).replace(/\s+/g, ' '))),
  ];
  const widths = columns.map((_, i) => Math.min(48, Math.max(...table.map((line) => line[i]!.length))));
  const fit = (text: string, w: number): string => (text.length > w ? `${text.slice(0, w - 1)}…` : text.padEnd(w));
  return `${table
    .map((line) =>
      line
        .map((t, i) => fit(t, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** A one-line progress bar for a terminal (rewritten in place with \r). */
export function progressLine(p: {
  phase: string;
  directoryId: string | null;
  items: number;
  totalItems: number | null;
  pages: number;
  rateLimitWaitMs: number;
  etaMs: number | null;
}): string {
  const width = 24;
  const ratio = p.totalItems ? Math.min(1, p.items / p.totalItems) : 0;
  const bar = p.totalItems
    ? `[${'#'.repeat(Math.round(ratio * width)).padEnd(width, '.')}] ${Math.round(ratio * 100)}% `
    : '';
  const eta = p.etaMs !== null ? ` eta ${Math.ceil(p.etaMs / 1000)}s` : '';
  const wait = p.rateLimitWaitMs > 0 ? ` rate-limit wait ${(p.rateLimitWaitMs / 1000).toFixed(1)}s` : '';
  return `${bar}${p.phase} ${p.items} items, ${p.pages} pages${wait}${eta}`;
}
