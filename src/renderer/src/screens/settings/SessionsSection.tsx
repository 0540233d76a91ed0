import { Badge, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, useApiQuery } from '../../api/queries';
import { useTeamSession } from '../../app/team-session';
import { SettingsSection } from '../../components/SettingsSection';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';

/** Team server admins: who is signed in, from a browser or a connected console; revoke one. */
export function SessionsSection() {
  const session = useTeamSession();
  if (session?.role !== 'admin') return null;
  return <SessionList />;
}

function SessionList() {
  const client = useQueryClient();
  const now = useNow();
  const sessions = useApiQuery('listSessions');
  const revoke = useMutation({
    mutationFn: (handle: string) => callApi('revokeSession', { handle }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['listSessions'] }),
    onError: (e: Error) => notifications.show({ color: 'red', title: 'Not revoked', message: e.message }),
  });
  return (
    <SettingsSection
      title="Sessions"
      description="People signed in to this team server, in a browser or through a console on their computer. Revoking a session signs it out at once."
      testId="settings-sessions"
    >
      {sessions.isPending && <LoadingState rows={2} />}
      {sessions.error && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.data && (
        <Table withRowBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Who</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th w={90} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((s) => (
              <Table.Tr key={s.handle} data-testid="session-row">
                <Table.Td>
                  <Text size="sm">
                    {s.email ?? s.name ?? 'unknown'} ({s.role})
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={s.via === 'console' ? 'indigo' : 'gray'}>
                    {s.via}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatRelative(s.createdAt, now)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatRelative(s.lastSeenAt, now)}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => revoke.mutate(s.handle)}
                    loading={revoke.isPending && revoke.variables === s.handle}
                    data-testid="session-revoke"
                  >
                    Revoke
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SettingsSection>
  );
}
