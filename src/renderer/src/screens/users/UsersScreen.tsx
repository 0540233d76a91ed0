import { Badge, Button, Card, CloseButton, Group, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconDownload, IconSearch, IconUsers } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiPages, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { EmptyView, ErrorState, LoadingState } from '../../components/StateViews';
import { formatNumber } from '../../lib/format';
import { useUiStore } from '../../state/ui-store';
import { ColumnChooser } from './ColumnChooser';
import { exportUsersCsv } from './export-users';
import { defaultUserColumns, userColumns } from './user-columns';
import classes from './UsersScreen.module.css';
import { USER_STATE_LABELS, USER_STATES } from '../../../../shared/user-states';
import { useUserFilters } from './use-user-filters';
import { VirtualUserTable } from './VirtualUserTable';

const PAGE_SIZE = 200;

export function UsersScreen() {
  const profileId = useProfileId();
  const navigate = useNavigate();
  const { filters, set } = useUserFilters();
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const [attrDraft, setAttrDraft] = useState(filters.attrText);
  const attribute = filters.attribute?.ok ? { key: filters.attribute.key, value: filters.attribute.value } : null;
  const attributeError = filters.attribute && !filters.attribute.ok ? filters.attribute.error : null;
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchRef.current?.focus()]]);

  const storedColumns = useUiStore((s) => s.tableColumns.users);
  const setTableColumns = useUiStore((s) => s.setTableColumns);
  const visibleIds = storedColumns ?? defaultUserColumns;
  const columns = useMemo(() => userColumns.filter((c) => visibleIds.includes(c.id)), [visibleIds]);

  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const group = useApiQuery(
    'getGroup',
    { profileId: profileId ?? '', groupId: filters.group ?? '' },
    { enabled: !!profileId && !!filters.group },
  );

  const query = {
    profileId: profileId ?? '',
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(filters.directory ? { directoryId: filters.directory } : {}),
    ...(filters.group ? { groupId: filters.group } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(attribute ? { customAttribute: attribute } : {}),
    sort: filters.sort,
    order: filters.order,
  };
  const users = useApiPages('listUsers', { ...query, limit: PAGE_SIZE }, { enabled: !!profileId && !attributeError });
  useEffect(() => {
    if (debouncedSearch !== filters.q) set({ q: debouncedSearch });
    // `set` is recreated each render; only the search text decides whether the URL changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch, filters.q]);

  const filtered = !!(debouncedSearch || filters.directory || filters.group || filters.state || filters.attrText);
  const clearAll = () => {
    setSearch('');
    setAttrDraft('');
    set({ q: null, directory: null, group: null, state: null, attr: null });
  };
  const applyAttr = () => {
    // Kept as typed even when malformed: the field then says what is wrong, instead of the
    // filter being dropped without a word.
    set({ attr: attrDraft.trim() || null });
  };

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
        <Group gap="xs" wrap="wrap">
          <TextInput
            ref={searchRef}
            w={300}
            placeholder="Search users…  ( / )"
            leftSection={<IconSearch size={14} />}
            rightSection={
              search ? <CloseButton size="xs" onClick={() => setSearch('')} aria-label="Clear search" /> : null
            }
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label="Search users"
            data-testid="user-search"
          />
          <Select
            w={200}
            placeholder="All directories"
            clearable
            searchable
            data={(directories.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={filters.directory}
            onChange={(v) => set({ directory: v })}
            aria-label="Directory"
            data-testid="user-directory-filter"
          />
          <Select
            w={140}
            placeholder="Any state"
            clearable
            data={USER_STATES.map((s) => ({ value: s, label: USER_STATE_LABELS[s] }))}
            value={filters.state}
            onChange={(v) => set({ state: v })}
            aria-label="State"
            data-testid="user-state-filter"
          />
          <Tooltip label="Custom attribute, e.g. department=Finance — press Enter">
            <TextInput
              w={210}
              placeholder="attribute=value"
              value={attrDraft}
              onChange={(e) => setAttrDraft(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && applyAttr()}
              onBlur={applyAttr}
              classNames={{ input: 'mono' }}
              aria-label="Custom attribute filter"
              error={attributeError}
              data-testid="user-attribute-filter"
            />
          </Tooltip>
          {filters.group && (
            <Badge
              size="lg"
              variant="light"
              rightSection={
                <CloseButton size="xs" onClick={() => set({ group: null })} aria-label="Remove group filter" />
              }
              data-testid="user-group-filter"
            >
              Group: {group.data?.group?.name ?? filters.group}
            </Badge>
          )}
          {filtered && (
            <Button variant="subtle" color="gray" onClick={clearAll}>
              Clear filters
            </Button>
          )}
          <Text size="xs" c="dimmed" ml="auto" className="tabular" data-testid="user-count">
            {users.isPending ? '' : count}
          </Text>
        </Group>
      </PageHeader>
      <ScreenBody flush>
        <Card padding={0} radius={0} className={classes.tableCard} bg="var(--app-surface)">
          {attributeError ? (
            <EmptyView
              icon={<IconSearch size={22} />}
              title="The attribute filter is malformed"
              description={attributeError}
              actions={
                <Button variant="default" onClick={clearAll}>
                  Clear filters
                </Button>
              }
            />
          ) : users.isPending ? (
            <LoadingState rows={12} />
          ) : users.error ? (
            <ErrorState error={users.error} onRetry={() => void users.refetch()} />
          ) : users.items.length === 0 ? (
            <EmptyView
              icon={filtered ? <IconSearch size={22} /> : <IconUsers size={22} />}
              title={filtered ? 'No user matches' : 'No users cached yet'}
              description={
                filtered
                  ? 'Search covers names, emails, usernames and ids across every directory.'
                  : 'Users appear once a sync has fetched them.'
              }
              actions={
                filtered && (
                  <Button variant="default" onClick={clearAll}>
                    Clear filters
                  </Button>
                )
              }
            />
          ) : (
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
        </Card>
      </ScreenBody>
    </Screen>
  );
}
