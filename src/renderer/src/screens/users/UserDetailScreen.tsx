import { Alert, Badge, Button, Card, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconBraces, IconHistory, IconSkull, IconUserQuestion, IconUsersGroup } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { Breadcrumb } from '../../components/Breadcrumb';
import { JsonViewer } from '../../components/JsonViewer';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { UserIdentity } from './UserIdentity';
import { formatDateTime } from '../../lib/format';
import { SamePersonCard } from './SamePersonCard';
import { UserTimeline } from './UserTimeline';

/** A deleted user's last known name: name, first and last name, else email or username. */
function lastRecordName(record: Record<string, unknown> | null): string | null {
  if (!record) return null;
  const s = (k: string) => (typeof record[k] === 'string' && record[k] !== '' ? (record[k] as string) : null);
  const full = [s('first_name'), s('last_name')].filter(Boolean).join(' ');
  return s('name') ?? (full || null) ?? s('email') ?? s('username');
}

function createdAtOf(record: Record<string, unknown> | null): string | null {
  return record && typeof record.created_at === 'string' ? record.created_at : null;
}

export function UserDetailScreen() {
  const { userId = '' } = useParams();
  const profileId = useProfileId();
  const detail = useApiQuery('getUser', { profileId: profileId ?? '', userId }, { enabled: !!profileId });
  const d = detail.data;
  const user = d?.user ?? null;
  const lastRecord = d?.tombstone?.lastRecord ?? null;
  const groupNames = useMemo(() => new Map((d?.groups ?? []).map((g) => [g.id, g.name])), [d?.groups]);
  const lastName = lastRecordName(lastRecord);
  const name =
    user?.displayName ?? (lastName ? `${lastName} (deleted)` : null) ?? (detail.isPending ? 'Loading…' : userId);

  return (
    <Screen testId="screen-user-detail">
      <PageHeader
        eyebrow={
          <Breadcrumb
            to="/users"
            label="Users"
            trail={[
              user
                ? {
                    label: user.directoryName,
                    to: `/directories/${encodeURIComponent(user.directoryId)}`,
                    id: user.directoryId,
                  }
                : null,
              user || lastRecord ? { label: name, id: userId } : null,
            ]}
          />
        }
        title={name}
        description={user ? `${user.email ?? 'no email'} · ${user.directoryName}` : undefined}
      />
      <ScreenBody>
        <QueryState
          query={detail}
          rows={8}
          isEmpty={(data) => !data.user && !data.tombstone}
          empty={
            <EmptyView
              icon={<IconUserQuestion size={22} />}
              title="No such user in the cache"
              description={`Nothing is cached under ${userId} for this profile.`}
              actions={
                <Button component={Link} to="/users" variant="default">
                  All users
                </Button>
              }
            />
          }
        >
          {() => (
            <Stack gap="md">
              {d?.tombstone && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconSkull size={18} />}
                  title="Deleted in WorkOS"
                  data-testid="tombstone-banner"
                >
                  <Text size="sm">
                    WorkOS removed this user on {formatDateTime(d.tombstone.removedAt)} (
                    {d.tombstone.reason.replace(/_/g, ' ')}, seen via {d.tombstone.source.replace(/_/g, ' ')}). Below is
                    the last record the console kept.
                  </Text>
                </Alert>
              )}
              <Grid gap="md">
                <Grid.Col span={{ base: 12, lg: 5 }}>
                  <Stack gap="md">
                    {user && <UserIdentity user={user} raw={d?.raw ?? null} firstSeenAt={d?.firstSeenAt ?? null} />}
                    {user?.email && d?.sameEmail && <SamePersonCard records={d.sameEmail} email={user.email} />}
                    <Card padding="md" bg="var(--app-surface)" data-testid="user-groups">
                      <Group justify="space-between" mb="xs">
                        <Title order={2} fz="sm">
                          Groups now
                        </Title>
                        <Badge size="sm" variant="light">
                          {d?.groups.length ?? 0}
                        </Badge>
                      </Group>
                      {d && d.groups.length > 0 ? (
                        <Group gap={6}>
                          {d.groups.map((g) => (
                            <Badge
                              key={g.id}
                              component={Link}
                              to={`/groups/${encodeURIComponent(g.id)}`}
                              variant="outline"
                              color="indigo"
                              size="md"
                              leftSection={<IconUsersGroup size={12} />}
                              style={{ cursor: 'pointer' }}
                            >
                              {g.name}
                            </Badge>
                          ))}
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not in any group.
                        </Text>
                      )}
                    </Card>
                  </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 7 }}>
                  <Card padding={0} bg="var(--app-surface)">
                    <Tabs defaultValue="timeline" keepMounted={false}>
                      <Tabs.List px="sm">
                        <Tabs.Tab value="timeline" leftSection={<IconHistory size={14} />}>
                          Timeline
                        </Tabs.Tab>
                        <Tabs.Tab value="raw" leftSection={<IconBraces size={14} />}>
                          Raw JSON
                        </Tabs.Tab>
                      </Tabs.List>
                      <Tabs.Panel value="timeline">
                        <UserTimeline
                          profileId={profileId!}
                          userId={userId}
                          names={groupNames}
                          createdAt={user?.createdAt ?? createdAtOf(lastRecord)}
                        />
                      </Tabs.Panel>
                      <Tabs.Panel value="raw" p="sm">
                        <JsonViewer value={d?.raw ?? lastRecord} testId="user-raw-json" />
                      </Tabs.Panel>
                    </Tabs>
                  </Card>
                </Grid.Col>
              </Grid>
            </Stack>
          )}
        </QueryState>
      </ScreenBody>
    </Screen>
  );
}
