import { Anchor, Badge, Button, Card, Group, Select, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconUserCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApiPages, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { EmptyView, ErrorState, LoadingState } from '../../components/StateViews';
import { formatDate, formatDateTime, formatNumber, loadedCountLabel } from '../../lib/format';
import { daysAgoIso, daysSince } from './days';
import { exportInactiveCsv } from './export-inactive';
import classes from './InactiveScreen.module.css';
import { LoadMore } from '../../components/LoadMore';

const periods = [
  { value: 'any', label: 'Any time' },
  { value: 'min30', label: 'Inactive 30+ days' },
  { value: 'min90', label: 'Inactive 90+ days' },
  { value: 'min180', label: 'Inactive 180+ days' },
  { value: 'last7', label: 'Became inactive in the last 7 days' },
  { value: 'last90', label: 'Became inactive in the last 90 days' },
];

/** "min90" → inactive since at least 90 days ago; "last7" → since 7 days ago or later. */
function periodFilter(period: string): { inactiveBefore?: string; inactiveAfter?: string } {
  const m = /^(min|last)(\d+)$/.exec(period);
  if (!m) return {};
  const iso = daysAgoIso(Number(m[2]));
  return m[1] === 'min' ? { inactiveBefore: iso } : { inactiveAfter: iso };
}

export function InactiveScreen() {
  const profileId = useProfileId();
  const [params, setParams] = useSearchParams();
  const directory = params.get('directory');
  const period = params.get('period') ?? 'any';
  const includeDeleted = params.get('deleted') !== 'no';
  const [exporting, setExporting] = useState(false);
  const set = (k: string, v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === null) next.delete(k);
        else next.set(k, v);
        return next;
      },
      { replace: true },
    );

  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  // The period is resolved to instants once per choice, so the query key stays stable.
  const query = useMemo(
    () => ({
      profileId: profileId ?? '',
      includeDeleted,
      ...(directory ? { directoryId: directory } : {}),
      ...periodFilter(period),
    }),
    [profileId, includeDeleted, directory, period],
  );
  const users = useApiPages('listInactiveUsers', { ...query, limit: 200 }, { enabled: !!profileId });
  const filtered = !!directory || period !== 'any' || !includeDeleted;

  return (
    <Screen testId="screen-inactive">
      <PageHeader
        title="Inactive"
        description="Inactive users and users WorkOS already deleted, across all directories — with the groups they still hold. Built for access reviews."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={14} />}
            loading={exporting}
            disabled={users.items.length === 0}
            data-testid="export-inactive"
            onClick={() => {
              setExporting(true);
              void exportInactiveCsv(query).finally(() => setExporting(false));
            }}
          >
            Export CSV
          </Button>
        }
      >
        <Group gap="xs">
          <Select
            w={220}
            placeholder="All directories"
            clearable
            searchable
            data={(directories.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={directory}
            onChange={(v) => set('directory', v)}
            aria-label="Directory"
            data-testid="inactive-directory-filter"
          />
          <Select
            w={280}
            data={periods}
            value={period}
            onChange={(v) => set('period', v === 'any' ? null : v)}
            allowDeselect={false}
            aria-label="Inactive since"
            data-testid="inactive-period-filter"
          />
          <Switch
            label="Include users deleted by WorkOS"
            checked={includeDeleted}
            onChange={(e) => set('deleted', e.currentTarget.checked ? null : 'no')}
            size="xs"
            data-testid="inactive-include-deleted"
          />
          <Text size="xs" c="dimmed" ml="auto" className="tabular" data-testid="inactive-count">
            {users.isPending ? '' : loadedCountLabel(users, 'users')}
          </Text>
        </Group>
      </PageHeader>
      <ScreenBody flush>
        <div className={classes.scroll}>
          {users.isPending ? (
            <LoadingState rows={10} />
          ) : users.error ? (
            <ErrorState error={users.error} onRetry={() => void users.refetch()} />
          ) : users.items.length === 0 ? (
            <EmptyView
              icon={<IconUserCheck size={22} />}
              title={filtered ? 'Nobody matches these filters' : 'No inactive or deleted users'}
              description={filtered ? 'Widen the period or include every directory.' : 'Every cached user is active.'}
              actions={
                filtered && (
                  <Button variant="default" onClick={() => setParams({}, { replace: true })}>
                    Clear filters
                  </Button>
                )
              }
            />
          ) : (
            <Card padding={0} radius={0} bg="var(--app-surface)" className={classes.card}>
              <Table stickyHeader highlightOnHover className={classes.table} data-testid="inactive-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>User</Table.Th>
                    <Table.Th>Directory</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Inactive since</Table.Th>
                    <Table.Th ta="right">Days</Table.Th>
                    <Table.Th>Deleted (WorkOS)</Table.Th>
                    <Table.Th>Groups still held</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.items.map((u) => (
                    <Table.Tr key={u.id} data-testid="inactive-row" data-status={u.status}>
                      <Table.Td>
                        <Anchor component={Link} to={`/users/${encodeURIComponent(u.id)}`} size="sm" fw={550}>
                          {u.displayName}
                        </Anchor>
                        <Text size="xs" c="dimmed" truncate>
                          {u.email ?? 'no email'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" truncate>
                          {u.directoryName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={u.status === 'deleted' ? 'red' : 'gray'} size="sm">
                          {u.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td className="tabular">
                        <Tooltip
                          label={
                            u.inactiveSinceObserved
                              ? formatDateTime(u.inactiveSince)
                              : 'Estimated: the console first saw the user inactive'
                          }
                        >
                          <Text size="sm" span>
                            {formatDate(u.inactiveSince)}
                            {u.inactiveSinceObserved ? '' : ' ≈'}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {formatNumber(daysSince(u.inactiveSince))}
                      </Table.Td>
                      <Table.Td className="tabular">
                        {u.deletedAt ? (
                          formatDate(u.deletedAt)
                        ) : (
                          <Text span size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {u.groups.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            none
                          </Text>
                        ) : (
                          <Tooltip label={u.groups.join(', ')} multiline w={320}>
                            <Text size="sm" c={u.groups.length ? 'orange' : undefined} truncate>
                              {u.groups.length} · {u.groups.join(', ')}
                            </Text>
                          </Tooltip>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <LoadMore query={users} />
            </Card>
          )}
        </div>
      </ScreenBody>
    </Screen>
  );
}
