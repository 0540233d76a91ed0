/**
 * Which requests go first when several wait for the same slot (in-flight gate, rate-limit
 * buckets): the directory that started syncing earlier, then cursor-chain pages (urgent),
 * then arrival order.
 *
 * Why earlier directories first: a full sync of many directories shares the key's bucket.
 * Served in arrival order, every directory progresses at the same pace and they all finish
 * together at the end, so their applies (synchronous, one directory at a time) form a serial
 * tail after the network is done. Served oldest-first, the first directories run at their
 * own bucket's full rate and finish early while the later ones take the key's remaining
 * slots, so one directory's apply overlaps the others' network. The key stays as busy as
 * before: a lower-ranked request still goes whenever no higher-ranked one is waiting.
 *
 * The rank travels with the async context (set once per directory by the sync), so every
 * request a directory's sync makes carries it without threading it through each call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Requests outside any directory (the directory list, the events feed) go first. */
export const PROFILE_WIDE_RANK = -1;

const rankContext = new AsyncLocalStorage<number>();

/** Runs `work` with every request it makes ranked `rank` (lower goes first). */
export function withRequestRank<T>(rank: number, work: () => T): T {
  return rankContext.run(rank, work);
}

/** The rank of requests made from the current async context. */
export function currentRequestRank(): number {
  return rankContext.getStore() ?? PROFILE_WIDE_RANK;
}

interface Entry<T> {
  item: T;
  rank: number;
  urgent: boolean;
  seq: number;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.urgent !== b.urgent) return a.urgent;
  return a.seq < b.seq;
}

/**
 * Waiters ordered by (rank, urgent first, arrival). Small by construction (bounded by the
 * in-flight gate and one waiter per directory bucket), so a sorted array is enough.
 */
export class RankedQueue<T> {
  private readonly entries: Entry<T>[] = [];
  private seq = 0;

  get length(): number {
    return this.entries.length;
  }

  push(item: T, rank: number, urgent: boolean): void {
    const entry: Entry<T> = { item, rank, urgent, seq: this.seq++ };
    // Binary search for the first entry that comes after the new one.
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.entries[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
  }

  shift(): T | undefined {
    return this.entries.shift()?.item;
  }

  /** Removes `item` (a cancelled waiter); false when it was not queued. */
  remove(item: T): boolean {
    const at = this.entries.findIndex((e) => e.item === item);
    if (at < 0) return false;
    this.entries.splice(at, 1);
    return true;
  }
}
