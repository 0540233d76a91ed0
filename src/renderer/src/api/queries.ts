/**
 * The react-query layer over the api module: one query key per method + input, typed from
 * the contract, so every screen reads server state the same way and invalidation can find
 * queries by the method that produced them.
 */
import {
  useQuery,
  type QueryClient,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ConsoleApi, MethodName } from '../../../shared/api';
import { api } from './client';

export type ApiInput<K extends MethodName> = Parameters<ConsoleApi[K]>[0];
export type ApiOutput<K extends MethodName> = Awaited<ReturnType<ConsoleApi[K]>>;

/** `[method, input]` — input is normalised to null so "no input" has one key. */
export function apiQueryKey<K extends MethodName>(method: K, input?: ApiInput<K>): QueryKey {
  return [method, input ?? null];
}

export function callApi<K extends MethodName>(method: K, input?: ApiInput<K>): Promise<ApiOutput<K>> {
  const fn = api[method] as unknown as (input?: ApiInput<K>) => Promise<ApiOutput<K>>;
  return fn(input);
}

type ExtraOptions<K extends MethodName, TSelected> = Omit<
  UseQueryOptions<ApiOutput<K>, Error, TSelected>,
  'queryKey' | 'queryFn'
>;

export function useApiQuery<K extends MethodName, TSelected = ApiOutput<K>>(
  method: K,
  input?: ApiInput<K>,
  options?: ExtraOptions<K, TSelected>,
): UseQueryResult<TSelected, Error> {
  return useQuery({
    queryKey: apiQueryKey(method, input),
    queryFn: () => callApi(method, input),
    ...options,
  });
}

/**
 * Which cached tables each read method depends on. A `dataChanged` event naming any of them
 * invalidates that method's queries; methods not listed are refreshed on every change, which
 * is always correct, just less precise.
 */
const tablesReadBy: Partial<Record<string, readonly string[]>> = {
  getAppInfo: [],
  listProfiles: ['profiles'],
};

export function invalidateForTables(client: QueryClient, changedTables: readonly string[]): Promise<void> {
  const changed = new Set(changedTables);
  return client.invalidateQueries({
    predicate: (query) => {
      const method = query.queryKey[0];
      if (typeof method !== 'string') return false;
      const reads = tablesReadBy[method];
      if (reads === undefined) return true;
      return reads.some((table) => changed.has(table));
    },
  });
}
