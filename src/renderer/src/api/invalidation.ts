/**
 * Which cached answers a table change makes stale (react-query), apart from the hooks so it can
 * be tested without a DOM.
 */
import type { Query, QueryClient } from '@tanstack/query-core';
import { isMethodName, tablesReadBy } from '../../../shared/api';

/**
 * A `dataChanged` event naming any table a query reads (declared in the contract, beside the
 * method) invalidates that query; methods that are not queries are refreshed on every change,
 * which is always correct, just less precise. Queries keyed by something other than a method
 * (the web session, `['team-session']`) read no cache table and are left alone: asking the
 * contract about them threw inside react-query's filter and ended every invalidation there.
 */
export async function invalidateForTables(client: QueryClient, changedTables: readonly string[]): Promise<void> {
  const changed = new Set(changedTables);
  const reads = (query: Query): boolean => {
    const method = query.queryKey[0];
    if (typeof method !== 'string' || !isMethodName(method)) return false;
    const tables = tablesReadBy(method);
    if (tables === undefined) return true;
    return tables.some((table) => changed.has(table));
  };
  for (const query of client.getQueryCache().findAll({ predicate: reads, fetchStatus: 'fetching' })) {
    invalidateWhenAnswered(client, query);
  }
  await client.invalidateQueries({ predicate: reads });
}

const awaitingAnswer = new WeakSet<Query>();

/**
 * An answer on its way when a table it reads changed may have been read before the change, and
 * its arrival clears the invalidation: react-query restarts a refetch only for a query that
 * already has data and is shown. A first answer (or one no screen shows) is therefore
 * invalidated again once it arrives.
 */
function invalidateWhenAnswered(client: QueryClient, query: Query): void {
  if (query.state.data !== undefined && query.getObserversCount() > 0) return; // restarted by react-query
  if (awaitingAnswer.has(query)) return;
  awaitingAnswer.add(query);
  const cache = client.getQueryCache();
  const stop = cache.subscribe((event) => {
    if (event.query !== query) return;
    if (event.type === 'removed' || (event.type === 'updated' && ['success', 'error'].includes(event.action.type))) {
      stop();
      awaitingAnswer.delete(query);
      if (event.type === 'updated') void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  });
}
