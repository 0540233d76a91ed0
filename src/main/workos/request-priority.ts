/**
 * Which requests go first when several wait for the same slot (in-flight gate, rate-limit
 * buckets): requests outside any directory, then each directory by a share that shrinks with
 * the order it started in, and within a directory cursor-chain pages (urgent), then arrival.
 *
 * Why shares that shrink with start order: a full sync of many directories shares the key's
 * bucket, and each directory's apply (one at a time, on the writer thread) can start only after
 * its last page. Served in arrival order, every directory progresses at the same pace and all
 * finish together at the end: every apply queues after the network is done. Served strictly
 * oldest-first, the first directories finish early at their own bucket's rate and the rest all
 * start together when they do — and finish together again, at the end (the bench's fleet: 22 of
 * 50 directories in its last four seconds, an 11 s tail of applies). With a share of
 * 1 / (1 + rank / 20) each (weighted fair queueing: the first directory gets twice the share of
 * the 21st while both wait), directories finish spread over the run's second half, so applies
 * overlap the network, and later directories are never starved. The key stays as busy as
 * before: a request goes whenever one is waiting.
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

/** A rank's share is 1 / (1 + rank / this): rank 0 gets 1, rank 20 gets 1/2, rank 60 gets 1/4. */
const SHARE_RANK_SCALE = 20;

/** The virtual time one request of `rank` costs (the inverse of its share). */
export function requestCost(rank: number): number {
  return 1 + Math.max(0, rank) / SHARE_RANK_SCALE;
}

interface Entry<T> {
  item: T;
  urgent: boolean;
}

/** One rank's waiters (urgent first, then arrival) and its place in virtual time. */
interface Flow<T> {
  entries: Entry<T>[];
  /**
   * Virtual time at which its next request may go (start-time fair queueing): where its last
   * served request ended; an idle rank that comes back starts no earlier than now.
   */
  start: number;
}

/**
 * Waiters ordered for a shared slot: the profile-wide rank first, then by start-time fair
 * queueing over ranks (each rank's next request starts when its previous one finished in
 * virtual time, or now if it was idle: no credit for idle time), ties to the lower rank; within
 * a rank urgent first, then arrival. Small by construction (bounded by the in-flight gate and
 * one waiter per directory bucket), so scanning the ranks is enough.
 */
export class RankedQueue<T> {
  private readonly flows = new Map<number, Flow<T>>();
  private virtualNow = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(item: T, rank: number, urgent: boolean): void {
    let flow = this.flows.get(rank);
    if (!flow) this.flows.set(rank, (flow = { entries: [], start: 0 }));
    if (flow.entries.length === 0) flow.start = Math.max(this.virtualNow, flow.start);
    const entry: Entry<T> = { item, urgent };
    // Urgent entries go after the urgent ones already queued, before the rest.
    const at = urgent ? flow.entries.findIndex((e) => !e.urgent) : -1;
    if (at < 0) flow.entries.push(entry);
    else flow.entries.splice(at, 0, entry);
    this.count++;
  }

  shift(): T | undefined {
    let pick: [number, Flow<T>] | undefined;
    for (const candidate of this.flows) {
      const [rank, flow] = candidate;
      if (flow.entries.length === 0) continue;
      if (rank === PROFILE_WIDE_RANK) {
        pick = candidate;
        break;
      }
      if (!pick || flow.start < pick[1].start || (flow.start === pick[1].start && rank < pick[0])) pick = candidate;
    }
    if (!pick) return undefined;
    const [rank, flow] = pick;
    const entry = flow.entries.shift()!;
    this.count--;
    if (rank !== PROFILE_WIDE_RANK) {
      this.virtualNow = flow.start;
      flow.start += requestCost(rank);
    }
    this.forgetIdleFlows();
    return entry.item;
  }

  /** Removes `item` (a cancelled waiter); false when it was not queued. */
  remove(item: T): boolean {
    for (const flow of this.flows.values()) {
      const at = flow.entries.findIndex((e) => e.item === item);
      if (at < 0) continue;
      flow.entries.splice(at, 1);
      this.count--;
      return true;
    }
    return false;
  }

  /** An idle rank whose last request ended by now would restart at now anyway. */
  private forgetIdleFlows(): void {
    for (const [rank, flow] of this.flows) {
      if (flow.entries.length === 0 && flow.start <= this.virtualNow) this.flows.delete(rank);
    }
  }
}
