import type { UserSummary } from '../../../../shared/api';
import { callApi, type ApiInput } from '../../api/queries';
import type { CsvColumn } from '../../lib/csv';
import { exportPagesAsCsv } from '../../lib/export-pages';
import { USER_CSV_COLUMNS, USER_CSV_NAME_OF_SCREEN_COLUMN } from '../../../../shared/user-csv-columns';
import type { UserColumn } from './user-columns';

/** Exports exactly the current view (same filters, same order, visible columns plus ids) as CSV. */
export function exportUsersCsv(
  query: Omit<NonNullable<ApiInput<'listUsers'>>, 'cursor' | 'limit'>,
  columns: UserColumn[],
): Promise<void> {
  // The same names and values as `dsync-console users --format csv`; ids always come along.
  const names = columns.flatMap((c) => USER_CSV_NAME_OF_SCREEN_COLUMN[c.id] ?? []);
  const csvColumns: CsvColumn<UserSummary>[] = [...names, 'id' as const, 'directory_id' as const].map(
    (n) => USER_CSV_COLUMNS[n],
  );
  return exportPagesAsCsv({
    what: 'users',
    title: 'Exporting users…',
    noun: 'users',
    columns: csvColumns,
    fetchPage: (cursor) => callApi('listUsers', { ...query, limit: 1000, ...(cursor ? { cursor } : {}) }),
  });
}
