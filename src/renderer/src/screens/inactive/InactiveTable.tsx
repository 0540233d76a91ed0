/** Inactive and deleted users, one row each, with how long and which groups they still hold. */
import { Anchor, Badge, Card, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { InactiveUser } from '../../../../shared/api';
import { LoadMore, type PagedQuery } from '../../components/LoadMore';
import { ProgressiveRows } from '../../components/ProgressiveRows';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useProgressiveCount } from '../../lib/use-progressive-count';
import { daysSince } from './days';
import classes from './InactiveScreen.module.css';

const renderRow = (u: InactiveUser) => <InactiveRow key={u.id} user={u} />;

/**
 * `listKey` names the list (its filters): rows render a chunk at a time, starting over only
 * when the list is another one, not when "Load more" extends it.
 */
export function InactiveTable({
  users,
  pages,
  listKey,
}: {
  users: readonly InactiveUser[];
  pages: PagedQuery;
  listKey: string;
}) {
  const shown = useProgressiveCount(users.length, listKey);
  return (
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
          <ProgressiveRows items={users} shown={shown} render={renderRow} />
        </Table.Tbody>
      </Table>
      <LoadMore query={pages} />
    </Card>
  );
}

function InactiveRow({ user: u }: { user: InactiveUser }) {
  return (
    <Table.Tr data-testid="inactive-row" data-status={u.status}>
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
            <Text size="sm" c="orange" truncate>
              {u.groups.length} · {u.groups.join(', ')}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
