/**
 * Routes the read-only query methods to the query worker. Validation stays in `dispatch` on
 * the core's thread (input before, output after); only the SQL runs in the worker. If the
 * worker is unavailable the same handler answers on this thread, so nothing ever fails for it.
 */
import type { ConsoleHandlers } from '../../../shared/api.ts';
import type { Logger } from '../../log.ts';
import { QueryWorkerUnavailableError } from './host.ts';
import { OFFLOADED_METHODS } from './offloaded.ts';

type Handler = (input: unknown) => unknown;

/** A worker or a pool of them. */
export interface QueryRunner {
  call(method: string, input: unknown): Promise<unknown>;
}

export function offloadQueries(
  handlers: ConsoleHandlers,
  host: QueryRunner,
  activeProfileId: () => string,
  log: Logger,
): ConsoleHandlers {
  const routed: Record<string, Handler> = { ...(handlers as unknown as Record<string, Handler>) };
  let toldFallback = false;
  for (const method of OFFLOADED_METHODS) {
    const onThisThread = handlers[method] as unknown as Handler;
    routed[method] = async (input) => {
      // The worker has no profile manager: "the active profile" is resolved here.
      const sent =
        method === 'getHealthSummary'
          ? { profileId: (input as { profileId?: string }).profileId ?? activeProfileId() }
          : input;
      try {
        return await host.call(method, sent);
      } catch (err) {
        if (!(err instanceof QueryWorkerUnavailableError)) throw err;
        if (!toldFallback) {
          toldFallback = true;
          log.info(`queries run on the main thread: ${err.message}`);
        }
        return onThisThread(input);
      }
    };
  }
  return routed as unknown as ConsoleHandlers;
}
