import { Badge, Card, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconHourglassEmpty, IconPoint } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface PlaceholderPanelProps {
  /** What has to land first, e.g. "the sync engine (issue 4)". */
  comingWith: string;
  title: string;
  /** What the finished screen will show, one line each. */
  features: ReactNode[];
}

/**
 * Marks a screen, or part of one, that is not built yet. It says so plainly and what it will
 * hold, so nobody mistakes it for an empty result.
 */
export function PlaceholderPanel({ comingWith, title, features }: PlaceholderPanelProps) {
  return (
    <Card data-testid="placeholder" maw={640} mx="auto" my="xl" padding="lg" bg="var(--app-surface)">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color="gray" size={34} radius="xl">
            <IconHourglassEmpty size={18} />
          </ThemeIcon>
          <Stack gap={0}>
            <Group gap={6}>
              <Text fw={600}>{title}</Text>
              <Badge color="gray" variant="outline" size="sm">
                Placeholder
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              Coming with {comingWith}.
            </Text>
          </Stack>
        </Group>
        <List size="sm" spacing={4} c="dimmed" icon={<IconPoint size={14} style={{ marginTop: 3 }} />} center={false}>
          {features.map((f, i) => (
            <List.Item key={i}>{f}</List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
