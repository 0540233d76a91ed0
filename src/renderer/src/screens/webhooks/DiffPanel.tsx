import { Alert, Badge, Button, Card, Grid, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconArrowsDiff, IconEqual } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'react-router';
import type { PayloadDiffEntry } from '../../../../shared/api';
import { ErrorState, EmptyView } from '../../components/StateViews';
import { formatNumber } from '../../lib/format';
import classes from './DiffPanel.module.css';
import { InboxPicker } from './InboxPicker';
import { useDiffPayloads } from './webhook-queries';

const kindColor: Record<PayloadDiffEntry['kind'], string> = {
  added: 'teal',
  removed: 'red',
  changed: 'yellow',
  type_changed: 'orange',
};

/** Two payloads side by side: which JSON paths differ, and how. */
export function DiffPanel() {
  const location = useLocation();
  const initial = (location.state ?? {}) as { a?: string; b?: string };
  const [a, setA] = useState(initial.a ?? '');
  const [b, setB] = useState(initial.b ?? '');
  const diff = useDiffPayloads();
  const result = diff.data;

  return (
    <Stack gap="md">
      <Card padding="md" bg="var(--app-surface)">
        <Grid gap="md">
          <Grid.Col span={6}>
            <InboxPicker onPick={setA} label="Pick A from Inbox" testId="diff-pick-a" />
            <Textarea
              label="Payload A"
              placeholder="Paste a webhook body or any JSON"
              value={a}
              onChange={(e) => setA(e.currentTarget.value)}
              autosize
              minRows={8}
              maxRows={16}
              classNames={{ input: 'mono' }}
              data-testid="diff-a"
              spellCheck={false}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <InboxPicker onPick={setB} label="Pick B from Inbox" testId="diff-pick-b" />
            <Textarea
              label="Payload B"
              placeholder="…and the one to compare it with"
              value={b}
              onChange={(e) => setB(e.currentTarget.value)}
              autosize
              minRows={8}
              maxRows={16}
              classNames={{ input: 'mono' }}
              data-testid="diff-b"
              spellCheck={false}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="sm">
          <Button
            size="sm"
            leftSection={<IconArrowsDiff size={16} />}
            onClick={() => diff.mutate({ a, b })}
            loading={diff.isPending}
            disabled={!a.trim() || !b.trim()}
            data-testid="diff-button"
          >
            Compare
          </Button>
        </Group>
      </Card>

      {diff.error && <ErrorState error={diff.error} title="The comparison could not run" />}
      {result && (
        <Card padding={0} bg="var(--app-surface)" data-testid="diff-result">
          <Group p="sm" gap="sm" className={classes.summary}>
            {result.aError && (
              <Alert color="red" p={6}>
                A: {result.aError}
              </Alert>
            )}
            {result.bError && (
              <Alert color="red" p={6}>
                B: {result.bError}
              </Alert>
            )}
            {!result.aError && !result.bError && (
              <Text size="sm" fw={550}>
                {result.equal
                  ? 'Identical, byte for byte.'
                  : result.sameValueDifferentBytes
                    ? 'Same JSON value, different bytes (formatting, key order or escaping) — enough to break a signature.'
                    : `${formatNumber(result.entries.length)} difference${result.entries.length === 1 ? '' : 's'}${result.truncated ? ' (first ones shown)' : ''}`}
              </Text>
            )}
          </Group>
          {result.entries.length > 0 ? (
            <Table fz="sm" withRowBorders className={classes.table}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="30%">Path</Table.Th>
                  <Table.Th w={110}>Change</Table.Th>
                  <Table.Th>A</Table.Th>
                  <Table.Th>B</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.entries.map((e) => (
                  <Table.Tr key={`${e.kind}:${e.path}`} data-testid="diff-entry">
                    <Table.Td className="mono">{e.path}</Table.Td>
                    <Table.Td>
                      <Badge color={kindColor[e.kind]} size="sm">
                        {e.kind.replace('_', ' ')}
                      </Badge>
                    </Table.Td>
                    <Table.Td className={`mono ${classes.before}`}>{e.before ?? '—'}</Table.Td>
                    <Table.Td className={`mono ${classes.after}`}>{e.after ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            result.equal && (
              <EmptyView
                icon={<IconEqual size={22} />}
                title="Nothing differs"
                description="Both payloads are the same bytes."
              />
            )
          )}
        </Card>
      )}
    </Stack>
  );
}
