import { Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockHour4, IconRefresh, IconSearch, IconSitemap, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { HealthVerdict } from '../../../../shared/api';
import { useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { useSyncNow } from '../../app/use-sync-now';
import { RoleGate } from '../../components/RoleGate';
import { verdictColor } from '../../components/badges';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { StatCard } from '../../components/StatCard';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatCompact, formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { DirectoryTable } from './DirectoryTable';

type VerdictFilter = 'all' | HealthVerdict;

export function DirectoriesScreen() {
  const profileId = useProfileId();
  const now = useNow();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const [verdict, setVerdict] = useState<VerdictFilter>('all');
  const sync = useSyncNow();
  const health = useApiQuery('getHealthSummary', { profileId: profileId ?? undefined }, { enabled: !!profileId });
  const directories = useApiQuery(
    'listDirectories',
    { profileId: profileId ?? '', ...(debouncedSearch ? { search: debouncedSearch } : {}) },
    { enabled: !!profileId, placeholderData: (previous) => previous },
  );
  const s = health.data;
  const visible = useMemo(
    () => (directories.data ?? []).filter((d) => verdict === 'all' || d.verdict === verdict),
    [directories.data, verdict],
  );

  return (
    <Screen testId="screen-directories">
      <PageHeader
        title="Directories"
        description="Every directory across your organizations, with its health and last sync."
        actions={
          <RoleGate method="startSync">
            {(denied) => (
              <Button
                variant="default"
                leftSection={<IconRefresh size={14} />}
                onClick={sync.syncNow}
                loading={sync.starting}
                disabled={denied || sync.disabled || sync.running}
                data-testid="sync-now"
              >
                {sync.running ? 'Syncing…' : 'Sync now'}
              </Button>
            )}
          </RoleGate>
        }
      />
      <ScreenBody>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <StatCard
              label="Directories"
              icon={<IconSitemap size={14} />}
              loading={health.isPending}
              value={s ? formatCompact(s.directories) : '—'}
              hint={
                s && (
                  <Group gap={4} component="span">
                    {(['critical', 'warning', 'healthy'] as const).map((v) => (
                      <Badge key={v} size="xs" color={verdictColor[v]}>
                        {s.byVerdict[v] ?? 0} {v}
                      </Badge>
                    ))}
                  </Group>
                )
              }
              testId="stat-directories"
            />
            <StatCard
              label="Users"
              icon={<IconUsers size={14} />}
              loading={health.isPending}
              value={s ? formatCompact(s.users) : '—'}
              hint="Across all directories, from the local cache"
              testId="stat-users"
            />
            <StatCard
              label="Groups"
              icon={<IconUsersGroup size={14} />}
              loading={health.isPending}
              value={s ? formatCompact(s.groups) : '—'}
              hint="Across all directories, from the local cache"
              testId="stat-groups"
            />
            <StatCard
              label="Last sync"
              icon={<IconClockHour4 size={14} />}
              loading={health.isPending}
              value={s?.lastSyncAt ? formatRelative(s.lastSyncAt, now) : 'Never'}
              hint={s?.lastSyncAt ? formatDateTime(s.lastSyncAt) : 'Nothing synced yet'}
              testId="stat-last-sync"
            />
          </SimpleGrid>

          <Card padding={0} bg="var(--app-surface)">
            <Group gap="xs" p="sm" style={{ borderBottom: '1px solid var(--app-border)' }}>
              <TextInput
                w={280}
                placeholder="Search name, domain or id"
                leftSection={<IconSearch size={14} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                aria-label="Search directories"
                data-testid="directory-search"
              />
              <SegmentedControl
                value={verdict}
                onChange={(v) => setVerdict(v as VerdictFilter)}
                aria-label="Health"
                data={[
                  { value: 'all', label: 'All' },
                  { value: 'critical', label: `Critical${s ? ` · ${s.byVerdict.critical ?? 0}` : ''}` },
                  { value: 'warning', label: `Warning${s ? ` · ${s.byVerdict.warning ?? 0}` : ''}` },
                  { value: 'healthy', label: `Healthy${s ? ` · ${s.byVerdict.healthy ?? 0}` : ''}` },
                ]}
                data-testid="verdict-filter"
              />
            </Group>
            <QueryState
              query={directories}
              rows={6}
              isEmpty={() => visible.length === 0}
              empty={
                (directories.data?.length ?? 0) === 0 && !debouncedSearch ? (
                  <EmptyView
                    icon={<IconSitemap size={22} />}
                    title={sync.running ? 'The first sync is running' : 'No directories synced yet'}
                    description={
                      sync.running
                        ? 'Directories appear here as soon as their first page arrives. Progress is in the status bar.'
                        : 'Run a sync to fetch every directory of this profile into the local cache.'
                    }
                    actions={
                      !sync.running && (
                        <RoleGate method="startSync">
                          {(denied) => (
                            <Button
                              onClick={sync.syncNow}
                              loading={sync.starting}
                              disabled={denied}
                              leftSection={<IconRefresh size={14} />}
                            >
                              Sync now
                            </Button>
                          )}
                        </RoleGate>
                      )
                    }
                  />
                ) : (
                  <EmptyView
                    icon={<IconSearch size={22} />}
                    title="No directory matches"
                    description="Try another search or show every health state."
                    actions={
                      <Button
                        variant="default"
                        onClick={() => {
                          setSearch('');
                          setVerdict('all');
                        }}
                      >
                        Clear filters
                      </Button>
                    }
                  />
                )
              }
            >
              {() => <DirectoryTable directories={visible} />}
            </QueryState>
          </Card>
        </Stack>
      </ScreenBody>
    </Screen>
  );
}
