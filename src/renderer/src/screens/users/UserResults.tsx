/**
 * The Users screen's rows: the keyset pages of `listUsers` for the current filters, drawn by the
 * virtual table, with loading, empty and error states. The pages are read here and not in the
 * screen, so a page arriving while someone scrolls re-renders the table alone: re-rendering the
 * filter bar, column chooser and header with it took ~50 ms per page on a 2-core machine. The
 * screen hears only what its header shows (the count, whether there are rows to export).
 */
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { useApiPages, type ApiInput } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatNumber } from '../../lib/format';
import type { UserSummary } from '../../../../shared/api';
import type { UserColumn } from './user-columns';
import { VirtualUserTable } from './VirtualUserTable';

const PAGE_SIZE = 200;

export type UserListQuery = Omit<NonNullable<ApiInput<'listUsers'>>, 'cursor' | 'limit'>;

export interface UserResultsSummary {
  /** "1,204 users", or '' while the first page loads. */
  count: string;
  hasRows: boolean;
}

export function UserResults({
  query,
  enabled,
  columns,
  filtered,
  clearButton,
  sort,
  onSort,
  onOpen,
  onSummary,
}: {
  query: UserListQuery;
  enabled: boolean;
  columns: UserColumn[];
  filtered: boolean;
  clearButton: ReactNode;
  sort: { key: 'name' | 'updatedAt'; order: 'asc' | 'desc' };
  onSort(key: 'name' | 'updatedAt'): void;
  onOpen(user: UserSummary): void;
  onSummary(summary: UserResultsSummary): void;
}) {
  const users = useApiPages('listUsers', { ...query, limit: PAGE_SIZE }, { enabled });
  const count = users.isPending
    ? ''
    : users.total !== null
      ? `${formatNumber(users.total)}${users.totalCapped ? '+' : ''} ${users.total === 1 && !users.totalCapped ? 'user' : 'users'}`
      : `${formatNumber(users.items.length)}${users.hasNextPage ? '+' : ''} users`;
  const hasRows = users.items.length > 0;
  useEffect(() => onSummary({ count, hasRows }), [onSummary, count, hasRows]);

  return (
    <QueryState
      query={users}
      rows={12}
      empty={
        <EmptyView
          icon={filtered ? <IconSearch size={22} /> : <IconUsers size={22} />}
          title={filtered ? 'No user matches' : 'No users cached yet'}
          description={
            filtered
              ? 'Search covers names, emails, usernames and ids across every directory.'
              : 'Users appear once a sync has fetched them.'
          }
          actions={filtered && clearButton}
        />
      }
    >
      {() => (
        <VirtualUserTable
          users={users.items}
          columns={columns}
          hasNextPage={users.hasNextPage}
          isFetchingNextPage={users.isFetchingNextPage}
          fetchNextPage={() => void users.fetchNextPage()}
          sort={sort}
          onSort={onSort}
          onOpen={onOpen}
        />
      )}
    </QueryState>
  );
}
