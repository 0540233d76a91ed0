/**
 * The first screen's data, asked for while its code still loads. Without this the shell's calls
 * (app info, profiles) waited for React's first render, and the screen's own calls for its lazy
 * chunk and the profiles answer, one after the other: on the 1M-user cache the Directories rows
 * came ~0.5 s after their chunk had arrived. The queries use the screen's own keys, so the
 * screen finds the answers in the cache (staleTime is Infinity). They are asked only once the
 * live event stream is up and its invalidation listening: an answer read before that could miss
 * a change made in between and stay stale for good.
 */
import type { MethodName } from '../../../shared/api';
import { onConnectionChange } from '../api/client';
import { apiQueryKey, callApi, type ApiInput } from '../api/queries';
import { startLiveInvalidation } from '../api/use-live-invalidation';
import { queryClient } from './query-client';
import { dataProfileIdOf } from './session';

type FirstQuery = { [K in MethodName]: [K, ApiInput<K>] }[MethodName];

/** First path segment → the queries its index screen makes on mount, for a profile. */
const firstScreenQueries: Record<string, (profileId: string) => FirstQuery[]> = {
  directories: (profileId) => [
    ['getHealthSummary', { profileId }],
    ['listDirectories', { profileId }],
  ],
};
firstScreenQueries[''] = firstScreenQueries.directories!;

function prefetch<K extends MethodName>(method: K, input?: ApiInput<K>): Promise<unknown> {
  return queryClient.fetchQuery({ queryKey: apiQueryKey(method, input), queryFn: () => callApi(method, input) });
}

/**
 * Starts live invalidation, then (once the event stream is up) the shell's calls and, when the
 * active profile is known, the opened screen's.
 */
export function prefetchFirstData(pathname: string): void {
  startLiveInvalidation(queryClient);
  let started = false;
  const stop = onConnectionChange((connected) => {
    if (!connected || started) return;
    started = true;
    queueMicrotask(() => stop());
    askFirstData(pathname);
  });
}

function askFirstData(pathname: string): void {
  const segments = pathname.split('/').filter(Boolean);
  const screenQueries = segments.length <= 1 ? firstScreenQueries[segments[0] ?? ''] : undefined;
  // Failures are left to the screens: they ask again and show the error with "Try again".
  prefetch('getAppInfo').catch(() => undefined);
  prefetch('listProfiles')
    .then((profiles) => {
      const list = profiles as Awaited<ReturnType<typeof callApi<'listProfiles'>>>;
      const profileId = dataProfileIdOf(list.find((p) => p.active) ?? list[0] ?? null);
      if (!profileId || !screenQueries) return;
      for (const [method, input] of screenQueries(profileId)) prefetch(method, input).catch(() => undefined);
    })
    .catch(() => undefined);
}
