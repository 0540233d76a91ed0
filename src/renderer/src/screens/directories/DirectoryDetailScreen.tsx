import { Badge, Button, Card, Group, SimpleGrid, Stack, Tabs } from '@mantine/core';
import { IconClockHour4, IconHistory, IconMapOff, IconRefresh, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { useApiPages, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { useSyncNow } from '../../app/use-sync-now';
import { RoleGate } from '../../components/RoleGate';
import { DirectoryStateBadge, providerLabel, VerdictBadge } from '../../components/badges';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ChangeList } from '../../components/ChangeList';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { StatCard } from '../../components/StatCard';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { LoadMore } from '../../components/LoadMore';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { CountsChart } from './CountsChart';
import { HealthPanel } from './HealthPanel';
import { DirectoryGroupsTab } from './DirectoryGroupsTab';
import { SyncRunsTab } from './SyncRunsTab';

function RecentChanges({ profileId, directoryId }: { profileId: string; directoryId: string }) {
  const changes = useApiPages('listChanges', { profileId, directoryId, limit: 50, includeBaseline: false });
  return (
    <QueryState
      query={changes}
      rows={4}
      empty={
        <EmptyView
          icon={<IconHistory size={22} />}
          title="No changes recorded yet"
          description="Changes appear after the second sync: the first one is where this directory's history starts."
        />
      }
    >
      {() => (
        <>
          <ChangeList changes={changes.items} />
          <LoadMore query={changes} label="Load older changes" />
        </>
      )}
    </QueryState>
  );
}

export function DirectoryDetailScreen() {
  const { directoryId = '' } = useParams();
  const profileId = useProfileId();
  const now = useNow();
  const sync = useSyncNow();
  const detail = useApiQuery('getDirectory', { profileId: profileId ?? '', directoryId }, { enabled: !!profileId });
  const d = detail.data?.directory;

  return (
    <Screen testId="screen-directory-detail">
      <PageHeader
        eyebrow={<Breadcrumb to="/directories" label="Directories" trail={[d ? { label: d.name, id: d.id } : null]} />}
        title={d?.name ?? (detail.isPending ? 'Loading…' : 'Directory')}
        description={
          d && (
            <Group gap={8} component="span">
              <span>{providerLabel(d.type)}</span>
              <span>·</span>
              <span>{d.domain ?? d.organizationId}</span>
              <DirectoryStateBadge state={d.state} />
              <VerdictBadge verdict={d.verdict} />
            </Group>
          )
        }
        actions={
          d && (
            <>
              <Button
                component={Link}
                to={`/users?directory=${encodeURIComponent(d.id)}`}
                variant="default"
                leftSection={<IconUsers size={14} />}
              >
                Users
              </Button>
              <RoleGate method="startSync">
                {(denied) => (
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={14} />}
                    onClick={sync.syncNow}
                    loading={sync.starting}
                    disabled={denied || sync.running}
                  >
                    {sync.running ? 'Syncing…' : 'Sync now'}
                  </Button>
                )}
              </RoleGate>
            </>
          )
        }
      />
      <ScreenBody>
        <QueryState
          query={detail}
          rows={6}
          isEmpty={(data) => !data.directory}
          empty={
            <EmptyView
              icon={<IconMapOff size={22} />}
              title={detail.data?.tombstone ? 'This directory was deleted in WorkOS' : 'No such directory in the cache'}
              description={
                detail.data?.tombstone
                  ? `Removed ${formatDateTime(detail.data.tombstone.removedAt)} (${detail.data.tombstone.reason}).`
                  : `Nothing is cached under ${directoryId} for this profile.`
              }
              actions={
                <Button component={Link} to="/directories" variant="default">
                  All directories
                </Button>
              }
            />
          }
        >
          {() =>
            d && (
              <Stack gap="md">
                <HealthPanel directory={d} />
                <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
                  <StatCard
                    label="Users"
                    icon={<IconUsers size={14} />}
                    value={formatNumber(d.users)}
                    hint={`${formatNumber(d.activeUsers)} active · ${formatNumber(d.inactiveUsers)} inactive`}
                  />
                  <StatCard
                    label="Groups"
                    icon={<IconUsersGroup size={14} />}
                    value={formatNumber(d.groups)}
                    hint={
                      d.membershipStrategy
                        ? `Membership strategy: ${d.membershipStrategy.replace(/_/g, ' ')}`
                        : undefined
                    }
                  />
                  <StatCard
                    label="Data as of"
                    icon={<IconClockHour4 size={14} />}
                    value={d.dataAsOf ? formatRelative(d.dataAsOf, now) : 'No data yet'}
                    hint={
                      d.dataAsOf && d.dataAsOf !== d.lastFullSyncAt
                        ? 'Frozen since the directory broke'
                        : d.lastSyncStatus && d.lastSyncStatus !== 'succeeded'
                          ? `Last attempt ${d.lastSyncStatus}${d.lastSyncError ? `: ${d.lastSyncError}` : ''}`
                          : d.lastFullSyncAt
                            ? `Last successful full sync ${formatDateTime(d.lastFullSyncAt)}`
                            : undefined
                    }
                    color={d.dataAsOf !== d.lastFullSyncAt || d.lastSyncStatus === 'failed' ? 'red' : 'indigo'}
                    testId="stat-data-as-of"
                  />
                  <StatCard
                    label="Changes, 24 h"
                    icon={<IconHistory size={14} />}
                    value={formatNumber(d.changesLast24h)}
                    hint={`State ${d.state.replace(/_/g, ' ')} since ${formatDateTime(d.stateSince)}`}
                  />
                </SimpleGrid>
                <Card padding="md" bg="var(--app-surface)">
                  <CountsChart profileId={profileId!} directory={d} />
                </Card>
                <Card padding={0} bg="var(--app-surface)">
                  <Tabs defaultValue="changes" keepMounted={false}>
                    <Tabs.List px="sm">
                      <Tabs.Tab value="changes" leftSection={<IconHistory size={14} />}>
                        Recent changes
                      </Tabs.Tab>
                      <Tabs.Tab value="groups" leftSection={<IconUsersGroup size={14} />}>
                        Groups{' '}
                        <Badge size="xs" variant="light" ml={4}>
                          {formatNumber(d.groups)}
                        </Badge>
                      </Tabs.Tab>
                      <Tabs.Tab value="runs" leftSection={<IconRefresh size={14} />}>
                        Sync runs
                      </Tabs.Tab>
                    </Tabs.List>
                    <Tabs.Panel value="changes">
                      <RecentChanges profileId={profileId!} directoryId={d.id} />
                    </Tabs.Panel>
                    <Tabs.Panel value="groups">
                      <DirectoryGroupsTab profileId={profileId!} directoryId={d.id} />
                    </Tabs.Panel>
                    <Tabs.Panel value="runs">
                      <SyncRunsTab profileId={profileId!} />
                    </Tabs.Panel>
                  </Tabs>
                </Card>
              </Stack>
            )
          }
        </QueryState>
      </ScreenBody>
    </Screen>
  );
}
