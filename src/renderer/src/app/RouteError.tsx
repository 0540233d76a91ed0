import { Button, Center, EmptyState } from '@mantine/core';
import { IconBug, IconRefresh } from '@tabler/icons-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a screen throws while rendering: the message, and a way back. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <Center h="100%" p="xl">
      <EmptyState
        variant="light"
        color="red"
        icon={<IconBug size={22} />}
        title="This screen hit an error"
        description={message}
        data-testid="route-error"
      >
        <EmptyState.Actions>
          <Button variant="default" leftSection={<IconRefresh size={14} />} onClick={() => window.location.reload()}>
            Reload
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
