/** Every cached user: a filter bar (URL state, `useUserFilters`), a virtual table, a CSV export. */
import { Button, Card } from '@mantine/core';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useProfileId } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { EmptyView } from '../../components/StateViews';
import { useUiStore } from '../../state/ui-store';
import { ColumnChooser } from './ColumnChooser';
import { exportUsersCsv } from './export-users';
import { UserFilterBar } from './UserFilterBar';
import { UserResults, type UserListQuery, type UserResultsSummary } from './UserResults';
import { defaultUserColumns, userColumns } from './user-columns';
import classes from './UsersScreen.module.css';
import { useUserFilters } from './use-user-filters';

const NOTHING_LISTED: UserResultsSummary = { count: '', hasRows: false };

export function UsersScreen() {
  const profileId = useProfileId();
  const navigate = useNavigate();
  const { filters, set } = useUserFilters();
  const attribute = filters.attribute?.ok ? { key: filters.attribute.key, value: filters.attribute.value } : null;
  const attributeError = filters.attribute && !filters.attribute.ok ? filters.attribute.error : null;
  const [exporting, setExporting] = useState(false);
  // What the rows below report for the header; a state setter keeps one identity. A malformed
  // attribute filter lists nothing, so their last report no longer applies.
  const [reported, setSummary] = useState<UserResultsSummary>(NOTHING_LISTED);
  const summary = attributeError ? NOTHING_LISTED : reported;

  const storedColumns = useUiStore((s) => s.tableColumns.users);
  const setTableColumns = useUiStore((s) => s.setTableColumns);
  const visibleIds = storedColumns ?? defaultUserColumns;
  const columns = useMemo(() => userColumns.filter((c) => visibleIds.includes(c.id)), [visibleIds]);

  const query: UserListQuery = {
    profileId: profileId ?? '',
    ...(filters.q ? { search: filters.q } : {}),
    ...(filters.directory ? { directoryId: filters.directory } : {}),
    ...(filters.group ? { groupId: filters.group } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(attribute ? { customAttribute: attribute } : {}),
    sort: filters.sort,
    order: filters.order,
  };

  const filtered = !!(filters.q || filters.directory || filters.group || filters.state || filters.attrText);
  const clearAll = () => {
    set({ q: null, directory: null, group: null, state: null, attr: null });
  };
  const clearButton = (
    <Button variant="default" onClick={clearAll}>
      Clear filters
    </Button>
  );

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
              disabled={!profileId || !summary.hasRows}
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
        <UserFilterBar profileId={profileId} filters={filters} set={set} onClear={clearAll} count={summary.count} />
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
            <UserResults
              query={query}
              enabled={!!profileId}
              columns={columns}
              filtered={filtered}
              clearButton={clearButton}
              sort={{ key: filters.sort, order: filters.order }}
              onSort={(key) =>
                set(
                  key === filters.sort
                    ? { order: filters.order === 'asc' ? 'desc' : 'asc' }
                    : { sort: key, order: key === 'updatedAt' ? 'desc' : 'asc' },
                )
              }
              onOpen={(u) => navigate(`/users/${encodeURIComponent(u.id)}`)}
              onSummary={setSummary}
            />
          )}
        </Card>
      </ScreenBody>
    </Screen>
  );
}
