import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { DEFAULT_API_BASE_URL, type ProfileSummary } from '../../../../shared/api';
import { useProfileMutations } from '../../app/profile-mutations';

/**
 * Add a profile, or edit one. The key is typed once, sent to the core, and the field is
 * cleared; afterwards only the masked form (`sk_live_…4f2a`) is ever shown.
 */
export function ProfileFormModal({
  opened,
  onClose,
  profile,
}: {
  opened: boolean;
  onClose(): void;
  /** Edit this profile; absent to add a new one. */
  profile?: ProfileSummary;
}) {
  const { create, update, test } = useProfileMutations();
  const [name, setName] = useState(profile?.name ?? '');
  const [apiBaseUrl, setApiBaseUrl] = useState(profile?.apiBaseUrl ?? DEFAULT_API_BASE_URL);
  const [apiKey, setApiKey] = useState('');
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  const close = () => {
    setApiKey('');
    create.reset();
    update.reset();
    test.reset();
    onClose();
  };
  const save = () => {
    const done = { onSuccess: close };
    if (profile) {
      update.mutate({ profileId: profile.id, name, apiBaseUrl, ...(apiKey ? { apiKey } : {}) }, done);
    } else {
      create.mutate({ name, apiBaseUrl, apiKey }, done);
    }
  };
  const runTest = () =>
    test.mutate(apiKey ? { apiBaseUrl, apiKey } : profile ? { profileId: profile.id } : { apiBaseUrl, apiKey });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={profile ? `Edit ${profile.name}` : 'Add a WorkOS profile'}
      size="md"
      centered
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="Production"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
          data-testid="profile-name"
        />
        <TextInput
          label="API base URL"
          value={apiBaseUrl}
          onChange={(e) => setApiBaseUrl(e.currentTarget.value)}
          classNames={{ input: 'mono' }}
          data-testid="profile-base-url"
        />
        <PasswordInput
          label={profile ? 'Replace API key' : 'API key'}
          description={
            profile
              ? `Stored: ${profile.maskedKey ?? 'none'}. Leave empty to keep it.`
              : 'Starts with sk_. Stored by the core (OS keychain in the desktop app, a 0600 file otherwise) and never shown again.'
          }
          placeholder="sk_live_…"
          value={apiKey}
          onChange={(e) => setApiKey(e.currentTarget.value)}
          autoComplete="off"
          classNames={{ input: 'mono' }}
          data-testid="profile-api-key"
        />
        {test.data && (
          <Alert color={test.data.ok ? 'teal' : 'red'} variant="light" p="xs" data-testid="connection-test-result">
            <Text size="sm">
              {test.data.message}
              {test.data.directories !== null ? ` · ${test.data.directories} directories visible` : ''}
            </Text>
          </Alert>
        )}
        {test.error && (
          <Alert color="red" variant="light" p="xs">
            <Text size="sm">{test.error.message}</Text>
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" p="xs" data-testid="profile-form-error">
            <Text size="sm">{error.message}</Text>
          </Alert>
        )}
        <Group justify="space-between" mt="xs">
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={14} />}
            onClick={runTest}
            loading={test.isPending}
            disabled={!profile && !apiKey}
            data-testid="profile-test"
          >
            Test connection
          </Button>
          <Group gap="xs">
            <Button variant="subtle" color="gray" onClick={close}>
              Cancel
            </Button>
            <Button
              onClick={save}
              loading={saving}
              disabled={!name.trim() || (!profile && !apiKey)}
              data-testid="profile-save"
            >
              {profile ? 'Save' : 'Add profile'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
