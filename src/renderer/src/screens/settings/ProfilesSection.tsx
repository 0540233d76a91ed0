import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Table, Text, Tooltip } from '@mantine/core';
import { IconDots, IconFlask, IconKey, IconPencil, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProfileStatus as ProfileStatusValue, ProfileSummary } from '../../../../shared/api';
import { useApiQuery } from '../../api/queries';
import { useProfiles } from '../../app/session';
import { SettingsSection } from '../../components/SettingsSection';
import { ProfileActivation } from './ProfileActivation';
import { QueryState } from '../../components/QueryState';
import { ProfileFormModal } from './ProfileFormModal';
import { useProfileMutations } from '../../app/profile-mutations';

const statusColor: Record<string, string> = {
  ok: 'teal',
  unknown: 'gray',
  invalid_key: 'red',
  forbidden: 'red',
  unreachable: 'orange',
  error: 'red',
};

function ProfileStatusBadge({ status: s }: { status: ProfileStatusValue | undefined }) {
  if (!s) return null;
  return (
    <Tooltip
      label={[s.message, s.keyWarning].filter(Boolean).join(' · ') || `Key source: ${s.keySource}`}
      multiline
      w={280}
    >
      <Badge size="sm" color={statusColor[s.status] ?? 'gray'} variant="light" data-testid="profile-status">
        {s.status.replace(/_/g, ' ')}
      </Badge>
    </Tooltip>
  );
}

function ProfileRow({ p, status, onEdit }: { p: ProfileSummary; status?: ProfileStatusValue; onEdit(): void }) {
  const { activate, remove, test } = useProfileMutations();
  const [confirming, setConfirming] = useState(false);
  const confirmRemove = () => setConfirming(true);
  return (
    <Table.Tr data-testid="profile-row">
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Remove ${p.name}?`} centered size="sm">
        <Text size="sm">
          Its stored key and its cached directories, users and history are deleted from this machine.
        </Text>
        <Group justify="flex-end" mt="md" gap="xs">
          <Button variant="subtle" color="gray" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => remove.mutate(p.id, { onSettled: () => setConfirming(false) })}
            loading={remove.isPending}
          >
            Remove profile
          </Button>
        </Group>
      </Modal>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          {p.isDemo ? <IconFlask size={15} /> : <IconKey size={15} />}
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
          {p.isDemo && (
            <Badge size="xs" color="grape">
              demo data
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" className="mono" truncate>
          {p.apiBaseUrl}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="mono" data-testid="profile-masked-key">
          {p.maskedKey ?? (p.isDemo ? 'not needed' : 'none stored')}
        </Text>
      </Table.Td>
      <Table.Td>
        <ProfileStatusBadge status={status} />
      </Table.Td>
      <Table.Td>
        <ProfileActivation profile={p} activate={activate} />
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon aria-label={`Actions for ${p.name}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPlugConnected size={15} />} onClick={() => test.mutate({ profileId: p.id })}>
              Test connection
            </Menu.Item>
            <Menu.Item leftSection={<IconPencil size={15} />} onClick={onEdit} disabled={p.isDemo}>
              Edit…
            </Menu.Item>
            <Menu.Item leftSection={<IconTrash size={15} />} color="red" onClick={confirmRemove} disabled={p.isDemo}>
              Remove…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {test.data && (
          <Text size="xs" c={test.data.ok ? 'teal' : 'red'}>
            {test.data.message}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ProfilesSection() {
  const profiles = useProfiles();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ProfileSummary | null>(null);
  // One call for every profile's status, not one per row.
  const statuses = useApiQuery('listProfileStatuses');
  const statusById = new Map((statuses.data ?? []).map((s) => [s.profileId, s]));
  const activeIsDemo = profiles.data?.find((p) => p.active)?.isDemo ?? false;

  return (
    <SettingsSection
      title="Profiles"
      description="Each profile is one WorkOS environment (API key and base URL). The key is kept by the core and only ever shown masked."
      testId="settings-profiles"
    >
      <QueryState query={profiles} rows={2}>
        {(list) => (
          <>
            {activeIsDemo && (
              <Alert variant="light" color="grape" icon={<IconFlask size={16} />} mb="sm" p="xs">
                <Text size="sm">
                  You are looking at <b>demo data</b> from the built-in emulator. Add a profile with your WorkOS API key
                  to see your own directories.
                </Text>
              </Alert>
            )}
            <Table withRowBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>API</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Connection</Table.Th>
                  <Table.Th w={80} />
                  <Table.Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list
                  .filter((p) => p.kind !== 'team-server')
                  .map((p) => (
                    <ProfileRow key={p.id} p={p} status={statusById.get(p.id)} onEdit={() => setEditing(p)} />
                  ))}
              </Table.Tbody>
            </Table>
            <Group justify="flex-end" mt="sm">
              <Button leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} data-testid="add-profile">
                Add profile
              </Button>
            </Group>
          </>
        )}
      </QueryState>
      {adding && <ProfileFormModal opened onClose={() => setAdding(false)} />}
      {editing && <ProfileFormModal opened onClose={() => setEditing(null)} profile={editing} />}
    </SettingsSection>
  );
}
