import { Anchor, Group, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';

/** "Directories › Acme Okta": the way back to the list a detail page belongs to. */
export function Breadcrumb({ to, label, current }: { to: string; label: string; current?: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Anchor component={Link} to={to} size="xs" c="dimmed">
        {label}
      </Anchor>
      {current && (
        <>
          <IconChevronRight size={11} color="var(--app-muted)" />
          <Text size="xs" c="dimmed" truncate className="mono">
            {current}
          </Text>
        </>
      )}
    </Group>
  );
}
