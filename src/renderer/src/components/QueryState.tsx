/**
 * The one loading / failed / empty / data ladder every data view goes through. It takes a
 * react-query result (`useApiQuery` or `useApiPages`), shows skeleton rows while the first
 * answer is pending, the core's message with "Try again" when it failed, the `empty` view
 * when the answer has nothing in it, and otherwise calls `children` with the answer.
 *
 * "Nothing in it" is decided by `isEmpty` when given; otherwise a paged result is empty when
 * it has no items and a plain answer when it is an empty array (anything else is never empty).
 */
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from './StateViews';

interface QueryResult {
  isPending: boolean;
  error: unknown;
  data?: unknown;
  refetch(): Promise<unknown>;
}

/** What `children` and `isEmpty` receive: the answer, no longer undefined. */
export type Loaded<Q extends QueryResult> = NonNullable<Q['data']>;

function emptyByDefault(query: QueryResult): boolean {
  if ('items' in query && Array.isArray(query.items)) return query.items.length === 0;
  return Array.isArray(query.data) && query.data.length === 0;
}

export function QueryState<Q extends QueryResult>({
  query,
  rows = 6,
  loadingLabel,
  errorTitle,
  isEmpty,
  empty,
  children,
}: {
  query: Q;
  /** Skeleton rows while loading (about the height of what will come). */
  rows?: number;
  loadingLabel?: string;
  errorTitle?: string;
  isEmpty?: (data: Loaded<Q>) => boolean;
  /** Shown when the answer is empty; without it an empty answer still goes to `children`. */
  empty?: ReactNode | ((data: Loaded<Q>) => ReactNode);
  children: (data: Loaded<Q>) => ReactNode;
}): ReactNode {
  if (query.isPending) return <LoadingState rows={rows} label={loadingLabel} />;
  // A failed refetch is shown too, rather than leaving the last answer on screen as if current.
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  const data = query.data as Loaded<Q>;
  if (empty !== undefined && (isEmpty ? isEmpty(data) : emptyByDefault(query)))
    return typeof empty === 'function' ? empty(data) : empty;
  return children(data);
}
