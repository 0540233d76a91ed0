/** Every cached user: a filter bar (URL state, `useUserFilters`), a virtual table, a CSV export. */
import { Button, Card } from '@mantine/core';
import { IconDownload, IconSearch, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiPages } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Screen, ScreenBody } from '../../components/Screen';
import { EmptyView } from '../../components/StateViews';
import { formatNumber } from '../../lib/format';
import { useUiStore } from '../../state/ui-store';
import { ColumnChooser } from './ColumnChooser';
import { exportUsersCsv } from './export-users';
import { UserFilterBar } from './UserFilterBar';
import { defaultUserColumns, userColumns } from './user-columns';
import classes from './UsersScreen.module.css';
import { useUserFilters } from './use-user-filters';
import { VirtualUserTable } from './VirtualUserTable';

const PAGE_SIZE = 200;

export function UsersScreen() {
  const profileId = useProfileId();
  const navigate = useNavigate();
  const { filters, set } = useUserFilters();
  const attribute = filters.attribute?.ok ? { key: filters.attribute.key, value: filters.attribute.value } : null;
  const attributeError = filters.attribute && !filters.attribute.ok ? filters.attribute.error : null;
  const [exporting, setExporting] = useState(false);

  const storedColumns = useUiStore((s) => s.tableColumns.users);
  const setTableColumns = useUiStore((s) => s.setTableColumns);
  const visibleIds = storedColumns ?? defaultUserColumns;
  const columns = useMemo(() => userColumns.filter((c) => visibleIds.includes(c.id)), [visibleIds]);

  const query = {
    profileId: profileId ?? '',
    ...(filters.q ? { search: filters.q } : {}),
    ...(filters.directory ? { directoryId: filters.directory } : {}),
    ...(filters.group ? { groupId: filters.group } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(attribute ? { customAttribute: attribute } : {}),
    sort: filters.sort,
    order: filters.order,
  };
  const users = useApiPages('listUsers', { ...query, limit: PAGE_SIZE }, { enabled: !!profileId && !attributeError });

  const filtered = !!(filters.q || filters.directory || filters.group || filters.state || filters.attrText);
  const clearAll = () => {
    set({ q: null, directory: null, group: null, state: null, attr: null });
  };
  const clearButton = (
    <Button variant="default" onClick={clearAll}>
      Clear filters
    </Button>
  );

  const count =
    users.total !== null
      ? `${formatNumber(users.total)}${users.totalCapped ? '+' : ''} ${users.total === 1 && !users.totalCapped ? 'user' : 'users'}`
      : `${formatNumber(users.items.length)}${users.hasNextPage ? '+' : ''} users`;

  return (
    <Screen testId="screen-users">
      <PageHeader
        title="Users"
        description="Every cached user across all directories. Search by name, email, username or id."
        actions={
          <>
            <ColumnChooser
              columns={userColumns}
              visible={visibleIds}
              onChange={(ids) => setTableColumns('users', ids)}
              onReset={() => setTableColumns('users', defaultUserColumns)}
            />
            <Button
              variant="default"
              leftSection={<IconDownload size={14} />}
              loading={exporting}
              disabled={!profileId || users.items.length === 0}
              data-testid="export-users"
              onClick={() => {
                setExporting(true);
                void exportUsersCsv(query, columns).finally(() => setExporting(false));
              }}
            >
              Export CSV
            </Button>
          </>
        }
      >
        <UserFilterBar
          profileId={profileId}
          filters={filters}
          set={set}
          onClear={clearAll}
          count={users.isPending ? '' : count}
        />
      </PageHeader>
      <ScreenBody flush>
        <Card padding={0} radius={0} className={classes.tableCard} bg="var(--app-surface)">
          {attributeError ? (
            <EmptyView
              icon={<IconSearch size={22} />}
              title="The attribute filter is malformed"
              description={attributeError}
              actions={clearButton}
            />
          ) : (
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
                  sort={{ key: filters.sort, order: filters.order }}
                  onSort={(key) =>
                    set(
                      key === filters.sort
                        ? { order: filters.order === 'asc' ? 'desc' : 'asc' }
                        : { sort: key, order: key === 'updatedAt' ? 'desc' : 'asc' },
                    )
                  }
                  onOpen={(u) => navigate(`/users/${encodeURIComponent(u.id)}`)}
                />
              )}
            </QueryState>
          )}
        </Card>
      </ScreenBody>
    </Screen>
  );
}
