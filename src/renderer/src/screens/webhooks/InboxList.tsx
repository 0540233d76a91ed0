import {
  Badge,
  Button,
  Card,
  Group,
  ScrollArea,
  SegmentedControl,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useApiQuery } from '../../api/queries';
import { useProfileId } from '../../app/session';
import type { InboxItemSummary } from '../../../../shared/api';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { EmptyView } from '../../components/StateViews';
import { formatNumber } from '../../lib/format';
import classes from './InboxList.module.css';
import { reasonWords } from './reason-words';
import { useInboxPages } from './webhook-queries';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function receivedLabel(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today ? timeFormat.format(d) : `${dayFormat.format(d)} ${timeFormat.format(d)}`;
}

interface DirectoryName {
  name: string;
  organizationId: string;
}

function Row({
  item,
  selected,
  onSelect,
  directory,
}: {
  item: InboxItemSummary;
  selected: boolean;
  onSelect(): void;
  directory: DirectoryName | undefined;
}) {
  return (
    <Table.Tr
      className={classes.row}
      data-selected={selected || undefined}
      onClick={onSelect}
      onKeyDown={(e) => e.key === 'Enter' && onSelect()}
      tabIndex={0}
      aria-selected={selected}
      data-testid="inbox-row"
    >
      <Table.Td className="tabular" c="dimmed">
        {receivedLabel(item.receivedAt)}
      </Table.Td>
      <Table.Td>
        <Tooltip label={item.reason} disabled={item.valid}>
          <Badge color={item.valid ? 'teal' : 'red'} size="sm" variant="light" tt="none" data-reason={item.reason}>
            {reasonWords(item.reason)}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" miw={0}>
          <Text size="sm" className="mono" truncate>
            {item.eventType ?? '—'}
          </Text>
          {item.duplicateOf !== null && (
            <Tooltip label={`Same event as delivery #${item.duplicateOf}`}>
              <Badge size="xs" color="gray" style={{ flexShrink: 0 }}>
                duplicate
              </Badge>
            </Tooltip>
          )}
          {item.outOfOrder && (
            <Tooltip label="A newer event for the same entity had already arrived">
              <Badge size="xs" color="orange" style={{ flexShrink: 0 }}>
                out of order
              </Badge>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td data-testid="inbox-directory">
        {item.directoryId === null ? (
          <Text size="xs" c="dimmed">
            —
          </Text>
        ) : (
          <Tooltip label={item.directoryId}>
            <Text size="xs" truncate>
              {directory?.name ?? item.directoryId}
              {directory && (
                <Text span size="xs" c="dimmed" className="mono">
                  {' '}
                  · {directory.organizationId}
                </Text>
              )}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td data-testid="inbox-event-id">
        <Text size="xs" c="dimmed" className="mono" truncate title={item.eventId ?? undefined}>
          {item.eventId ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td ta="right" className="tabular" c="dimmed">
        {item.status}
      </Table.Td>
    </Table.Tr>
  );
}

/** Deliveries the receiver got, newest first, filterable, in keyset pages. */
export function InboxList({ selectedId, onSelect }: { selectedId: number | null; onSelect(id: number): void }) {
  const [verdict, setVerdict] = useState<'all' | 'valid' | 'invalid'>('all');
  const [type, setType] = useState('');
  const [debouncedType] = useDebouncedValue(type.trim(), 250);
  const pages = useInboxPages({
    limit: 50,
    ...(verdict !== 'all' ? { verdict } : {}),
    ...(debouncedType ? { type: debouncedType } : {}),
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  // Directory names from the active profile's cache: the inbox stores what the sender sent (ids).
  const profileId = useProfileId();
  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const directoryNames = useMemo(
    () => new Map((directories.data ?? []).map((d) => [d.id, { name: d.name, organizationId: d.organizationId }])),
    [directories.data],
  );
  const filtered = verdict !== 'all' || debouncedType !== '';

  return (
    <Card padding={0} bg="var(--app-surface)" className={classes.card}>
      <Group gap="xs" p="sm" className={classes.toolbar} wrap="nowrap">
        <SegmentedControl
          value={verdict}
          onChange={(v) => setVerdict(v as typeof verdict)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'valid', label: 'Valid' },
            { value: 'invalid', label: 'Invalid' },
          ]}
          aria-label="Verdict"
        />
        <TextInput
          flex={1}
          placeholder="Event type, e.g. dsync.user.*"
          leftSection={<IconSearch size={14} />}
          value={type}
          onChange={(e) => setType(e.currentTarget.value)}
          aria-label="Filter by event type"
          classNames={{ input: 'mono' }}
        />
      </Group>
      <QueryState
        query={pages}
        rows={5}
        isEmpty={() => items.length === 0}
        empty={
          <EmptyView
            icon={<IconInbox size={22} />}
            title={filtered ? 'No delivery matches these filters' : 'No deliveries yet'}
            description={
              filtered
                ? 'Clear the filters to see every delivery.'
                : 'Start the receiver and point WorkOS (or a tunnel) at its URL. Deliveries appear here as they arrive.'
            }
            actions={
              filtered ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setVerdict('all');
                    setType('');
                  }}
                >
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        }
      >
        {() => (
          <ScrollArea.Autosize mah={520}>
            <Table highlightOnHover={false} stickyHeader className={classes.table}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Received</Table.Th>
                  <Table.Th w={150}>Verdict</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th w={200}>Directory · organization</Table.Th>
                  <Table.Th w={170}>Event id</Table.Th>
                  <Table.Th w={56} ta="right">
                    HTTP
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Row
                    key={item.id}
                    item={item}
                    selected={item.id === selectedId}
                    onSelect={() => onSelect(item.id)}
                    directory={item.directoryId ? directoryNames.get(item.directoryId) : undefined}
                  />
                ))}
              </Table.Tbody>
            </Table>
            <LoadMore
              query={pages}
              note={
                <Text size="xs" c="dimmed">
                  {formatNumber(items.length)} shown
                </Text>
              }
            />
          </ScrollArea.Autosize>
        )}
      </QueryState>
    </Card>
  );
}
