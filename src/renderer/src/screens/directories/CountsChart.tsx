import { AreaChart } from '@mantine/charts';
import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { callApi, useApiQuery } from '../../api/queries';
import { formatDate } from '../../lib/format';
import type { Change, DirectorySummary, SyncRun } from '../../../../shared/api';
import { QueryState } from '../../components/QueryState';
import { countsOverTime } from './counts-over-time';

const DAYS = 30;
const MAX_PAGES = 5;

/** Users and groups per day over the last 30 days, rebuilt from the local change log. */
export function CountsChart({ profileId, directory }: { profileId: string; directory: DirectorySummary }) {
  // Fixed when the chart mounts, so the query key is stable (new data arrives by invalidation).
  const [openedAt] = useState(() => Date.now());
  const since = new Date(openedAt - DAYS * 24 * 3600_000).toISOString();
  const history = useQuery({
    // Keyed under listChanges so table invalidation refreshes it with the other history views.
    queryKey: ['listChanges', { profileId, directoryId: directory.id, since }, 'counts'],
    queryFn: async () => {
      const changes: Change[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof callApi<'listChanges'>>> = await callApi('listChanges', {
          profileId,
          directoryId: directory.id,
          since,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        changes.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < MAX_PAGES);
      return { changes, partial: cursor !== null };
    },
  });
  // The log only knows what happened since the first sync; days before it are not plotted.
  const runs = useApiQuery('listSyncRuns', { profileId, limit: 500 });
  return (
    <QueryState query={history} rows={3} errorTitle="The chart could not be drawn">
      {(h) => (
        <QueryState query={runs} rows={3} errorTitle="The chart could not be drawn">
          {(list) => <Chart directory={directory} openedAt={openedAt} history={h} runs={list} />}
        </QueryState>
      )}
    </QueryState>
  );
}

function Chart({
  directory,
  openedAt,
  history,
  runs,
}: {
  directory: DirectorySummary;
  openedAt: number;
  history: { changes: Change[]; partial: boolean };
  runs: SyncRun[];
}) {
  const firstRun = runs.at(-1);
  const historyStart = firstRun ? firstRun.startedAt.slice(0, 10) : null;
  const data = countsOverTime({ users: directory.users, groups: directory.groups, at: openedAt }, history.changes, DAYS)
    .filter((d) => !historyStart || d.day >= historyStart)
    .map((d) => ({ ...d, day: d.day.slice(5) }));
  return (
    <div data-testid="counts-chart">
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          Users and groups, last {DAYS} days
        </Text>
        <Text size="xs" c="dimmed">
          {history.partial
            ? 'Partial: only the most recent changes were read'
            : `From the local change log${historyStart ? `, which starts ${formatDate(historyStart)}` : ''}`}
        </Text>
      </Group>
      <AreaChart
        h={180}
        data={data}
        dataKey="day"
        series={[
          { name: 'users', label: 'Users', color: 'indigo.6' },
          { name: 'groups', label: 'Groups', color: 'teal.6' },
        ]}
        curveType="monotone"
        withDots={false}
        withLegend
        gridAxis="y"
        fillOpacity={0.15}
        tickLine="none"
      />
    </div>
  );
}
