/** A user's identity card: emails, username, state, directory, roles, ids, moments, custom attributes. */
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { UserSummary } from '../../../../shared/api';
import { UserStateBadge } from '../../components/badges';
import { formatDateTime } from '../../lib/format';

function Field({ label, children }: { label: string; children: ReactNode }) {
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

export function UserIdentity({
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
