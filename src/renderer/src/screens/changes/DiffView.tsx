import { Accordion, Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Diff } from '../../../../shared/api';
import { ValueText } from '../../components/ChangeList';
import { StatCard } from '../../components/StatCard';
import { formatNumber } from '../../lib/format';

export type DiffKind = 'memberships' | 'users' | 'groups' | 'fields';

function UserLink({ id, name, email }: { id: string; name: string; email?: string | null }) {
  return (
    <Anchor component={Link} to={`/users/${encodeURIComponent(id)}`} size="sm">
      {name}
      {email ? (
        <Text span size="xs" c="dimmed">
          {' '}
          {email}
        </Text>
      ) : null}
    </Anchor>
  );
}

function Section({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count: number;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card padding={0} bg="var(--app-surface)" data-testid={testId}>
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--app-border)' }}>
        <Title order={2} fz="sm">
          {title}
        </Title>
        <Badge variant="light">{formatNumber(count)}</Badge>
      </Group>
      {children}
    </Card>
  );
}

/** What changed between the two moments, grouped the way people ask about it. */
export function DiffView({ diff, kinds }: { diff: Diff; kinds: DiffKind[] }) {
  const show = (k: DiffKind) => kinds.length === 0 || kinds.includes(k);
  // Whole-interval counts from the core; the lists may stop at the requested limit.
  const counts = diff.counts ?? {
    membershipsAdded: diff.memberships.reduce((n, m) => n + m.added.length, 0),
    membershipsRemoved: diff.memberships.reduce((n, m) => n + m.removed.length, 0),
    groupsWithMembershipChanges: diff.memberships.length,
    usersAdded: diff.usersAdded.length,
    usersRemoved: diff.usersRemoved.length,
    groupsAdded: diff.groupsAdded.length,
    groupsRemoved: diff.groupsRemoved.length,
    fieldChanges: diff.fieldChanges.length,
  };
  const membershipChanges = counts.membershipsAdded + counts.membershipsRemoved;
  return (
    <Stack gap="md" data-testid="diff-view">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <StatCard
          label="Membership changes"
          value={formatNumber(membershipChanges)}
          hint={`in ${formatNumber(counts.groupsWithMembershipChanges)} groups`}
        />
        <StatCard
          label="Users"
          value={`+${formatNumber(counts.usersAdded)} −${formatNumber(counts.usersRemoved)}`}
          hint="created · deleted"
        />
        <StatCard
          label="Groups"
          value={`+${formatNumber(counts.groupsAdded)} −${formatNumber(counts.groupsRemoved)}`}
          hint="created · deleted"
        />
        <StatCard
          label="Attribute & state changes"
          value={formatNumber(counts.fieldChanges)}
          hint="net, first before → last after"
        />
      </SimpleGrid>

      {show('memberships') && diff.memberships.length > 0 && (
        <Section title="Group memberships" count={membershipChanges} testId="diff-memberships">
          <Accordion
            multiple
            chevronPosition="left"
            variant="default"
            defaultValue={diff.memberships.slice(0, 3).map((m) => m.groupId)}
          >
            {diff.memberships.map((m) => (
              <Accordion.Item key={m.groupId} value={m.groupId} data-testid="diff-group">
                <Accordion.Control>
                  <Group gap="xs">
                    <Text size="sm" fw={550}>
                      {m.groupName}
                    </Text>
                    {m.added.length > 0 && (
                      <Badge color="teal" size="sm" leftSection={<IconPlus size={10} />}>
                        {m.added.length}
                      </Badge>
                    )}
                    {m.removed.length > 0 && (
                      <Badge color="red" size="sm" leftSection={<IconMinus size={10} />}>
                        {m.removed.length}
                      </Badge>
                    )}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <SimpleGrid cols={2} spacing="md">
                    <Stack gap={4}>
                      <Text size="xs" c="teal" fw={600}>
                        Added
                      </Text>
                      {m.added.length === 0 && (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                      {m.added.map((u) => (
                        <UserLink key={u.id} id={u.id} name={u.displayName} email={u.email} />
                      ))}
                    </Stack>
                    <Stack gap={4}>
                      <Text size="xs" c="red" fw={600}>
                        Removed
                      </Text>
                      {m.removed.length === 0 && (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                      {m.removed.map((u) => (
                        <UserLink key={u.id} id={u.id} name={u.displayName} email={u.email} />
                      ))}
                    </Stack>
                  </SimpleGrid>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Section>
      )}

      {show('fields') && diff.fieldChanges.length > 0 && (
        <Section title="Attribute and state changes" count={counts.fieldChanges} testId="diff-fields">
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Entity</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Before</Table.Th>
                <Table.Th>After</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diff.fieldChanges.map((f) => (
                <Table.Tr key={`${f.entityId}:${f.field}`} data-testid="diff-field-row">
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/${f.entityType === 'user' ? 'users' : f.entityType === 'group' ? 'groups' : 'directories'}/${encodeURIComponent(f.entityId)}`}
                      size="sm"
                    >
                      {f.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {f.entityType}
                    </Text>
                  </Table.Td>
                  <Table.Td className="mono">{f.field}</Table.Td>
                  <Table.Td>
                    <ValueText value={f.before} />
                  </Table.Td>
                  <Table.Td>
                    <ValueText value={f.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      )}

      {show('users') && diff.usersAdded.length + diff.usersRemoved.length > 0 && (
        <Section title="Users created and deleted" count={counts.usersAdded + counts.usersRemoved} testId="diff-users">
          <SimpleGrid cols={2} p="md" spacing="md">
            <Stack gap={4}>
              <Text size="xs" c="teal" fw={600}>
                Created
              </Text>
              {diff.usersAdded.map((u) => (
                <UserLink key={u.id} id={u.id} name={u.displayName} email={u.email} />
              ))}
            </Stack>
            <Stack gap={4}>
              <Text size="xs" c="red" fw={600}>
                Deleted
              </Text>
              {diff.usersRemoved.map((u) => (
                <UserLink key={u.id} id={u.id} name={u.displayName} email={u.email} />
              ))}
            </Stack>
          </SimpleGrid>
        </Section>
      )}

      {show('groups') && diff.groupsAdded.length + diff.groupsRemoved.length > 0 && (
        <Section
          title="Groups created and deleted"
          count={counts.groupsAdded + counts.groupsRemoved}
          testId="diff-groups"
        >
          <SimpleGrid cols={2} p="md" spacing="md">
            <Stack gap={4}>
              <Text size="xs" c="teal" fw={600}>
                Created
              </Text>
              {diff.groupsAdded.map((g) => (
                <Anchor key={g.id} component={Link} to={`/groups/${encodeURIComponent(g.id)}`} size="sm">
                  {g.name}
                </Anchor>
              ))}
            </Stack>
            <Stack gap={4}>
              <Text size="xs" c="red" fw={600}>
                Deleted
              </Text>
              {diff.groupsRemoved.map((g) => (
                <Anchor key={g.id} component={Link} to={`/groups/${encodeURIComponent(g.id)}`} size="sm">
                  {g.name}
                </Anchor>
              ))}
            </Stack>
          </SimpleGrid>
        </Section>
      )}
      {diff.truncated && (
        <Text size="xs" c="dimmed">
          The lists show the first entries of each kind (the counts above are complete); export CSV for every change, or
          narrow the interval or pick a directory.
        </Text>
      )}
    </Stack>
  );
}
