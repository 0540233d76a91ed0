import { notifications } from '@mantine/notifications';
import type { UserSummary } from '../../../../shared/api';
import { callApi, type ApiInput } from '../../api/queries';
import { exportFileName, toCsv, type CsvColumn } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { formatNumber } from '../../lib/format';
import { userIdCsvColumns, type UserColumn } from './user-columns';

/** A browser tab holding more than this many rows as one CSV string gets slow; say so instead. */
export const MAX_EXPORT_ROWS = 250_000;

/**
 * Exports exactly the current view (same filters, same order, visible columns plus ids) by
 * walking the keyset pages, then saves it as CSV.
 */
export async function exportUsersCsv(
  query: Omit<NonNullable<ApiInput<'listUsers'>>, 'cursor' | 'limit'>,
  columns: UserColumn[],
): Promise<number> {
  const id = `export-users-${Date.now()}`;
  notifications.show({ id, loading: true, title: 'Exporting users…', message: 'Reading the cache', autoClose: false });
  try {
    const rows: UserSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof callApi<'listUsers'>>> = await callApi('listUsers', {
        ...query,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.items);
      cursor = page.nextCursor;
      notifications.update({ id, message: `${formatNumber(rows.length)} rows read` });
    } while (cursor && rows.length < MAX_EXPORT_ROWS);
    const csvColumns: CsvColumn<UserSummary>[] = [
      ...columns.map((c) => ({ header: c.label, value: c.csv })),
      ...userIdCsvColumns,
    ];
    downloadText(exportFileName('users'), toCsv(rows, csvColumns), 'text/csv');
    notifications.update({
      id,
      loading: false,
      autoClose: 4000,
      color: cursor ? 'yellow' : 'teal',
      title: cursor ? 'Export truncated' : 'Export ready',
      message: cursor
        ? `The first ${formatNumber(rows.length)} rows were saved. Narrow the filters to export the rest.`
        : `${formatNumber(rows.length)} users saved as CSV.`,
    });
    return rows.length;
  } catch (e) {
    notifications.update({
      id,
      loading: false,
      autoClose: 6000,
      color: 'red',
      title: 'Export failed',
      message: e instanceof Error ? e.message : 'Unknown error',
    });
    throw e;
  }
}
