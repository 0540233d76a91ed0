import { ActionIcon, Button, Group, PasswordInput, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MAX_VERIFY_SECRETS } from '../../../../shared/api';

interface SecretsInputProps {
  value: string[];
  onChange(value: string[]): void;
  /** Index of the secret that verified the delivery, to mark it. */
  matched?: number | null;
}

/**
 * Webhook secrets, tried in order (an endpoint mid-rotation has two). They stay in this
 * screen's memory only: never persisted, never sent anywhere but the verify call.
 */
export function SecretsInput({ value, onChange, matched }: SecretsInputProps) {
  const secrets = value.length ? value : [''];
  const update = (i: number, v: string) => onChange(secrets.map((s, j) => (j === i ? v : s)));
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Webhook secrets
        </Text>
        <Text size="xs" c="dimmed">
          Tried in order · kept in memory only
        </Text>
      </Group>
      {secrets.map((secret, i) => (
        <Group key={i} gap={6} wrap="nowrap">
          <PasswordInput
            flex={1}
            size="xs"
            value={secret}
            onChange={(e) => update(i, e.currentTarget.value)}
            placeholder={
              i === 0 ? 'The endpoint secret from the WorkOS dashboard' : 'Another secret (e.g. during rotation)'
            }
            aria-label={`Secret ${i + 1}`}
            data-testid={`secret-${i}`}
            autoComplete="off"
            styles={matched === i ? { input: { borderColor: 'var(--mantine-color-teal-6)' } } : undefined}
          />
          {secrets.length > 1 && (
            <Tooltip label="Remove this secret">
              <ActionIcon
                onClick={() => onChange(secrets.filter((_, j) => j !== i))}
                aria-label={`Remove secret ${i + 1}`}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ))}
      {secrets.length < MAX_VERIFY_SECRETS && (
        <Button
          variant="subtle"
          color="gray"
          size="compact-xs"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...secrets, ''])}
          w="fit-content"
        >
          Add a secret
        </Button>
      )}
    </Stack>
  );
}
