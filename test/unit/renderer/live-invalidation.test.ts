/**
 * A table change that arrives while a query's first answer is on its way: react-query would
 * store that answer (read before the change) as fresh, and with staleTime Infinity the screen
 * would show it until the next change. invalidateForTables marks it stale again on arrival.
 */
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { invalidateForTables } from '../../../src/renderer/src/api/invalidation';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The key `useApiQuery('listDirectories', { profileId: 'p' })` uses. */
const key = ['listDirectories', { profileId: 'p' }];

/**
 * Starts the query's first fetch, reports `changedTables` while its answer is on its way, then
 * lets the answer arrive; returns whether the query is left marked stale.
 */
async function staleAfterChangeDuringFetch(changedTables: string[]): Promise<boolean | undefined> {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const answer = deferred<string[]>();
  const fetching = client.fetchQuery({ queryKey: key, queryFn: () => answer.promise });
  await invalidateForTables(client, changedTables);
  answer.resolve(['read while the change happened']);
  await fetching;
  await new Promise((r) => setTimeout(r, 0));
  return client.getQueryState(key)?.isInvalidated;
}

describe('invalidation of a query whose answer is on its way', () => {
  it('a change of a table it reads marks the arriving answer stale', async () => {
    expect(await staleAfterChangeDuringFetch(['sync_runs'])).toBe(true);
  });

  it('a change of a table it does not read leaves the answer fresh', async () => {
    expect(await staleAfterChangeDuringFetch(['webhook_inbox'])).toBe(false);
  });
});

describe('queries that are not contract methods', () => {
  it('a query keyed by something else neither throws nor stops the others being invalidated', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    // Cached in this order, as the console does: the web session first, then a screen's list.
    await client.fetchQuery({ queryKey: ['team-session'], queryFn: () => ({ email: 'a@example.com' }) });
    await client.fetchQuery({ queryKey: key, queryFn: () => ['answer'] });
    await expect(invalidateForTables(client, ['users'])).resolves.toBeUndefined();
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    expect(client.getQueryState(['team-session'])?.isInvalidated).toBe(false);
  });
});
