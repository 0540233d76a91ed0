import { notifications } from '@mantine/notifications';
import { exportFileName, toCsv, type CsvColumn } from './csv';
import { downloadText } from './download';
import { formatNumber } from './format';

/** A browser tab holding more than this many rows as one CSV string gets slow; say so instead. */
export const MAX_EXPORT_ROWS = 250_000;

export interface PagedCsvExport<T> {
  /** File name stem (`users` → `users-2026-11-23.csv`). */
  what: string;
  /** Shown while the pages are read, e.g. "Exporting users…". */
  title: string;
  /** What a row is, for the final message ("users"). */
  noun: string;
  columns: readonly CsvColumn<T>[];
  /** One keyset page of the current view, after `cursor` (null: the first page). */
  fetchPage(cursor: string | null): Promise<{ items: T[]; nextCursor: string | null }>;
}

/**
 * Walks every keyset page of a view and saves it as CSV, reporting progress, a truncation at
 * MAX_EXPORT_ROWS, or the failure in one notification (it never throws).
 */
export async function exportPagesAsCsv<T>(spec: PagedCsvExport<T>): Promise<void> {
  const id = `export-${spec.what}-${Date.now()}`;
  notifications.show({ id, loading: true, title: spec.title, message: 'Reading the cache', autoClose: false });
  try {
    const rows: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; nextCursor: string | null } = await spec.fetchPage(cursor);
      rows.push(...page.items);
      cursor = page.nextCursor;
      notifications.update({ id, message: `${formatNumber(rows.length)} rows read` });
    } while (cursor && rows.length < MAX_EXPORT_ROWS);
    downloadText(exportFileName(spec.what), toCsv(rows, spec.columns), 'text/csv');
    notifications.update({
      id,
      loading: false,
      autoClose: 4000,
      color: cursor ? 'yellow' : 'teal',
      title: cursor ? 'Export truncated' : 'Export ready',
      message: cursor
        ? `The first ${formatNumber(rows.length)} rows were saved. Narrow the filters to export the rest.`
        : `${formatNumber(rows.length)} ${spec.noun} saved as CSV.`,
    });
  } catch (e) {
    notifications.update({
      id,
      loading: false,
      autoClose: 6000,
      color: 'red',
      title: 'Export failed',
      message: e instanceof Error ? e.message : 'Unknown error',
    });
  }
}
