import { Badge, Group, SimpleGrid, Stack } from '@mantine/core';
import { IconClockHour4, IconSitemap, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useApiQuery } from '../../api/queries';
import { useActiveProfile } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { PlaceholderPanel } from '../../components/PlaceholderPanel';
import { Screen, ScreenBody } from '../../components/Screen';
import { StatCard } from '../../components/StatCard';
import { ErrorState } from '../../components/StateViews';
import { formatCompact, formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';

const verdictColor = { healthy: 'teal', warning: 'yellow', critical: 'red', unknown: 'gray' } as const;

export function DirectoriesScreen() {
  const profile = useActiveProfile();
  const now = useNow();
  const health = useApiQuery('getHealthSummary', profile ? { profileId: profile.id } : {}, { enabled: !!profile });
  const s = health.data;

  return (
    <Screen testId="screen-directories">
      <PageHeader
        title="Directories"
        description="Every directory across your organizations, with its health and last sync."
      />
      <ScreenBody>
        {health.error ? (
          <ErrorState error={health.error} onRetry={() => void health.refetch()} />
        ) : (
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              <StatCard
                label="Directories"
                icon={<IconSitemap size={14} />}
                loading={health.isPending}
                value={s ? formatCompact(s.directories) : '—'}
                hint={
                  s && (
                    <Group gap={4} component="span">
                      {(['healthy', 'warning', 'critical'] as const).map((v) => (
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
                hint="In the local cache"
                testId="stat-users"
              />
              <StatCard
                label="Groups"
                icon={<IconUsersGroup size={14} />}
                loading={health.isPending}
                value={s ? formatCompact(s.groups) : '—'}
                hint="In the local cache"
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
            <PlaceholderPanel
              title="Directory list and health"
              comingWith="the sync engine's query API (issue 4)"
              features={[
                'Every directory with provider, state, user / group / inactive counts',
                'Health verdict with reasons: credentials, stale syncs, event retention, duplicates, drops',
                'Sort, filter and search; open a directory for its history and sync runs',
              ]}
            />
          </Stack>
        )}
      </ScreenBody>
    </Screen>
  );
}
