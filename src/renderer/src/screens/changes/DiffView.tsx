import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Diff } from '../../../../shared/api';
import { StatCard } from '../../components/StatCard';
import { formatNumber } from '../../lib/format';
import { ChangeColumn, Section, UserLink } from './diff-parts';
import { FieldChangesSection } from './FieldChangesSection';
import { MembershipDiffSection } from './MembershipDiffSection';

export type DiffKind = 'memberships' | 'users' | 'groups' | 'fields';

type DiffUser = Diff['usersAdded'][number];
type DiffGroup = Diff['groupsAdded'][number];

const renderUser = (u: DiffUser) => <UserLink key={u.id} id={u.id} name={u.displayName} email={u.email} />;
const renderGroup = (g: DiffGroup) => (
  <Anchor key={g.id} component={Link} to={`/groups/${encodeURIComponent(g.id)}`} size="sm" title={`group id: ${g.id}`}>
    {g.name}
  </Anchor>
);

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
        <MembershipDiffSection memberships={diff.memberships} count={membershipChanges} />
      )}

      {show('fields') && diff.fieldChanges.length > 0 && (
        <FieldChangesSection fieldChanges={diff.fieldChanges} count={counts.fieldChanges} />
      )}

      {show('users') && diff.usersAdded.length + diff.usersRemoved.length > 0 && (
        <Section title="Users created and deleted" count={counts.usersAdded + counts.usersRemoved} testId="diff-users">
          <SimpleGrid cols={2} p="md" spacing="md">
            <ChangeColumn label="Created" color="teal" items={diff.usersAdded} render={renderUser} />
            <ChangeColumn label="Deleted" color="red" items={diff.usersRemoved} render={renderUser} />
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
            <ChangeColumn label="Created" color="teal" items={diff.groupsAdded} render={renderGroup} />
            <ChangeColumn label="Deleted" color="red" items={diff.groupsRemoved} render={renderGroup} />
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
