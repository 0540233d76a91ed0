/**
 * The read-only query methods answered by the query worker. Each reads the cache only; some
 * take hundreds of milliseconds on a 1M-user cache (counts, searches, diffs), and better-sqlite3
 * is synchronous, so on the core's thread one of them held every other request (the next page's
 * HTML, the event stream, a click) until it finished. Which methods these are is declared in
 * the contract (`query: { worker: true }` on the method), not here.
 */
import { workerMethodNames, type WorkerMethod } from '../../../shared/api.ts';

export const OFFLOADED_METHODS: readonly WorkerMethod[] = workerMethodNames;

export type OffloadedMethod = WorkerMethod;
