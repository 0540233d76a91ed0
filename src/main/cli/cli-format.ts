/**
 * Output for the cache CLI commands: aligned tables, CSV (the shared module, the same as the
 * UI's exports), JSON. Every table cell goes through tableText(), the one place where text
 * from the cache is made fit for a terminal.
 */
import { oneLine } from './args.ts';
import { toCsv, type CsvColumn, type CsvValue } from '../../shared/csv.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

export interface Column<T> {
  header: string;
  value: (row: T) => CsvValue;
  /** Never shortened (ids): the other columns give up room first. */
  keep?: boolean;
  /** A shortened column keeps at least this many characters (default 8). */
  min?: number;
  /** What the table shows, when shorter than the CSV/JSON value (e.g. a date for a time). */
  tableValue?: (row: T) => CsvValue;
}

/** The width a table fits in: the terminal's when stdout is one, else 120 columns. */
export function outputWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : 120;
}

/**
 * One cell's text on one line, safe for a terminal: whitespace runs become one space and other
 * control characters are escaped (cached text comes from WorkOS and is not trusted).
 */
export function tableText(value: CsvValue): string {
  return value === null || value === undefined ? '' : oneLine(String(value)).replace(/\s+/g, ' ');
}

function fit(text: string, width: number, keep: boolean): string {
  if (keep || [...text].length <= width) return text + ' '.repeat(Math.max(0, width - [...text].length));
  return `${[...text].slice(0, Math.max(1, width - 1)).join('')}…`;
}

/**
 * A table line: cells under the columns, or free text starting under column `from`, cut with
 * "…" where it would pass the width, or with `wrap` continued on further lines (ids inside it
 * are then never lost).
 */
export type TableLine = { cells: string[] } | { from: number; text: string; wrap?: boolean };

/** Breaks text at spaces into lines of at most `width` characters (a longer word is split). */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = [...word];
    while (w.length > 0) {
      const room = line === '' ? width : width - [...line].length - 1;
      if (w.length <= room) {
        line = line === '' ? w.join('') : `${line} ${w.join('')}`;
        w = [];
      } else if (line !== '') {
        out.push(line);
        line = '';
      } else {
        out.push(w.slice(0, width).join(''));
        w = w.slice(width);
      }
    }
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

/**
 * Lays lines out under the headers in at most `width` characters: columns marked `keep` are
 * never cut; the others shrink (widest first, down to their `min`) and cut with "…".
 */
export function layoutTable(
  columns: readonly Pick<Column<unknown>, 'header' | 'keep' | 'min'>[],
  lines: readonly TableLine[],
  width = outputWidth(),
): string {
  const natural = columns.map((c, i) =>
    Math.max(c.header.length, ...lines.map((l) => ('cells' in l ? [...(l.cells[i] ?? '')].length : 0))),
  );
  const widths = natural.map((w, i) => (columns[i]!.keep ? w : Math.min(w, 48)));
  const total = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++)
      if (!columns[i]!.keep && widths[i]! > (columns[i]!.min ?? 8) && (widest < 0 || widths[i]! > widths[widest]!))
        widest = i;
    if (widest < 0) break;
    widths[widest]!--;
  }
  const offset = (from: number): number => widths.slice(0, from).reduce((a, b) => a + b + 2, 0);
  const render = (l: TableLine): string => {
    if ('cells' in l)
      return l.cells
        .map((t, i) => fit(t, widths[i]!, columns[i]!.keep === true))
        .join('  ')
        .trimEnd();
    const pad = offset(l.from);
    const room = Math.max(8, width - pad);
    const parts = l.wrap ? wrapText(l.text, room) : [fit(l.text, room, false).trimEnd()];
    return parts.map((p) => ' '.repeat(pad) + p).join('\n');
  };
  return `${[{ cells: columns.map((c) => c.header) }, ...lines].map(render).join('\n')}\n`;
}

export function formatRows<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  format: OutputFormat,
  toJson: (row: T) => unknown,
): string {
  if (format === 'json') return `${JSON.stringify(rows.map(toJson), null, 2)}\n`;
  if (format === 'csv') return toCsv(rows, columns as readonly CsvColumn<T>[]);
  return layoutTable(
    columns,
    rows.map((r) => ({ cells: columns.map((c) => tableText((c.tableValue ?? c.value)(r))) })),
  );
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
