/**
 * Who was in the group at a moment: a table (name, email, state, directory) with CSV export,
 * a date-time picker opening on a moment that has an answer (just before the group's last
 * membership change, or 24 h ago), where history begins, and who joined or left since.
 */
import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { MemberAt } from '../../../../shared/api';
import { callApi, useApiQuery } from '../../api/queries';
import { UserStateBadge } from '../../components/badges';
import { ProgressiveRows } from '../../components/ProgressiveRows';
import { QueryState } from '../../components/QueryState';
import { type CsvColumn } from '../../lib/csv';
import { exportPagesAsCsv } from '../../lib/export-pages';
import { formatDateTime, formatDateTimeSeconds, formatNumber } from '../../lib/format';
import { isoToLocalSeconds, localInputToIso } from '../../lib/local-time';
import { useProgressiveCount } from '../../lib/use-progressive-count';

const csvColumns: CsvColumn<MemberAt>[] = [
  { header: 'name', value: (m) => m.displayName },
  { header: 'email', value: (m) => m.email },
  { header: 'state_now', value: (m) => (m.deleted ? 'deleted' : m.state) },
  { header: 'directory', value: (m) => m.directoryName },
  { header: 'user_id', value: (m) => m.id },
  { header: 'directory_id', value: (m) => m.directoryId },
];

/** Rows each table draws, and all the core sends for it; the export asks for every member. */
const SHOWN = 500;

const renderMemberRow = (m: MemberAt) => (
  <Table.Tr key={m.id} data-testid="member-at-row">
    <Table.Td>
      <Anchor component={Link} to={`/users/${encodeURIComponent(m.id)}`} size="sm" title={`user id: ${m.id}`}>
        {m.displayName}
      </Anchor>
    </Table.Td>
    <Table.Td fz="sm">{m.email ?? '—'}</Table.Td>
    <Table.Td>
      {m.deleted ? (
        <Badge size="sm" color="red" variant="light">
          deleted
        </Badge>
      ) : m.state ? (
        <UserStateBadge state={m.state} />
      ) : (
        '—'
      )}
    </Table.Td>
    <Table.Td fz="sm">{m.directoryName ?? '—'}</Table.Td>
  </Table.Tr>
);

/** Rows paint a chunk at a time (a 4,878-member group drew 500 rows in one task). */
function MembersTable({ members, total, testId }: { members: MemberAt[]; total: number; testId: string }) {
  const shown = useProgressiveCount(members.length, members);
  if (members.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nobody.
      </Text>
    );
  return (
    <Table highlightOnHover verticalSpacing={4} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th title="The user's state now (deleted: gone from WorkOS since)">State now</Table.Th>
          <Table.Th>Directory</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <ProgressiveRows items={members} shown={shown} render={renderMemberRow} />
      </Table.Tbody>
      {total > members.length && (
        <Table.Caption>
          First {formatNumber(members.length)} of {formatNumber(total)}; export CSV for all.
        </Table.Caption>
      )}
    </Table>
  );
}

export function MembersAtTab({
  profileId,
  groupId,
  groupName,
}: {
  profileId: string;
  groupId: string;
  groupName: string;
}) {
  // Null until the user picks: the core then chooses a useful moment and says which.
  const [picked, setPicked] = useState<string | null>(null);
  const [compare, setCompare] = useState(true);
  const at = picked ? localInputToIso(picked) : null;
  const result = useApiQuery(
    'getGroupMembersAt',
    { profileId, groupId, ...(at ? { at } : {}), compareWithNow: compare, limit: SHOWN },
    { placeholderData: (p) => p },
  );
  const [exporting, setExporting] = useState(false);
  const data = result.data;
  const inputValue = picked ?? (data ? isoToLocalSeconds(data.at) : '');
  const beforeHistory = data?.knownFrom ? Date.parse(data.at) < Date.parse(data.knownFrom) : false;
  // The table holds the first SHOWN members; the file gets all of them at the moment shown.
  const exportCsv = async () => {
    if (!data) return;
    setExporting(true);
    try {
      await exportPagesAsCsv({
        what: `members-${groupName}-${data.at.slice(0, 19)}`,
        title: `Exporting the members of ${groupName}…`,
        noun: 'members',
        columns: csvColumns,
        fetchPage: async () => {
          const all = await callApi('getGroupMembersAt', { profileId, groupId, at: data.at, compareWithNow: false });
          return { items: all.members, nextCursor: null };
        },
      });
    } finally {
      setExporting(false);
    }
  };
  return (
    <Stack gap="sm" p="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="datetime-local"
          step={1}
          label="Who was in this group at"
          value={inputValue}
          // Cleared: back to the moment the core suggests.
          onChange={(e) => setPicked(e.currentTarget.value || null)}
          w={240}
          data-testid="members-at-date"
        />
        <Switch
          label="Compare with now"
          checked={compare}
          onChange={(e) => setCompare(e.currentTarget.checked)}
          pb={8}
          data-testid="members-at-compare"
        />
        <Button
          variant="default"
          leftSection={<IconDownload size={14} />}
          // While a newly picked moment loads, `data` is still the previous moment's answer.
          disabled={!data || result.isPlaceholderData || data.counts.members === 0}
          loading={exporting}
          onClick={() => void exportCsv()}
          data-testid="members-at-export"
        >
          Export CSV
        </Button>
      </Group>
      {data && (
        <Text size="xs" c="dimmed" data-testid="members-at-context">
          {data.knownFrom ? `History of this group begins ${formatDateTime(data.knownFrom)}` : 'No history yet'}
          {data.lastChangeAt ? ` · last membership change ${formatDateTime(data.lastChangeAt)}` : ''}
          {!picked && data.lastChangeAt ? ' · showing the moment just before it' : ''}
        </Text>
      )}
      <QueryState
        query={result}
        rows={3}
        isEmpty={() => beforeHistory}
        empty={(data) => (
          <Alert color="yellow" variant="light">
            History for this group starts {formatDateTime(data.knownFrom)}; the console cannot say who was in it before.
          </Alert>
        )}
      >
        {(data) => (
          <Stack gap="md" data-testid="members-at">
            {data.joinedSince && data.leftSince && (
              <SimpleGrid cols={1} spacing="md" data-testid="members-at-compare-result">
                <Stack gap={4}>
                  <Text size="sm" fw={550} c="teal">
                    Joined since ({formatNumber(data.counts.joinedSince ?? data.joinedSince.length)})
                  </Text>
                  <MembersTable
                    members={data.joinedSince}
                    total={data.counts.joinedSince ?? data.joinedSince.length}
                    testId="members-joined-since"
                  />
                </Stack>
                <Stack gap={4}>
                  <Text size="sm" fw={550} c="red">
                    Left since ({formatNumber(data.counts.leftSince ?? data.leftSince.length)})
                  </Text>
                  <MembersTable
                    members={data.leftSince}
                    total={data.counts.leftSince ?? data.leftSince.length}
                    testId="members-left-since"
                  />
                </Stack>
              </SimpleGrid>
            )}
            <Text size="sm" fw={550}>
              {formatNumber(data.counts.members)} members at {formatDateTimeSeconds(data.at)}
            </Text>
            <MembersTable members={data.members} total={data.counts.members} testId="members-at-table" />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
