/**
 * The query worker thread: its own read-only connection on the cache, answering the offloaded
 * query methods with the very handlers the core uses (so the two can never drift apart).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ConsoleHandlers } from '../../../shared/api.ts';
import { ConsoleError } from '../../../shared/api/define.ts';
import { queryHandlers } from '../../api/query-handlers.ts';
import { openReadableDatabase } from '../../store/connection.ts';
import { healthSummary, listDirectorySummaries } from '../../store/queries/directories-query.ts';
import { getProfileRow } from '../../store/profiles-table.ts';
import type { OffloadedMethod } from './offloaded.ts';
import type { QueryReply, QueryRequest, QueryWorkerData } from './protocol.ts';

const { dbPath, warmProfileId } = workerData as QueryWorkerData;
const db = openReadableDatabase(dbPath);

type Handler = (input: unknown) => unknown;
const handlers: Partial<Record<OffloadedMethod, Handler>> = {
  ...(queryHandlers(db, (profileId) => {
    if (!getProfileRow(db, profileId)) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
  }) as unknown as Record<string, Handler>),
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

// Answer the first screen's two calls once now, while the browser is still loading the page:
// the health summary's counts are then remembered, and the directory list's pages (its recent
// changes per directory) are in this connection's cache. At 1M users the list's first call
// took 65-80 ms of CPU cold and 12-17 ms warm, on the path to the first screen's rows.
if (warmProfileId) {
  try {
    healthSummary(db, warmProfileId);
    listDirectorySummaries(db, warmProfileId);
  } catch {
    // only a head start; the first real request computes it anyway
  }
}
