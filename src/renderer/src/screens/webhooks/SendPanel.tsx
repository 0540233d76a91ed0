import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { ErrorState, EmptyView } from '../../components/StateViews';
import { InboxPicker } from './InboxPicker';
import { useReceiverStatus, useResignAndSend } from './webhook-queries';

/** Sign a payload as WorkOS would, with your secret and a fresh timestamp, and POST it. */
export function SendPanel() {
  const location = useLocation();
  const receiver = useReceiverStatus();
  const initial = (location.state ?? {}) as { payload?: string };
  const [payload, setPayload] = useState(initial.payload ?? '');
  const [secret, setSecret] = useState('');
  const [url, setUrl] = useState('');
  const send = useResignAndSend();
  const result = send.data;
  const receiverUrl = receiver.data?.running ? receiver.data.url : null;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card padding="md" bg="var(--app-surface)">
          <Stack gap="sm">
            <InboxPicker onPick={setPayload} testId="send-pick" />
            <Textarea
              label="Payload"
              description="Sent byte for byte as the body; the signature covers exactly these bytes."
              value={payload}
              onChange={(e) => setPayload(e.currentTarget.value)}
              autosize
              minRows={8}
              maxRows={16}
              classNames={{ input: 'mono' }}
              data-testid="send-payload"
              spellCheck={false}
            />
            <PasswordInput
              label="Secret to sign with"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              autoComplete="off"
              data-testid="send-secret"
              size="xs"
            />
            <TextInput
              label="Send to"
              placeholder="http://localhost:3000/webhooks/workos"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              classNames={{ input: 'mono' }}
              data-testid="send-url"
              description={
                receiverUrl ? (
                  <Text size="xs" span>
                    Or to this console's receiver:{' '}
                    <Text
                      span
                      size="xs"
                      c="indigo"
                      style={{ cursor: 'pointer' }}
                      onClick={() => setUrl(receiverUrl)}
                      className="mono"
                    >
                      {receiverUrl}
                    </Text>
                  </Text>
                ) : (
                  'Your local handler, a staging endpoint, or this console’s receiver.'
                )
              }
            />
            <Group justify="flex-end">
              <Button
                size="sm"
                leftSection={<IconSend size={16} />}
                onClick={() => send.mutate({ payload, secret, url })}
                loading={send.isPending}
                disabled={!payload || !secret || !url}
                data-testid="send-button"
              >
                Sign and send
              </Button>
            </Group>
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        {send.error ? (
          <ErrorState error={send.error} title="Nothing was sent" />
        ) : result ? (
          <Card padding="md" bg="var(--app-surface)" data-testid="send-result">
            <Stack gap="sm">
              <Alert
                color={result.ok ? 'teal' : 'red'}
                title={
                  result.status === null ? 'No answer' : `Answered ${result.status}${result.ok ? '' : ' — not a 2xx'}`
                }
              >
                {result.error ??
                  (result.ok ? 'The endpoint accepted the delivery.' : 'The endpoint refused the delivery.')}
              </Alert>
              <div>
                <Text size="xs" c="dimmed" mb={2}>
                  WorkOS-Signature sent
                </Text>
                <Code block>{result.signatureHeader}</Code>
              </div>
              {result.responseExcerpt && (
                <div>
                  <Group gap={6} mb={2}>
                    <Text size="xs" c="dimmed">
                      Response
                    </Text>
                    {result.status !== null && <Badge size="xs">{result.status}</Badge>}
                  </Group>
                  <Code block mah={240} style={{ overflow: 'auto' }}>
                    {result.responseExcerpt}
                  </Code>
                </div>
              )}
            </Stack>
          </Card>
        ) : (
          <Card padding="md" bg="var(--app-surface)">
            <EmptyView
              icon={<IconSend size={22} />}
              title="Replay a delivery against your handler"
              description="The payload is signed with a fresh timestamp, exactly as WorkOS signs, so your handler's verification runs for real."
            />
          </Card>
        )}
      </Grid.Col>
    </Grid>
  );
}
