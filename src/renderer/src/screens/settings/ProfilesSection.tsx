import { Alert, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconFlask, IconInfoCircle, IconKey, IconPlus } from '@tabler/icons-react';
import { useProfiles } from '../../app/session';
import { SettingsSection } from '../../components/SettingsSection';
import { ErrorState, LoadingState } from '../../components/StateViews';

export function ProfilesSection() {
  const profiles = useProfiles();
  const onlyDemo = profiles.data?.every((p) => p.isDemo) ?? false;

  return (
    <SettingsSection
      title="Profiles"
      description="Each profile is one WorkOS environment (API key and base URL). The key is stored by the core and never shown again."
      testId="settings-profiles"
    >
      {profiles.isPending && <LoadingState rows={2} />}
      {profiles.error && <ErrorState error={profiles.error} onRetry={() => void profiles.refetch()} />}
      {profiles.data && (
        <>
          {onlyDemo && (
            <Alert variant="light" color="grape" icon={<IconFlask size={16} />} mb="sm" p="xs">
              <Text size="sm">
                You are looking at <b>demo data</b> from the built-in emulator. Add a profile with your WorkOS API key
                to see your own directories.
              </Text>
            </Alert>
          )}
          <Table highlightOnHover withRowBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>API</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th w={90}>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profiles.data.map((p) => (
                <Table.Tr key={p.id} data-testid="profile-row">
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
                    <Text size="sm" c="dimmed" className="mono">
                      {p.apiBaseUrl}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="mono">
                      {p.maskedKey ?? (p.isDemo ? 'not needed' : 'none stored')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {p.active ? (
                      <Badge color="teal" size="sm">
                        active
                      </Badge>
                    ) : (
                      <Badge color="gray" size="sm">
                        inactive
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="sm">
            <Group gap={6}>
              <IconInfoCircle size={14} color="var(--app-muted)" />
              <Text size="xs" c="dimmed">
                Adding, editing and testing profiles is a placeholder: it comes with profile management in the core
                (issue 4).
              </Text>
            </Group>
            <Tooltip label="Coming with profile management (issue 4)">
              <Button leftSection={<IconPlus size={14} />} variant="default" disabled data-disabled>
                Add profile
              </Button>
            </Tooltip>
          </Group>
        </>
      )}
    </SettingsSection>
  );
}
