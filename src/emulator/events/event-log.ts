/**
 * The `/events` store: append-only, ordered by id (= creation time), kept for 30 days as WorkOS
 * documents ("Get a list of all of events up to 30 days old").
 */
import { MonotonicUlid, makeId } from '../util/ulid.ts';
import { iso, type WireEvent } from '../model/wire.ts';

export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface StoredEvent {
  wire: WireEvent;
  organizationId: string | null;
  timeMs: number;
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
    };
    this.events.push(stored);
    for (const listener of this.listeners) listener(stored);
    return stored;
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
    for (let k = start; k < this.events.length && out.length < q.limit; k++) {
      const e = this.events[k] as StoredEvent;
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
