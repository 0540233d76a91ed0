import { notifications } from '@mantine/notifications';
import type { InactiveUser } from '../../../../shared/api';
import { callApi, type ApiInput } from '../../api/queries';
import { exportFileName, toCsv, type CsvColumn } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { formatNumber } from '../../lib/format';
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

/** Walks every keyset page of the current audit view and saves it as CSV for the auditor. */
export async function exportInactiveCsv(
  query: Omit<NonNullable<ApiInput<'listInactiveUsers'>>, 'cursor' | 'limit'>,
): Promise<void> {
  const id = `export-inactive-${Date.now()}`;
  notifications.show({
    id,
    loading: true,
    title: 'Exporting the audit…',
    message: 'Reading the cache',
    autoClose: false,
  });
  try {
    const rows: InactiveUser[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof callApi<'listInactiveUsers'>>> = await callApi('listInactiveUsers', {
        ...query,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    downloadText(exportFileName('inactive-users'), toCsv(rows, inactiveCsvColumns), 'text/csv');
    notifications.update({
      id,
      loading: false,
      autoClose: 4000,
      color: 'teal',
      title: 'Export ready',
      message: `${formatNumber(rows.length)} users saved as CSV.`,
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
