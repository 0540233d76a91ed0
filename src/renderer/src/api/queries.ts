/**
 * The react-query layer over the api module: one query key per method + input, typed from
 * the contract, so every screen reads server state the same way and invalidation can find
 * queries by the method that produced them.
 */
import {
  useInfiniteQuery,
  useQuery,
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

/** Methods answering keyset pages: `{ items, nextCursor, total }` for a `cursor` input. */
type PagedMethod = {
  [K in MethodName]: ApiOutput<K> extends { items: unknown[]; nextCursor: string | null }
    ? ApiInput<K> extends { cursor?: string } | undefined
      ? K
      : never
    : never;
}[MethodName];

type PageItem<K extends PagedMethod> = ApiOutput<K> extends { items: (infer T)[] } ? T : never;

/**
 * Keyset pages of a list method as one growing list (react-query infinite query). The key is
 * `[method, input-without-cursor, 'pages']`, so table invalidation finds it by method name.
 */
export function useApiPages<K extends PagedMethod>(
  method: K,
  input: Omit<NonNullable<ApiInput<K>>, 'cursor'>,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey: [method, input, 'pages'],
    queryFn: ({ pageParam }) =>
      callApi(method, { ...input, ...(pageParam ? { cursor: pageParam } : {}) } as ApiInput<K>) as Promise<
        ApiOutput<K> & { items: PageItem<K>[]; nextCursor: string | null; total?: number | null; totalCapped?: boolean }
      >,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  });
  const items: PageItem<K>[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? null;
  /** The total is a lower bound (the core stopped counting there). */
  const totalCapped = query.data?.pages[0]?.totalCapped ?? false;
  return { ...query, items, total, totalCapped };
}
