/**
 * Membership changes per group. Only open groups render their members (a closed accordion
 * panel would still mount every link), and the groups and member lists render in chunks.
 */
import { Accordion, Badge, Group, SimpleGrid, Text } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { Diff } from '../../../../shared/api';
import { useProgressiveCount } from '../../lib/use-progressive-count';
import { ProgressiveRows } from '../../components/ProgressiveRows';
import { ChangeColumn, Section, UserLink } from './diff-parts';

type GroupMembershipDiff = Diff['memberships'][number];
type DiffUser = GroupMembershipDiff['added'][number];

const renderUser = (u: DiffUser) => <UserLink key={u.id} id={u.id} name={u.displayName} email={u.email} />;

export function MembershipDiffSection({ memberships, count }: { memberships: Diff['memberships']; count: number }) {
  const [open, setOpen] = useState<string[]>(() => memberships.slice(0, 3).map((m) => m.groupId));
  const shown = useProgressiveCount(memberships.length, memberships);
  const renderGroup = useCallback(
    (m: GroupMembershipDiff) => (
      <Accordion.Item key={m.groupId} value={m.groupId} data-testid="diff-group">
        <Accordion.Control>
          <Group gap="xs">
            <Text size="sm" fw={550} title={`group id: ${m.groupId}`}>
              {m.groupName}
            </Text>
            <Text size="xs" c="dimmed" data-testid="diff-group-directory" title={`directory id: ${m.directoryId}`}>
              in {m.directoryName ?? m.directoryId}
            </Text>
            {m.groupDeleted && (
              <Badge color="red" variant="light" size="xs">
                deleted
              </Badge>
            )}
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
          {open.includes(m.groupId) && (
            <SimpleGrid cols={2} spacing="md">
              <ChangeColumn label="Added" color="teal" items={m.added} render={renderUser} showEmpty />
              <ChangeColumn label="Removed" color="red" items={m.removed} render={renderUser} showEmpty />
            </SimpleGrid>
          )}
        </Accordion.Panel>
      </Accordion.Item>
    ),
    [open],
  );
  return (
    <Section title="Group memberships" count={count} testId="diff-memberships">
      <Accordion multiple chevronPosition="left" variant="default" value={open} onChange={setOpen}>
        <ProgressiveRows items={memberships} shown={shown} render={renderGroup} />
      </Accordion>
    </Section>
  );
}
