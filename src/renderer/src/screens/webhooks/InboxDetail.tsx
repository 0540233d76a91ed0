import { Button, Card, Code, Group, Menu, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconArrowsDiff, IconDownload, IconSend, IconFileCode, IconTerminal2 } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import type { InboxItem } from '../../../../shared/api';
import { QueryState } from '../../components/QueryState';
import { downloadText } from '../../lib/download';
import { formatDateTime, formatNumber } from '../../lib/format';
import { VerdictView } from './VerdictView';
import { useExportInboxItem, useInboxItem } from './webhook-queries';

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** One delivery: its verdict, the request as received, and what to do with it next. */
export function InboxDetail({ id }: { id: number }) {
  const item = useInboxItem(id);
  return (
    <QueryState query={item} rows={6}>
      {(d) => <InboxItemView id={id} d={d} />}
    </QueryState>
  );
}

function InboxItemView({ id, d }: { id: number; d: InboxItem }) {
  const exporter = useExportInboxItem();
  const navigate = useNavigate();

  const exportAs = (format: 'fixture' | 'curl') =>
    exporter.mutate(
      { id, format },
      {
        onSuccess: (file) => downloadText(file.fileName, file.content, file.mimeType),
        onError: (e) => notifications.show({ color: 'red', title: 'Export failed', message: e.message }),
      },
    );

  return (
    <Stack gap="sm" data-testid="inbox-detail">
      <Card padding="sm" bg="var(--app-surface)">
        <Stack gap="xs">
          <Stack gap={0} miw={0}>
            <Text fw={600} size="sm" className="mono" truncate>
              {d.eventType ?? 'Unrecognised delivery'}
            </Text>
            <Text size="xs" c="dimmed">
              #{d.id} · {d.method} {d.path} · {formatDateTime(new Date(d.receivedAt).toISOString())} ·{' '}
              {formatNumber(d.bodyBytes)} bytes · answered {d.status}
            </Text>
          </Stack>
          <Group gap={6}>
            <Button
              variant="default"
              leftSection={<IconArrowsDiff size={14} />}
              onClick={() => navigate('/webhooks/diff', { state: { a: d.bodyText ?? '' } })}
              disabled={d.bodyText === null}
            >
              Compare
            </Button>
            <Button
              variant="default"
              leftSection={<IconSend size={14} />}
              onClick={() => navigate('/webhooks/send', { state: { payload: d.bodyText ?? '' } })}
              disabled={d.bodyText === null}
            >
              Re-sign & send
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={14} />} loading={exporter.isPending}>
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconFileCode size={15} />} onClick={() => exportAs('fixture')}>
                  Test fixture (JSON)
                </Menu.Item>
                <Menu.Item leftSection={<IconTerminal2 size={15} />} onClick={() => exportAs('curl')}>
                  curl command
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Stack>
      </Card>
      <Tabs defaultValue="verdict" variant="outline">
        <Tabs.List>
          <Tabs.Tab value="verdict">Verdict</Tabs.Tab>
          <Tabs.Tab value="body">Body</Tabs.Tab>
          <Tabs.Tab value="headers">Headers ({d.headers.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="verdict" pt="sm">
          <VerdictView verdict={d.verdict} />
        </Tabs.Panel>
        <Tabs.Panel value="body" pt="sm">
          {d.bodyText === null ? (
            <Text size="sm" c="dimmed">
              The body is not valid UTF-8 ({formatNumber(d.bodyBytes)} bytes); export it as a fixture to inspect the
              bytes.
            </Text>
          ) : (
            <Code block mah={480} style={{ overflow: 'auto' }} data-testid="inbox-body">
              {prettyJson(d.bodyText)}
            </Code>
          )}
          {d.bodyTruncated && (
            <Text size="xs" c="dimmed" mt={4}>
              Shown truncated; the stored bytes are complete.
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="sm">
          <Table fz="sm" withRowBorders>
            <Table.Tbody>
              {d.headers.map((h, i) => (
                <Table.Tr key={`${h.name}-${i}`}>
                  <Table.Td w={200} c="dimmed" className="mono">
                    {h.name}
                  </Table.Td>
                  <Table.Td className="mono" style={{ wordBreak: 'break-all' }}>
                    {h.value}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
