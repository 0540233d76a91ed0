import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { SyncRun } from '../../../../shared/api';
import { useApiQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatDateTime, formatDuration, formatNumber } from '../../lib/format';

const statusColor: Record<SyncRun['status'], string> = {
  running: 'blue',
  succeeded: 'teal',
  partial: 'yellow',
  failed: 'red',
  cancelled: 'gray',
};

/** Sync runs of the profile (a run covers every directory), newest first, with their figures. */
export function SyncRunsTab({ profileId }: { profileId: string }) {
  const runs = useApiQuery('listSyncRuns', { profileId, limit: 50 });
  return (
    <QueryState
      query={runs}
      rows={4}
      empty={<EmptyView icon={<IconRefresh size={22} />} title="No sync has run yet" />}
    >
      {(list) => <RunsTable runs={list} />}
    </QueryState>
  );
}

function RunsTable({ runs }: { runs: SyncRun[] }) {
  return (
    <Table data-testid="sync-runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Started</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Result</Table.Th>
          <Table.Th ta="right">Duration</Table.Th>
          <Table.Th ta="right">Requests</Table.Th>
          <Table.Th ta="right">Rate-limit wait</Table.Th>
          <Table.Th ta="right">Retries</Table.Th>
          <Table.Th ta="right">Changes</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td className="tabular">{formatDateTime(r.startedAt)}</Table.Td>
            <Table.Td>{r.kind}</Table.Td>
            <Table.Td>
              <Tooltip label={r.error ?? r.reason ?? ''} disabled={!r.error && !r.reason} multiline w={320}>
                <Badge color={statusColor[r.status]} size="sm">
                  {r.status}
                </Badge>
              </Tooltip>
              {r.error && (
                <Text size="xs" c="red" lineClamp={1}>
                  {r.error}
                </Text>
              )}
              {r.warnings.map((w) => (
                <Text key={w} size="xs" c="yellow.8" data-testid="sync-run-warning">
                  ⚠ {w}
                </Text>
              ))}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {r.finishedAt ? formatDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt)) : '…'}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {formatNumber(r.requests)}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {r.rateLimitWaitMs ? formatDuration(r.rateLimitWaitMs) : '—'}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {formatNumber(r.retries)}
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {formatNumber(r.changes)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
