/**
 * "Pick from Inbox": a delivery the receiver got, chosen from a list, fills a payload field
 * with its exact body text (Compare and Re-sign start from real deliveries, not only pastes).
 */
import { Select } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import { callApi } from '../../api/queries';
import { useInboxPages } from './webhook-queries';
import { reasonWords } from './reason-words';

export function InboxPicker({
  onPick,
  label = 'Pick from Inbox',
  testId,
}: {
  onPick(body: string): void;
  label?: string;
  testId?: string;
}) {
  const pages = useInboxPages({ limit: 50 });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  return (
    <Select
      w={300}
      size="xs"
      placeholder={items.length === 0 ? 'Inbox is empty' : label}
      aria-label={label}
      leftSection={<IconInbox size={14} />}
      disabled={items.length === 0 || loading}
      searchable
      value={null}
      error={error}
      data={items.map((i) => ({
        value: String(i.id),
        label: `#${i.id} · ${i.eventType ?? 'no event type'} · ${i.valid ? 'valid' : reasonWords(i.reason)}`,
      }))}
      onChange={(value) => {
        if (!value) return;
        setLoading(true);
        setError(null);
        callApi('getInboxItem', { id: Number(value) })
          .then((item) => {
            if (item.bodyText === null) setError(`Delivery #${item.id} is not UTF-8 text; export it instead.`);
            else onPick(item.bodyText);
          })
          .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
          .finally(() => setLoading(false));
      }}
      data-testid={testId}
    />
  );
}
