import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Kbd,
  List,
  Menu,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { getHotkeyHandler, useDebouncedCallback } from '@mantine/hooks';
import { IconChevronDown, IconShieldSearch, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { DEFAULT_TOLERANCE_S, type ParsedPaste } from '../../../../shared/api';
import { ErrorState, EmptyView } from '../../components/StateViews';
import { modKeyLabel } from '../../app/navigation';
import { buildExampleDelivery } from './example-delivery';
import { SecretsInput } from './SecretsInput';
import { VerdictView } from './VerdictView';
import { useParsePaste, useVerifyWebhook } from './webhook-queries';

const pasteKindLabel: Record<ParsedPaste['kind'], string> = {
  curl: 'curl command',
  http_request: 'raw HTTP request',
  header_and_body: 'header and body',
  body_only: 'body only',
  empty: 'nothing yet',
};

/** Paste a delivery (raw request, curl, or just the body), add secrets, get a diagnosis. */
export function VerifyPanel() {
  const [paste, setPaste] = useState('');
  const [header, setHeader] = useState('');
  const [body, setBody] = useState('');
  const [secrets, setSecrets] = useState<string[]>(['']);
  const [tolerance, setTolerance] = useState<number>(DEFAULT_TOLERANCE_S);
  const parse = useParsePaste();
  const verify = useVerifyWebhook();

  const parseNow = useDebouncedCallback((text: string) => {
    if (!text.trim()) return;
    parse.mutate(text, {
      onSuccess: (parsed) => {
        if (parsed.header !== null) setHeader(parsed.header);
        if (parsed.body !== null) setBody(parsed.body);
      },
    });
  }, 250);

  const canVerify = header.trim() !== '' || body !== '';
  const run = () => {
    if (!canVerify) return;
    verify.mutate({ body, header, secrets: secrets.filter((s) => s !== ''), toleranceS: tolerance });
  };

  const loadExample = async (variant: 'valid' | 'reserialized') => {
    const example = await buildExampleDelivery(variant);
    setPaste(example.rawRequest);
    setSecrets([example.secret]);
    parseNow(example.rawRequest);
    verify.reset();
  };

  const hotkeys = getHotkeyHandler([['mod+Enter', run]]);

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card padding="md" bg="var(--app-surface)">
          <Stack gap="sm" onKeyDown={hotkeys}>
            <Group justify="space-between">
              <Text fw={600}>Delivery</Text>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    leftSection={<IconSparkles size={13} />}
                    rightSection={<IconChevronDown size={12} />}
                    data-testid="example-menu"
                  >
                    Try an example
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => void loadExample('valid')}>A valid delivery</Menu.Item>
                  <Menu.Item onClick={() => void loadExample('reserialized')} data-testid="example-reserialized">
                    Body pretty-printed before verifying
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
            <Textarea
              label="Paste from your logs"
              description="A raw HTTP request, a curl command, or header and body — the fields below fill themselves."
              placeholder={
                'POST /webhooks/workos HTTP/1.1\nWorkOS-Signature: t=1700000000000, v1=…\n\n{"id":"event_…", …}'
              }
              value={paste}
              onChange={(e) => {
                setPaste(e.currentTarget.value);
                parseNow(e.currentTarget.value);
              }}
              autosize
              minRows={4}
              maxRows={10}
              classNames={{ input: 'mono' }}
              data-testid="webhook-paste"
              spellCheck={false}
            />
            {parse.data && paste.trim() && (
              <Stack gap={2}>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    Recognised:
                  </Text>
                  <Badge size="xs" color="gray" data-testid="paste-kind">
                    {pasteKindLabel[parse.data.kind]}
                  </Badge>
                </Group>
                {parse.data.notes.length > 0 && (
                  <List size="xs" c="dimmed" spacing={0}>
                    {parse.data.notes.map((n, i) => (
                      <List.Item key={i}>{n}</List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            )}
            {parse.error && (
              <Text size="xs" c="red">
                {parse.error.message}
              </Text>
            )}
            <TextInput
              label="WorkOS-Signature header"
              placeholder="t=1700000000000, v1=5257a869…"
              value={header}
              onChange={(e) => setHeader(e.currentTarget.value)}
              classNames={{ input: 'mono' }}
              data-testid="webhook-header"
              spellCheck={false}
            />
            <Textarea
              label="Raw body"
              description="Exactly as received. Any re-formatting changes the bytes and breaks the signature."
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={4}
              maxRows={12}
              classNames={{ input: 'mono' }}
              data-testid="webhook-body"
              spellCheck={false}
            />
            <SecretsInput value={secrets} onChange={setSecrets} matched={verify.data?.matchedSecret ?? null} />
            <Group justify="space-between" align="flex-end">
              <NumberInput
                label="Tolerance (seconds)"
                value={tolerance}
                onChange={(v) => setTolerance(typeof v === 'number' ? v : DEFAULT_TOLERANCE_S)}
                min={0}
                w={150}
                size="xs"
              />
              <Group gap={8}>
                <Text size="xs" c="dimmed">
                  <Kbd size="xs">{modKeyLabel}</Kbd> + <Kbd size="xs">Enter</Kbd>
                </Text>
                <Button
                  size="sm"
                  leftSection={<IconShieldSearch size={16} />}
                  onClick={run}
                  loading={verify.isPending}
                  disabled={!canVerify}
                  data-testid="verify-button"
                >
                  Verify
                </Button>
              </Group>
            </Group>
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        {verify.error ? (
          <ErrorState error={verify.error} title="Verification could not run" onRetry={run} />
        ) : verify.data ? (
          <VerdictView verdict={verify.data} />
        ) : (
          <Card padding="md" bg="var(--app-surface)">
            <EmptyView
              icon={<IconShieldSearch size={22} />}
              title="Paste a delivery to diagnose it"
              description="The console checks the header, the timestamp, each secret and the body bytes, and tells you which step fails and why — including when the body was re-serialized before verification."
              actions={
                <Button variant="default" onClick={() => void loadExample('reserialized')}>
                  Show me with an example
                </Button>
              }
            />
          </Card>
        )}
      </Grid.Col>
    </Grid>
  );
}
