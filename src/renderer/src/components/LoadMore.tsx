import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a keyset-paged query (`useApiPages`) offers for loading its next page. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
}

/**
 * The "Load more" row under a keyset-paged list. Without a `note` it renders nothing on the
 * last page; with one (e.g. "120 shown") the note stays and the button sits beside it.
 */
export function LoadMore({
  query,
  label = 'Load more',
  note,
}: {
  query: PagedQuery;
  label?: string;
  note?: ReactNode;
}) {
  if (!query.hasNextPage && note === undefined) return null;
  return (
    <Group justify={note === undefined ? 'center' : 'space-between'} p="sm">
      {note}
      {query.hasNextPage && (
        <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {label}
        </Button>
      )}
    </Group>
  );
}
