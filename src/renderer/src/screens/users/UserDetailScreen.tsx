import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconBraces, IconHistory, IconSkull, IconUserQuestion, IconUsersGroup } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { UserSummary } from '../../../../shared/api';
import { useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { UserStateBadge } from '../../components/badges';
import { Breadcrumb } from '../../components/Breadcrumb';
import { JsonViewer } from '../../components/JsonViewer';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { EmptyView, ErrorState, LoadingState } from '../../components/StateViews';
import { formatDateTime } from '../../lib/format';
import { SamePersonCard } from './SamePersonCard';
import { UserTimeline } from './UserTimeline';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={150} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td fz="sm">{children}</Table.Td>
    </Table.Tr>
  );
}

function emailsOf(raw: Record<string, unknown> | null): { value: string; primary: boolean; type: string | null }[] {
  const list = raw?.emails;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => {
    if (typeof e !== 'object' || e === null) return [];
    const rec = e as Record<string, unknown>;
    return typeof rec.value === 'string'
      ? [{ value: rec.value, primary: rec.primary === true, type: typeof rec.type === 'string' ? rec.type : null }]
      : [];
  });
}

function rolesOf(raw: Record<string, unknown> | null): string[] {
  const roles = raw?.roles;
  if (!Array.isArray(roles)) return [];
  return roles.flatMap((r) =>
    typeof r === 'object' && r && typeof (r as { slug?: unknown }).slug === 'string'
      ? [(r as { slug: string }).slug]
      : [],
  );
}

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

function Identity({
  user,
  raw,
  firstSeenAt,
}: {
  user: UserSummary;
  raw: Record<string, unknown> | null;
  firstSeenAt: string | null;
}) {
  const emails = emailsOf(raw);
  const roles = rolesOf(raw);
  const attrs = Object.entries(user.customAttributes);
  return (
    <Card padding="md" bg="var(--app-surface)" data-testid="user-identity">
      <Title order={2} fz="sm" mb="xs">
        Identity
      </Title>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          <Field label="Email">
            {/* `email` first (the core falls back to the primary of the legacy `emails`), then any other address. */}
            {user.email !== null || emails.length > 0 ? (
              <Stack gap={2}>
                {user.email !== null && <Text size="sm">{user.email}</Text>}
                {emails
                  .filter((e) => e.value !== user.email)
                  .map((e) => (
                    <Group key={e.value} gap={6}>
                      <Text size="sm">{e.value}</Text>
                      {e.primary && <Badge size="xs">primary</Badge>}
                      {e.type && (
                        <Badge size="xs" color="gray">
                          {e.type}
                        </Badge>
                      )}
                    </Group>
                  ))}
              </Stack>
            ) : (
              <Text span c="dimmed" size="sm">
                none — this user has no email
              </Text>
            )}
          </Field>
          <Field label="Username">{user.username ?? '—'}</Field>
          <Field label="State">
            <Group gap={6}>
              <UserStateBadge state={user.state} />
              <Text size="xs" c="dimmed">
                since {formatDateTime(user.stateSince)}
                {user.stateSinceObserved ? '' : ' (estimated: first seen in this state)'}
              </Text>
            </Group>
          </Field>
          <Field label="Directory">
            <Anchor component={Link} to={`/directories/${encodeURIComponent(user.directoryId)}`} size="sm">
              {user.directoryName}
            </Anchor>
          </Field>
          <Field label="Roles">{roles.length ? roles.join(', ') : '—'}</Field>
          <Field label="User id">
            <Text size="sm" className="mono">
              {user.id}
            </Text>
          </Field>
          <Field label="IdP id">
            <Text size="sm" className="mono">
              {user.idpId}
            </Text>
          </Field>
          <Field label="Created at WorkOS">
            <span data-testid="created-at">{formatDateTime(user.createdAt)}</span>
          </Field>
          <Field label="Updated at WorkOS">{formatDateTime(user.updatedAt)}</Field>
          <Field label="First seen by this console">
            <span data-testid="first-seen-at">{firstSeenAt ? formatDateTime(firstSeenAt) : '—'}</span>
          </Field>
        </Table.Tbody>
      </Table>
      <Title order={3} fz="sm" mt="md" mb="xs">
        Custom attributes
      </Title>
      {attrs.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={4} data-testid="custom-attributes">
          <Table.Tbody>
            {attrs.map(([k, v]) => (
              <Field key={k} label={k}>
                {typeof v === 'string' ? v : <span className="mono">{JSON.stringify(v)}</span>}
              </Field>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
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
        {detail.isPending ? (
          <LoadingState rows={8} />
        ) : detail.error ? (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        ) : !user && !d?.tombstone ? (
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
        ) : (
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
                  {user && <Identity user={user} raw={d?.raw ?? null} firstSeenAt={d?.firstSeenAt ?? null} />}
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
      </ScreenBody>
    </Screen>
  );
}
