import {
  ActionIcon,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconPlayerPlay, IconPlayerStop, IconAntennaBars5 } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReceiverStatus } from '../../../../shared/api';
import { QueryState } from '../../components/QueryState';
import { formatNumber, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { SecretsInput } from './SecretsInput';
import { useReceiverControl, useReceiverStatus } from './webhook-queries';

/** The local receiver: where to point WorkOS (or a tunnel), and its on/off switch. */
export function ReceiverCard() {
  const status = useReceiverStatus();
  return (
    <QueryState query={status} rows={2}>
      {(s) => <ReceiverControls s={s} />}
    </QueryState>
  );
}

function ReceiverControls({ s }: { s: ReceiverStatus }) {
  const { start, stop } = useReceiverControl();
  const now = useNow();
  const [port, setPort] = useState<number>(0);
  const [path, setPath] = useState('/webhooks/workos');
  const [secrets, setSecrets] = useState<string[]>(['']);

  const actionError = start.error ?? stop.error;

  return (
    <Card padding="md" bg="var(--app-surface)" data-testid="receiver-card" data-running={s.running}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Badge color={s.running ? 'teal' : 'gray'} variant="dot" size="lg" mt={2}>
            {s.running ? 'Receiving' : 'Stopped'}
          </Badge>
          <Stack gap={2}>
            {s.running && s.url ? (
              <Group gap={4} wrap="nowrap">
                <Text size="sm" className="mono" data-testid="receiver-url">
                  {s.url}
                </Text>
                <CopyButton value={s.url}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy URL'}>
                      <ActionIcon size="sm" onClick={copy} aria-label="Copy receiver URL">
                        {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            ) : (
              <Text size="sm" fw={500}>
                Local webhook receiver
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {s.running
                ? `${formatNumber(s.deliveries)} ${s.deliveries === 1 ? 'delivery' : 'deliveries'} · last ${s.lastDeliveryAt ? formatRelative(new Date(s.lastDeliveryAt).toISOString(), now) : 'never'} · ${s.secretsConfigured} secret${s.secretsConfigured === 1 ? '' : 's'} configured`
                : 'Listens on loopback. Point WorkOS at it through a tunnel to watch real deliveries arrive and be verified.'}
            </Text>
          </Stack>
        </Group>
        {s.running && (
          <Button
            variant="default"
            leftSection={<IconPlayerStop size={14} />}
            onClick={() => stop.mutate()}
            loading={stop.isPending}
            data-testid="receiver-stop"
          >
            Stop
          </Button>
        )}
      </Group>
      {!s.running && (
        <Group align="flex-start" mt="sm" gap="md" wrap="wrap">
          <NumberInput
            label="Port"
            description="0 picks a free one"
            value={port}
            onChange={(v) => setPort(typeof v === 'number' ? v : 0)}
            min={0}
            max={65535}
            w={120}
            size="xs"
          />
          <TextInput
            label="Path"
            description="Where deliveries are POSTed"
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            w={200}
            classNames={{ input: 'mono' }}
          />
          <div style={{ flex: 1, minWidth: 260 }}>
            <SecretsInput value={secrets} onChange={setSecrets} />
          </div>
          <Button
            mt={22}
            leftSection={<IconPlayerPlay size={14} />}
            onClick={() => start.mutate({ port, path, secrets: secrets.filter(Boolean) })}
            loading={start.isPending}
            data-testid="receiver-start"
          >
            Start receiver
          </Button>
        </Group>
      )}
      {(s.error ?? actionError) && (
        <Group gap={6} mt="xs">
          <IconAntennaBars5 size={14} color="var(--mantine-color-red-6)" />
          <Text size="xs" c="red">
            {s.error ?? actionError?.message}
          </Text>
        </Group>
      )}
    </Card>
  );
}
