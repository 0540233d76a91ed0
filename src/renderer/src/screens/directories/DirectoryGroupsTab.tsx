import { Table, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useApiPages } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatNumber } from '../../lib/format';
import { rowKeyDown } from '../../lib/use-row-keyboard-nav';
import { LoadMore } from '../../components/LoadMore';

export function DirectoryGroupsTab({ profileId, directoryId }: { profileId: string; directoryId: string }) {
  const groups = useApiPages('listGroups', { profileId, directoryId, limit: 100 });
  const navigate = useNavigate();
  return (
    <QueryState
      query={groups}
      rows={4}
      empty={<EmptyView icon={<IconUsersGroup size={22} />} title="No groups in this directory" />}
    >
      {() => (
        <>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Group</Table.Th>
                <Table.Th>IdP id</Table.Th>
                <Table.Th ta="right">Members</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.items.map((g) => {
                const open = () => navigate(`/groups/${encodeURIComponent(g.id)}`);
                return (
                  <Table.Tr
                    key={g.id}
                    onClick={open}
                    onKeyDown={rowKeyDown(open)}
                    tabIndex={0}
                    data-row
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td fw={500}>{g.name}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" className="mono">
                        {g.idpId}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {formatNumber(g.members)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <LoadMore query={groups} label="Load more groups" />
        </>
      )}
    </QueryState>
  );
}
