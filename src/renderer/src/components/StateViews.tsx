/**
 * The three states every data view has besides "here is the data": loading, failed (with a
 * retry and the core's own message), and empty (saying why and what to do next).
 */
import { Button, Center, EmptyState, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiCallError } from '../api/client';

export function LoadingState({ label = 'Loading…', rows = 0 }: { label?: string; rows?: number }) {
  if (rows > 0) {
    return (
      <Stack gap={8} p="lg" aria-busy="true" aria-label={label}>
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={28} radius="sm" opacity={1 - i * (0.8 / rows)} />
        ))}
      </Stack>
    );
  }
  return (
    <Center p="xl" aria-busy="true">
      <Group gap="xs">
        <Loader size="sm" type="dots" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function ErrorState({
  error,
  title = 'This could not be loaded',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const offline = error instanceof ApiCallError && error.code === 'network';
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <EmptyState
      py="xl"
      variant="light"
      color={offline ? 'gray' : 'red'}
      icon={offline ? <IconPlugConnectedX size={22} /> : <IconAlertTriangle size={22} />}
      title={offline ? 'The console is not reachable' : title}
      description={message}
      data-testid="error-state"
    >
      {onRetry && (
        <EmptyState.Actions>
          <Button variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            Try again
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

export function EmptyView({
  icon,
  title,
  description,
  actions,
}: {
  icon: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <EmptyState
      py="xl"
      withIndicatorBackground
      icon={icon}
      title={title}
      description={description}
      data-testid="empty-state"
    >
      {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
    </EmptyState>
  );
}
