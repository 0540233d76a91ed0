import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconServer } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProfileSummary } from '../../../../shared/api';
import { callApi } from '../../api/queries';
import { useProfileMutations } from '../../app/profile-mutations';
import { useProfiles } from '../../app/session';
import { useTeamSignIn } from '../../app/team-sign-in';
import { SettingsSection } from '../../components/SettingsSection';
import { ProfileActivation } from './ProfileActivation';

function TeamServerRow({ p }: { p: ProfileSummary }) {
  const client = useQueryClient();
  const { activate, remove } = useProfileMutations();
  const signIn = useTeamSignIn(p.id);
  const signOut = useMutation({
    mutationFn: () => callApi('signOutOfTeamServer', { profileId: p.id }),
    onSuccess: () => void client.invalidateQueries(),
  });
  const team = p.team;
  return (
    <Table.Tr data-testid="team-server-row">
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <IconServer size={15} />
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" className="mono" truncate>
          {p.apiBaseUrl}
        </Text>
      </Table.Td>
      <Table.Td data-testid="team-server-state">
        {team?.signedIn ? (
          <Text size="sm">
            {team.email ?? team.name} ({team.role}){team.profileName ? ` · ${team.profileName}` : ''}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {team?.message ?? 'Not signed in.'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {team?.signedIn ? (
            <Button size="compact-xs" variant="subtle" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              Sign out
            </Button>
          ) : (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => signIn.mutate()}
              loading={signIn.isPending}
              data-testid="team-server-sign-in"
            >
              Sign in
            </Button>
          )}
          <ProfileActivation profile={p} activate={activate} />
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate(p.id)}>
            Remove
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Team servers this machine reads from: add one, sign in through the browser, use it. */
export function TeamServersSection() {
  const profiles = useProfiles();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const add = useMutation({
    mutationFn: () => callApi('addTeamServer', { name, serverUrl }),
    onSuccess: (p) => {
      setName('');
      setServerUrl('');
      void client.invalidateQueries({ queryKey: ['listProfiles'] });
      notifications.show({ color: 'teal', title: 'Team server added', message: `Use ${p.name}, then sign in.` });
    },
  });
  const teams = profiles.data?.filter((p) => p.kind === 'team-server') ?? [];
  return (
    <SettingsSection
      title="Team servers"
      description="Read a team's shared console (dsync-console serve) instead of holding an API key here: you sign in with your company account, the server keeps the key and syncs, and this machine keeps only a session."
      testId="settings-team-servers"
    >
      <Stack gap="sm">
        {teams.length > 0 && (
          <Table withRowBorders>
            <Table.Tbody>
              {teams.map((p) => (
                <TeamServerRow key={p.id} p={p} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Name"
              placeholder="Team"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="team-server-name"
            />
            <TextInput
              label="Server address"
              placeholder="https://dsync.example.com"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="team-server-url"
            />
            <Button
              type="submit"
              leftSection={<IconPlus size={14} />}
              loading={add.isPending}
              disabled={!name.trim() || !serverUrl.trim()}
              data-testid="add-team-server"
            >
              Add team server
            </Button>
          </Group>
        </form>
        {add.error && (
          <Alert color="red" variant="light" p="xs">
            <Text size="sm">{add.error.message}</Text>
          </Alert>
        )}
      </Stack>
    </SettingsSection>
  );
}
