/** Building blocks of the diff view: entity links, titled sections, lists that render in chunks. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';
import { ProgressiveRows } from '../../components/ProgressiveRows';
import { useProgressiveCount } from '../../lib/use-progressive-count';

export function UserLink({ id, name, email }: { id: string; name: string; email?: string | null }) {
  return (
    <Anchor component={Link} to={`/users/${encodeURIComponent(id)}`} size="sm" title={`user id: ${id}`}>
      {name}
      {email ? (
        <Text span size="xs" c="dimmed">
          {' '}
          {email}
        </Text>
      ) : null}
    </Anchor>
  );
}

export function Section({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count: number;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card padding={0} bg="var(--app-surface)" data-testid={testId}>
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--app-border)' }}>
        <Title order={2} fz="sm">
          {title}
        </Title>
        <Badge variant="light">{formatNumber(count)}</Badge>
      </Group>
      {children}
    </Card>
  );
}

/** A titled column of entries (added / removed, created / deleted), rendered a chunk at a time. */
export function ChangeColumn<T>({
  label,
  color,
  items,
  render,
  showEmpty = false,
}: {
  label: string;
  color: string;
  items: readonly T[];
  render(item: T): ReactNode;
  showEmpty?: boolean;
}) {
  const shown = useProgressiveCount(items.length, items);
  return (
    <Stack gap={4}>
      <Text size="xs" c={color} fw={600}>
        {label}
      </Text>
      {showEmpty && items.length === 0 && (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
      <ProgressiveRows items={items} shown={shown} render={render} />
    </Stack>
  );
}
