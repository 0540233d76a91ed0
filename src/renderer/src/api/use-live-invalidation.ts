import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onConnectionChange, subscribe } from './client';
import { invalidateForTables } from './invalidation';

/**
 * When the core reports that cached tables changed, refresh exactly the queries reading them.
 * After the event stream drops and comes back, changes may have been missed, so everything
 * is refreshed once.
 */
export function useLiveInvalidation(): void {
  const client = useQueryClient();
  useEffect(() => {
    let wasDisconnected = false;
    const offData = subscribe('dataChanged', (event) => {
      void invalidateForTables(client, event.tables);
    });
    // Push events that are not table changes but still make cached answers stale. Invalidated
    // globally, so a screen that is not mounted when the event arrives refetches on return.
    const offWebhook = subscribe('webhookReceived', () => {
      for (const method of ['listInbox', 'getWebhookReceiverStatus']) {
        void client.invalidateQueries({ queryKey: [method] });
      }
    });
    const offConnection = onConnectionChange((connected) => {
      if (!connected) wasDisconnected = true;
      else if (wasDisconnected) {
        wasDisconnected = false;
        void client.invalidateQueries();
      }
    });
    return () => {
      offData();
      offWebhook();
      offConnection();
    };
  }, [client]);
}
