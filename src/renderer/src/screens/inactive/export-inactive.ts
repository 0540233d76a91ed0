import type { InactiveUser } from '../../../../shared/api';
import { callApi, type ApiInput } from '../../api/queries';
import type { CsvColumn } from '../../lib/csv';
import { exportPagesAsCsv } from '../../lib/export-pages';
import { daysSince } from './days';

export const inactiveCsvColumns: CsvColumn<InactiveUser>[] = [
  { header: 'name', value: (u) => u.displayName },
  { header: 'email', value: (u) => u.email },
  { header: 'directory', value: (u) => u.directoryName },
  { header: 'status', value: (u) => u.status },
  { header: 'inactive_since', value: (u) => u.inactiveSince },
  { header: 'inactive_since_estimated', value: (u) => !u.inactiveSinceObserved },
  { header: 'days_inactive', value: (u) => daysSince(u.inactiveSince) },
  { header: 'deleted_by_workos_at', value: (u) => u.deletedAt },
  { header: 'groups_still_held', value: (u) => u.groups.join('; ') },
  { header: 'user_id', value: (u) => u.id },
  { header: 'directory_id', value: (u) => u.directoryId },
];

/** Exports every page of the current audit view as CSV for the auditor. */
export function exportInactiveCsv(
  query: Omit<NonNullable<ApiInput<'listInactiveUsers'>>, 'cursor' | 'limit'>,
): Promise<void> {
  return exportPagesAsCsv({
    what: 'inactive-users',
    title: 'Exporting the audit…',
    noun: 'users',
    columns: inactiveCsvColumns,
    fetchPage: (cursor) => callApi('listInactiveUsers', { ...query, limit: 1000, ...(cursor ? { cursor } : {}) }),
  });
}
