/**
 * The query worker thread: its own read-only connection on the cache, answering the offloaded
 * query methods with the very handlers the core uses (so the two can never drift apart).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConsoleError, type ConsoleHandlers } from '../../../shared/api.ts';
import { syncHandlers } from '../../api/sync-handlers.ts';
import { openReadableDatabase } from '../../store/connection.ts';
import { healthSummary } from '../../store/queries/directories-query.ts';
import { getProfileRow } from '../../store/profiles-table.ts';
import type { CoreContext } from '../context.ts';
import type { OffloadedMethod } from './offloaded.ts';
import type { QueryReply, QueryRequest, QueryWorkerData } from './protocol.ts';

const { dbPath, warmProfileId } = workerData as QueryWorkerData;
const db = openReadableDatabase(dbPath);

/**
 * The query handlers need only the reader and a profile-existence check from the context; the
 * worker has no profile manager, sync service or webhooks, and the offloaded methods never
 * touch them (a handler that did would fail here and be answered by the core instead).
 */
const readOnlyContext = {
  store: { reader: db },
  profileManager: {
    get(profileId: string): void {
      if (!getProfileRow(db, profileId)) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
    },
  },
} as unknown as CoreContext;

type Handler = (input: unknown) => unknown;
const queryHandlers = syncHandlers(readOnlyContext) as unknown as Record<string, Handler>;
const handlers: Partial<Record<OffloadedMethod, Handler>> = {
  ...queryHandlers,
  // The core resolves the active profile before sending, so a profile id is always given here.
  getHealthSummary: (input) => healthSummary(db, (input as { profileId: string }).profileId),
} satisfies Partial<Record<keyof ConsoleHandlers, Handler>>;

parentPort!.on('message', async (request: QueryRequest) => {
  let reply: QueryReply;
  try {
    const handler = handlers[request.method as OffloadedMethod];
    if (!handler) throw new Error(`${request.method} is not answered by the query worker`);
    reply = { id: request.id, ok: true, value: await handler(request.input) };
  } catch (err) {
    reply =
      err instanceof ConsoleError
        ? { id: request.id, ok: false, code: err.code, message: err.message }
        : { id: request.id, ok: false, code: null, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});

// Count the active profile's users and groups now, while the browser is still loading the page:
// the first screen's directory list and health summary then answer from remembered counts.
if (warmProfileId) {
  try {
    healthSummary(db, warmProfileId);
  } catch {
    // only a head start; the first real request computes it anyway
  }
}
