/**
 * The `/events` store: append-only, ordered by id (= creation time), kept for 30 days as WorkOS
 * documents ("Get a list of all of events up to 30 days old").
 *
 * Hold-back: like WorkOS, a new event stays invisible to list reads for a few seconds after it
 * is created, and a read stops at the first event not yet visible, so a later event id can
 * never carry a cursor past an older event that is still held back (docs/workos-api.md §8).
 * Measured on a monotonic clock from when the event was appended; 0 while the world is
 * seeded (backdated history is visible at once), then what `startEmulator` was given.
 */
import { MonotonicUlid, makeId } from '../util/ulid.ts';
import { iso, type WireEvent } from '../model/wire.ts';

export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** WorkOS says "a few seconds"; the emulator holds new events back this long by default. */
export const DEFAULT_EVENTS_HOLD_BACK_MS = 3000;

export interface StoredEvent {
  wire: WireEvent;
  organizationId: string | null;
  timeMs: number;
  /** `performance.now()` from which list reads may return it. */
  visibleAt: number;
}

export interface EventQuery {
  names?: ReadonlySet<string>;
  organizationId?: string;
  rangeStartMs?: number;
  rangeEndMs?: number;
  after?: string;
  limit: number;
}

export class EventLog {
  private readonly events: StoredEvent[] = [];
  private readonly ids: MonotonicUlid;
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private holdBackMs = 0;

  constructor(
    seed: number,
    private readonly now: () => number,
  ) {
    this.ids = new MonotonicUlid(seed);
  }

  append(name: string, data: Record<string, unknown>, organizationId: string | null, atMs: number): StoredEvent {
    const { ulid, timeMs } = this.ids.next(atMs);
    const stored: StoredEvent = {
      wire: { object: 'event', id: makeId('event', ulid), event: name, data, created_at: iso(timeMs), context: {} },
      organizationId,
      timeMs,
      visibleAt: performance.now() + this.holdBackMs,
    };
    this.events.push(stored);
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  /** How long new events stay invisible to list reads (0: at once). Applies to events appended from now on. */
  setHoldBack(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new Error(`events hold-back must be a non-negative number of ms, not ${ms}`);
    this.holdBackMs = ms;
  }

  get holdBack(): number {
    return this.holdBackMs;
  }

  onAppend(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private firstRetained(): number {
    const cutoff = this.now() - EVENT_RETENTION_MS;
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid] as StoredEvent).timeMs < cutoff) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Oldest first, always: production ignores `order` on /events (workos-node #1610). */
  query(q: EventQuery): StoredEvent[] {
    let start = this.firstRetained();
    if (q.after !== undefined) {
      const after = q.after;
      let lo = start;
      let hi = this.events.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.events[mid] as StoredEvent).wire.id <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const out: StoredEvent[] = [];
    const visibleNow = performance.now();
    for (let k = start; k < this.events.length && out.length < q.limit; k++) {
      const e = this.events[k] as StoredEvent;
      // Held back: nothing from here on is returned yet (an ascending cursor must not pass it).
      if (e.visibleAt > visibleNow) break;
      if (q.rangeEndMs !== undefined && e.timeMs > q.rangeEndMs) break;
      if (q.rangeStartMs !== undefined && e.timeMs < q.rangeStartMs) continue;
      if (q.names && !q.names.has(e.wire.event)) continue;
      if (q.organizationId !== undefined && e.organizationId !== q.organizationId) continue;
      out.push(e);
    }
    return out;
  }

  /** Every retained event, oldest first. */
  all(): StoredEvent[] {
    return this.events.slice(this.firstRetained());
  }

  get size(): number {
    return this.events.length;
  }
}
