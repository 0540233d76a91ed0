import { Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useApiPages, useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatDate, formatNumber, loadedCountLabel } from '../../lib/format';
import { rowKeyDown } from '../../lib/use-row-keyboard-nav';
import classes from './GroupsScreen.module.css';
import { LoadMore } from '../../components/LoadMore';

export function GroupsScreen() {
  const profileId = useProfileId();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const directory = params.get('directory');
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const groups = useApiPages(
    'listGroups',
    {
      profileId: profileId ?? '',
      limit: 200,
      ...(debounced ? { search: debounced } : {}),
      ...(directory ? { directoryId: directory } : {}),
    },
    { enabled: !!profileId },
  );
  const filtered = !!debounced || !!directory;

  return (
    <Screen testId="screen-groups">
      <PageHeader
        title="Groups"
        description="Groups across all directories, with member counts. Open one for its members and membership history."
      >
        <Group gap="xs">
          <TextInput
            w={280}
            placeholder="Search groups"
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label="Search groups"
            data-testid="group-search"
          />
          <Select
            w={220}
            placeholder="All directories"
            clearable
            searchable
            data={(directories.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={directory}
            onChange={(v) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (v) next.set('directory', v);
                  else next.delete('directory');
                  return next;
                },
                { replace: true },
              )
            }
            aria-label="Directory"
          />
          <Text size="xs" c="dimmed" ml="auto" className="tabular" data-testid="group-count">
            {groups.isPending ? '' : loadedCountLabel(groups, 'groups')}
          </Text>
        </Group>
      </PageHeader>
      <ScreenBody flush>
        <div className={classes.scroll}>
          <QueryState
            query={groups}
            rows={10}
            empty={
              <EmptyView
                icon={<IconUsersGroup size={22} />}
                title={filtered ? 'No group matches' : 'No groups cached yet'}
                actions={
                  filtered && (
                    <Button
                      variant="default"
                      onClick={() => {
                        setSearch('');
                        setParams({}, { replace: true });
                      }}
                    >
                      Clear filters
                    </Button>
                  )
                }
              />
            }
          >
            {() => (
              <Card padding={0} radius={0} bg="var(--app-surface)" className={classes.card}>
                <Table stickyHeader className={classes.table} data-testid="group-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Group</Table.Th>
                      <Table.Th>Directory</Table.Th>
                      <Table.Th ta="right">Members</Table.Th>
                      <Table.Th>Created</Table.Th>
                      <Table.Th>Updated</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {groups.items.map((g) => {
                      const open = () => navigate(`/groups/${encodeURIComponent(g.id)}`);
                      return (
                        <Table.Tr
                          key={g.id}
                          className={classes.row}
                          onClick={open}
                          onKeyDown={rowKeyDown(open)}
                          tabIndex={0}
                          data-row
                          data-testid="group-row"
                        >
                          <Table.Td>
                            <Text size="sm" fw={550} truncate>
                              {g.name}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" c="dimmed" truncate>
                              {g.directoryName}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right" className="tabular">
                            <Text size="sm" c={g.members ? undefined : 'orange'}>
                              {formatNumber(g.members)}
                            </Text>
                          </Table.Td>
                          <Table.Td className="tabular" c="dimmed">
                            {formatDate(g.createdAt)}
                          </Table.Td>
                          <Table.Td className="tabular" c="dimmed">
                            {formatDate(g.updatedAt)}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
                <LoadMore query={groups} />
              </Card>
            )}
          </QueryState>
        </div>
      </ScreenBody>
    </Screen>
  );
}
