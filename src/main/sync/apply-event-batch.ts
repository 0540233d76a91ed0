/**
 * One write transaction of an Events API run: a batch of events applied in order and the cursor
 * moved past them, so a crash never skips or half-applies a batch. A write operation of the
 * cache writer thread (store/writer-thread/write-ops.ts): its arguments and result are plain
 * data, and the thread that reads the next pages is never the one applying these.
 */
import { writeCursor } from '../store/cursors.ts';
import type { WritableDB } from '../store/db-types.ts';
import { inTransaction } from '../store/exec.ts';
import { applyEvent, DirectoryPresence, eventTime, type EventOutcome, type IncomingEvent } from './apply-event.ts';

export interface EventBatch {
  profileId: string;
  runId: string;
  events: readonly IncomingEvent[];
  /** The time of this batch (ISO): an event without a readable `created_at` takes it, and so does the cursor. */
  now: string;
}

export interface EventBatchResult {
  /** How many events had each outcome. */
  outcomes: Partial<Record<EventOutcome, number>>;
  /** Directories announced by `dsync.activated` that the cache did not hold. */
  newDirectories: string[];
}

export function applyEventBatch(db: WritableDB, batch: EventBatch): EventBatchResult {
  const { profileId, runId, events, now } = batch;
  const last = events[events.length - 1];
  if (!last) return { outcomes: {}, newDirectories: [] };
  return inTransaction(db, () => {
    // Directories cannot change under this transaction but by its own events.
    const dirs = new DirectoryPresence();
    const outcomes: Partial<Record<EventOutcome, number>> = {};
    const newDirectories: string[] = [];
    let lastAt: string | null = null;
    for (const event of events) {
      const at = eventTime(event.created_at, now);
      const ctx = { profileId, at, source: 'events', runId, eventId: event.id, baseline: false } as const;
      const outcome = applyEvent(db, ctx, event, dirs);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (outcome === 'new_directory') newDirectories.push(String(event.data.id));
      lastAt = at;
    }
    writeCursor(db, profileId, { afterEventId: last.id, lastEventAt: lastAt, rangeStart: null, updatedAt: now });
    return { outcomes, newDirectories };
  });
}
