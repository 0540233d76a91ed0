import type { UserSummary } from '../../../../shared/api';
import { callApi, type ApiInput } from '../../api/queries';
import type { CsvColumn } from '../../lib/csv';
import { exportPagesAsCsv } from '../../lib/export-pages';
import { userIdCsvColumns, type UserColumn } from './user-columns';

/** Exports exactly the current view (same filters, same order, visible columns plus ids) as CSV. */
export function exportUsersCsv(
  query: Omit<NonNullable<ApiInput<'listUsers'>>, 'cursor' | 'limit'>,
  columns: UserColumn[],
): Promise<void> {
  const csvColumns: CsvColumn<UserSummary>[] = [
    ...columns.map((c) => ({ header: c.label, value: c.csv })),
    ...userIdCsvColumns,
  ];
  return exportPagesAsCsv({
    what: 'users',
    title: 'Exporting users…',
    noun: 'users',
    columns: csvColumns,
    fetchPage: (cursor) => callApi('listUsers', { ...query, limit: 1000, ...(cursor ? { cursor } : {}) }),
  });
}
