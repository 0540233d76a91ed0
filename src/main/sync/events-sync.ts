/**
 * Incremental sync through the Events API: read `dsync.*` events after the persisted cursor
 * (the next pages are fetched while the writer thread applies the current ones), apply each batch of pages
 * and move the cursor in the same transaction (so a crash never skips or half-applies a
 * page), and say when only a full sync can help — no cursor yet, or a cursor
 * older than WorkOS's 30-day event retention.
 */
import { randomUUID } from 'node:crypto';
import { readCursor, type EventCursor } from '../store/cursors.ts';
import { inlineCacheWrites, type CacheWrites } from '../store/writer-thread/cache-writes.ts';
import { openCacheWrites, type CacheWriterMode } from '../store/writer-thread/host.ts';
import type { WriteOpArgs, WriteOpName } from '../store/writer-thread/write-ops.ts';
import type { Store } from '../store/store.ts';
import { insertSyncRun, type SyncRunStatus } from '../store/sync-runs.ts';
import { PAGE_LIMIT, type WorkosClient } from '../workos/client.ts';
import { WorkosApiError } from '../workos/errors.ts';
import { DSYNC_EVENT_NAMES, type EventOutcome } from './apply-event.ts';
import { EventPageReader } from './event-page-reader.ts';
import { describeSyncError } from './full-sync.ts';
import { ProgressTracker, type ProgressListener } from './progress.ts';

export const EVENT_RETENTION_MS = 30 * 24 * 3600_000;
/** Re-anchor on time a day before retention ends, while the cursor's event still exists. */
const CURSOR_REANCHOR_MS = 29 * 24 * 3600_000;
/**
 * Pages that arrived while the previous batch was applied, or within GATHER_MS, go into one
 * transaction (one commit, one fsync), up to this many events, so the write lock is never held
 * for long.
 */
const MAX_EVENTS_PER_TRANSACTION = 1000;
/**
 * How long a batch waits for more pages once one is there (a catch-up run only: a short page
 * ends the chain, and what came is applied at once). Each commit rewrites pages every batch
 * touches (index roots, the change log's tail) and the WAL's frames: on a 1M-user cache, 10,053
 * events in batches of 100 applied at 3,775 /s, in batches of 1,000 at 5,510 /s. The cost is
 * that changes of a long catch-up show at most this much later.
 */
const GATHER_MS = 500;
/** How far the page reader may run ahead of the applier. */
const MAX_QUEUED_EVENTS = 2000;

export interface EventsSyncOptions {
  store: Store;
  client: WorkosClient;
  profileId: string;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  onDataChanged?: (tables: string[]) => void;
  now?: () => number;
  /** Where the events are applied: a writer thread of the run's own (the default), or inline on `store.writer`. */
  writer?: CacheWriterMode;
  /** How long a batch waits for more pages (GATHER_MS unless given). */
  gatherMs?: number;
}

export interface EventsSyncSummary {
  runId: string | null;
  status: SyncRunStatus | 'needs_full_sync';
  /** Why a full sync is needed instead (no cursor, cursor past retention, cursor rejected). */
  fullSyncReason: string | null;
  outcomes: Record<EventOutcome, number>;
  /** Directories announced by `dsync.activated` that need a full sync of their own. */
  newDirectories: string[];
  requests: number;
  error: string | null;
  /** Events read and handled (every outcome), and the time spent applying them, commits included. */
  events: number;
  applyMs: number;
  /** Write transactions the events went into (pages that were already there share one). */
  transactions: number;
  /** Where the events were applied: "writer thread" or "inline (why)"; null when none arrived. */
  writer: string | null;
}

function emptyOutcomes(): Record<EventOutcome, number> {
  return { applied: 0, new_directory: 0, duplicate: 0, stale: 0, unknown_directory: 0, ignored: 0 };
}

/** Decides where to read from; null with a reason when only a full sync can continue. */
export function planCursor(
  cursor: EventCursor | null,
  now: number,
): { after: string | null; rangeStart: string | null } | { reason: string } {
  if (cursor === null) return { reason: 'No event cursor yet: the profile needs a first full sync.' };
  const lastPoll = Date.parse(cursor.updatedAt);
  if (now - lastPoll > EVENT_RETENTION_MS) {
    return {
      reason: `The last event poll was at ${cursor.updatedAt}, longer ago than WorkOS keeps events (30 days); running a full sync to catch up.`,
    };
  }
  if (cursor.afterEventId && cursor.lastEventAt && now - Date.parse(cursor.lastEventAt) > CURSOR_REANCHOR_MS) {
    // Nothing happened for weeks: the cursor's event is about to expire, but every event since
    // the last poll is still there, so continue from that time instead.
    return { after: null, rangeStart: cursor.updatedAt };
  }
  return { after: cursor.afterEventId, rangeStart: cursor.afterEventId ? null : cursor.rangeStart };
}

export async function runEventsSync(options: EventsSyncOptions): Promise<EventsSyncSummary> {
  const { store, client, profileId } = options;
  const now = options.now ?? Date.now;
  const outcomes = emptyOutcomes();
  const newDirectories: string[] = [];
  const plan = planCursor(readCursor(store.writer, profileId), now());
  if ('reason' in plan) {
    return {
      runId: null,
      status: 'needs_full_sync',
      fullSyncReason: plan.reason,
      outcomes,
      newDirectories,
      requests: 0,
      error: null,
      events: 0,
      applyMs: 0,
      transactions: 0,
      writer: null,
    };
  }
  const runId = randomUUID();
  const startedAt = new Date(now()).toISOString();
  const requestsBefore = client.stats.requests;
  const waitBefore = client.stats.rateLimitWaitMs;
  const retriesBefore = client.stats.retries;
  insertSyncRun(store.writer, { id: runId, profileId, kind: 'events', reason: null, directoryId: null, startedAt });
  const progress = new ProgressTracker(profileId, runId, client.stats, options.onProgress ?? (() => {}));
  progress.showWaits(client);
  let after = plan.after;
  let rangeStart = plan.rangeStart;
  let status: SyncRunStatus = 'succeeded';
  let error: string | null = null;
  let fullSyncReason: string | null = null;
  let applyMs = 0;
  let events = 0;
  let transactions = 0;
  let writes: CacheWrites | null = null;
  /**
   * The run's own records go where its events went: a commit on the main connection behind the
   * thread's WAL would checkpoint that WAL on this run's path (the thread does it after closing).
   */
  const record = async <K extends WriteOpName>(op: K, ...args: WriteOpArgs<K>): Promise<void> => {
    if (writes) {
      try {
        await writes.call(op, ...args);
        return;
      } catch {
        // The thread failed or refused (that error, if any, already ends the run): these records
        // are idempotent, so they are written here instead.
      }
    }
    await inlineCacheWrites(store.writer).call(op, ...args);
  };
  const reader = new EventPageReader(
    async (pageAfter, pageRangeStart) =>
      client.listEvents({ events: DSYNC_EVENT_NAMES, after: pageAfter, rangeStart: pageRangeStart }, options.signal),
    { after, rangeStart },
    PAGE_LIMIT,
    MAX_QUEUED_EVENTS,
    () => progress.emit('events', null, null),
  );
  try {
    try {
      for (;;) {
        const pages = await reader.take(MAX_EVENTS_PER_TRANSACTION, options.gatherMs ?? GATHER_MS);
        if (pages.length === 0) break;
        options.signal?.throwIfAborted();
        const batch = pages.flat();
        const last = pages[pages.length - 1]!;
        if (batch.length > 0) {
          // Applied on a writer thread while this one reads the next pages (a full last page
          // means more may follow). A first batch of less than a page is the whole run, with
          // nothing to read meanwhile, and is applied at once; gathered pages are not, since
          // they would hold this thread, which answers the console, for as long as they take.
          writes ??=
            batch.length >= PAGE_LIMIT
              ? await openCacheWrites(store, options.writer)
              : inlineCacheWrites(store.writer, 'inline (one batch, nothing to read meanwhile)');
          const t0 = performance.now();
          const applied = await writes.call('applyEventBatch', {
            profileId,
            runId,
            events: batch,
            now: new Date(now()).toISOString(),
          });
          for (const [outcome, n] of Object.entries(applied.outcomes)) outcomes[outcome as EventOutcome] += n;
          newDirectories.push(...applied.newDirectories);
          applyMs += performance.now() - t0;
          transactions++;
          events += batch.length;
          after = batch[batch.length - 1]!.id;
          rangeStart = null;
          for (const page of pages) if (page.length > 0) progress.page('events', null, page.length);
          options.onDataChanged?.(['directories', 'users', 'groups', 'memberships', 'changes', 'tombstones']);
        }
        if (last.length === 0) {
          // Caught up: remember when we last asked, so retention is judged from this poll.
          const cursor = readCursor(store.writer, profileId)!;
          await record('writeCursor', profileId, {
            ...cursor,
            afterEventId: after,
            rangeStart,
            updatedAt: new Date(now()).toISOString(),
          });
          break;
        }
        if (last.length < PAGE_LIMIT) break;
      }
      await record('setProfileStatus', profileId, 'ok', null, new Date(now()).toISOString());
    } catch (err) {
      reader.stop();
      error = describeSyncError(err);
      status = options.signal?.aborted ? 'cancelled' : 'failed';
      if (err instanceof WorkosApiError && (err.kind === 'bad_request' || err.kind === 'not_found') && after !== null) {
        // WorkOS no longer knows the cursor's event: only a full sync can close the gap.
        fullSyncReason = `WorkOS rejected the event cursor ${after} (${err.message}); running a full sync instead.`;
      }
      if (err instanceof WorkosApiError && err.kind === 'unauthorized') {
        await record('setProfileStatus', profileId, 'invalid_key', err.message, new Date(now()).toISOString());
      }
    }
    const applied = outcomes.applied + outcomes.new_directory;
    await record('finishSyncRun', runId, {
      status,
      finishedAt: new Date(now()).toISOString(),
      requests: client.stats.requests - requestsBefore,
      rateLimitWaitMs: client.stats.rateLimitWaitMs - waitBefore,
      retries: client.stats.retries - retriesBefore,
      changes: applied,
      error,
    });
  } finally {
    // Everything it was sent has committed by now; the thread then checkpoints, off this path.
    await writes?.close();
  }
  // The run's row and the profile's status changed even when no event arrived.
  options.onDataChanged?.(['sync_runs', 'profiles']);
  progress.emit(status === 'succeeded' ? 'done' : status === 'cancelled' ? 'cancelled' : 'failed', null, error);
  return {
    runId,
    status: fullSyncReason ? 'needs_full_sync' : status,
    fullSyncReason,
    outcomes,
    newDirectories,
    requests: client.stats.requests - requestsBefore,
    error,
    events,
    applyMs: Math.round(applyMs),
    transactions,
    writer: writes?.where ?? null,
  };
}
