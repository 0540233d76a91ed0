import { Card, Group, Skeleton, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

interface StatCardProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon?: ReactNode;
  color?: string;
  loading?: boolean;
  testId?: string;
}

/** One figure with its label and where it comes from. */
export function StatCard({ label, value, hint, icon, color = 'indigo', loading, testId }: StatCardProps) {
  return (
    <Card padding="sm" bg="var(--app-surface)" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" fw={500} tt="uppercase" lts={0.3}>
          {label}
        </Text>
        {icon && (
          <ThemeIcon variant="light" color={color} size={24} radius="md">
            {icon}
          </ThemeIcon>
        )}
      </Group>
      {loading ? (
        <Skeleton height={26} width="50%" mt={6} />
      ) : (
        <Text fz={22} fw={600} mt={2} className="tabular" lh={1.3}>
          {value}
        </Text>
      )}
      {hint && (
        <Text size="xs" c="dimmed" mt={2} truncate>
          {hint}
        </Text>
      )}
    </Card>
  );
}
