/**
 * Client-side rate limiting that knows WorkOS's documented limits
 * (https://workos.com/docs/reference/rate-limits): 6,000 requests per 60 s per API key, and
 * 4 requests per second per directory on `/directory_users`.
 *
 * Each bucket paces requests evenly (one slot every (window + jitter allowance)/limit), which
 * never exceeds the limit in any sliding window and never bursts, so 429s stay rare instead of being how the limit is discovered. A 429 pushes the
 * bucket's next slot past `Retry-After`.
 */
import { ArrivalJitter, DEFAULT_ARRIVAL_JITTER } from './arrival-jitter.ts';
import { PROFILE_WIDE_RANK, RankedQueue } from './request-priority.ts';
import { SendWindow } from './send-window.ts';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RateLimits {
  /** Requests allowed per `globalWindowMs` for the whole key. */
  globalLimit: number;
  globalWindowMs: number;
  /** Requests per second per directory on `/directory_users`. */
  directoryUsersPerSecond: number;
  /** Fraction added to every spacing (0.01 = 1 %). */
  safetyMargin: number;
  /**
   * Arrival-time jitter to absorb, in ms: requests leave evenly spaced but reach WorkOS with
   * varying delays, so N requests are spread over window + jitter to stay under N per window
   * as WorkOS counts them. With `learnJitter`, the allowance until round trips are measured.
   */
  jitterAllowanceMs: number;
  /**
   * Replace the fixed allowance by one learned from measured round trips (arrival-jitter.ts):
   * narrow on a quiet connection, wider when responses come back unevenly.
   */
  learnJitter?: boolean;
}

export const WORKOS_RATE_LIMITS: RateLimits = {
  globalLimit: 6000,
  globalWindowMs: 60_000,
  directoryUsersPerSecond: 4,
  safetyMargin: 0.01,
  jitterAllowanceMs: 50,
  learnJitter: true,
};

/** Limits multiplied by `scale` (the emulator can run its limits faster for tests). */
export function scaledRateLimits(scale: number, base: RateLimits = WORKOS_RATE_LIMITS): RateLimits {
  return {
    ...base,
    globalLimit: base.globalLimit * scale,
    directoryUsersPerSecond: base.directoryUsersPerSecond * scale,
  };
}

/** Windows up to this many requests track arrivals (the directory buckets, not the key's). */
const MAX_TRACKED_WINDOW = 1000;

/**
 * Slots missed during a stall longer than this are lost (keeps bursts after a stall small):
 * a quarter of the window (250 ms for a directory's 1 s window), at most 2 s (the key's 60 s
 * window, where applying a finished directory can hold the event loop that long).
 */
const MAX_CATCH_UP_MS = 2000;

/** A request let out: how long it waited, and its ticket for reporting when it came back. */
export interface BucketGrant {
  waitedMs: number;
  ticket: number;
}

interface Waiter {
  start: number;
  resolve: (grant: BucketGrant) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * One rate-limit bucket: a queue granted one request per `spacingMs`. Directories share it
 * by weights that favour those that started syncing first (see request-priority.ts); within a
 * directory, urgent requests (the next page of a cursor chain) go before the rest, so a long
 * chain — listing a directory's users, a big group's member pages — moves at network speed
 * while independent requests fill the remaining slots, instead of waiting behind every other
 * request for each of its pages.
 */
export class PacedBucket {
  private lastGrant = Number.NEGATIVE_INFINITY;
  private blockedUntil = 0;
  private readonly waiting = new RankedQueue<Waiter>();
  private pumping = false;
  /**
   * The last `limit` requests with their (estimated) arrival times. Pacing alone is not enough:
   * when the event loop is busy grants happen late and several leave together, squeezing
   * more than `limit` into one window as the server counts it.
   */
  private readonly window: SendWindow;
  /** How much of a stall's missed slots may be made up for afterwards. */
  private readonly catchUpMs: number;

  private readonly jitterMs: () => number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly margin: number,
    private readonly clock: Clock,
    /** Arrival jitter to absorb: fixed, or read at every grant (a learned allowance). */
    jitterAllowanceMs: number | (() => number) = 0,
  ) {
    this.jitterMs = typeof jitterAllowanceMs === 'number' ? () => jitterAllowanceMs : jitterAllowanceMs;
    this.window = new SendWindow(limit, windowMs + this.jitterMs(), limit <= MAX_TRACKED_WINDOW);
    this.catchUpMs = Math.min(MAX_CATCH_UP_MS, windowMs / 4);
  }

  /** The time between two grants: the window plus the jitter allowance, over the limit, plus the margin. */
  get spacingMs(): number {
    return ((this.windowMs + this.jitterMs()) / this.limit) * (1 + this.margin);
  }

  /** Resolves when this request may go out, with the time waited. */
  async acquire(signal?: AbortSignal, urgent = false, rank = PROFILE_WIDE_RANK): Promise<number> {
    return (await this.acquireSlot(signal, urgent, rank)).waitedMs;
  }

  /** Like `acquire`, with the ticket to pass to `arrived` when the response is back. */
  acquireSlot(signal?: AbortSignal, urgent = false, rank = PROFILE_WIDE_RANK): Promise<BucketGrant> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<BucketGrant>((resolve, reject) => {
      const waiter: Waiter = { start: this.clock.now(), resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.waiting.remove(waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter, rank, urgent);
      void this.pump();
    });
  }

  /** A granted request only left now (it waited for another bucket after this one). */
  sent(ticket: number): void {
    this.window.sent(ticket, this.clock.now());
  }

  /** The response to a granted request came back (it reached WorkOS before now). */
  arrived(ticket: number): void {
    this.window.arrived(ticket, this.clock.now());
  }

  /** After a 429: nothing goes out before `ms` from now (requests already queued wait too). */
  penalise(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + ms);
    // No making up for the blocked time: resume at the plain pace.
    this.lastGrant = Math.max(this.lastGrant, this.blockedUntil - this.spacingMs);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const now = this.clock.now();
        const spacingMs = this.spacingMs;
        this.window.spanMs = this.windowMs + this.jitterMs();
        const at = Math.max(now, this.lastGrant + spacingMs, this.blockedUntil, this.window.fullUntil(now));
        if (at > now) {
          await this.clock.sleep(at - now);
          continue;
        }
        const waiter = this.waiting.shift() as Waiter;
        if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
        // Timers wake late and the event loop stalls (a page being staged, a directory being
        // applied); counting from the slot (not from the late wake-up) makes up for up to
        // `catchUpMs` of missed slots, so short stalls cost no throughput. The average rate
        // stays one per spacing, and the check of real send times keeps every window within
        // the limit even when the slots made up for leave together.
        this.lastGrant =
          this.lastGrant === Number.NEGATIVE_INFINITY
            ? now
            : Math.max(this.lastGrant + spacingMs, now - this.catchUpMs);
        const ticket = this.window.record(now);
        waiter.resolve({ waitedMs: now - waiter.start, ticket });
      }
    } finally {
      this.pumping = false;
    }
  }
}

export interface LimiterGrant {
  waitedMs: number;
  done(): void;
}

export class WorkosRateLimiter {
  private readonly global: PacedBucket;
  private readonly perDirectory = new Map<string, PacedBucket>();
  /** Learned from every response's round trip when `limits.learnJitter`; null = fixed allowance. */
  readonly jitter: ArrivalJitter | null;
  private readonly jitterMs: number | (() => number);

  constructor(
    readonly limits: RateLimits = WORKOS_RATE_LIMITS,
    private readonly clock: Clock = realClock,
  ) {
    const learned = limits.learnJitter
      ? new ArrivalJitter({ ...DEFAULT_ARRIVAL_JITTER, initialMs: limits.jitterAllowanceMs })
      : null;
    this.jitter = learned;
    this.jitterMs = learned ? () => learned.allowanceMs : limits.jitterAllowanceMs;
    this.global = new PacedBucket(limits.globalLimit, limits.globalWindowMs, limits.safetyMargin, clock, this.jitterMs);
  }

  private directoryBucket(directoryId: string): PacedBucket {
    let bucket = this.perDirectory.get(directoryId);
    if (!bucket) {
      bucket = new PacedBucket(
        this.limits.directoryUsersPerSecond,
        1000,
        this.limits.safetyMargin,
        this.clock,
        this.jitterMs,
      );
      this.perDirectory.set(directoryId, bucket);
    }
    return bucket;
  }

  /**
   * Waits until a request may go out. `directoryId` is set for `/directory_users` calls,
   * which also count against that directory's bucket. Call `done()` on the result when the
   * response (or error) is back.
   */
  async acquire(
    directoryId: string | null,
    signal?: AbortSignal,
    urgent = false,
    rank = PROFILE_WIDE_RANK,
  ): Promise<LimiterGrant> {
    let waitedMs = 0;
    let done = (): void => {};
    let directoryTicket = -1;
    if (directoryId !== null) {
      const bucket = this.directoryBucket(directoryId);
      const grant = await bucket.acquireSlot(signal, urgent, rank);
      waitedMs += grant.waitedMs;
      directoryTicket = grant.ticket;
      done = () => bucket.arrived(grant.ticket);
    }
    const global = await this.global.acquireSlot(signal, urgent, rank);
    waitedMs += global.waitedMs;
    // The directory's window counts the request from when it really leaves: a wait in the
    // key's queue would otherwise let it reach WorkOS bunched with the directory's next ones.
    if (directoryId !== null) this.directoryBucket(directoryId).sent(directoryTicket);
    const directoryDone = done;
    const sentAt = this.clock.now();
    return {
      waitedMs,
      done: () => {
        directoryDone();
        this.global.arrived(global.ticket);
        this.jitter?.record(this.clock.now() - sentAt);
      },
    };
  }

  /**
   * A 429 does not say which limit it enforces (the key's or the directory's), so the whole
   * key pauses for `Retry-After`: a few idle seconds cost less than a storm of 429s.
   */
  penalise(directoryId: string | null, ms: number): void {
    if (directoryId !== null) this.directoryBucket(directoryId).penalise(ms);
    this.global.penalise(ms);
  }

  /** Seconds the rate limits impose for a request mix: the lower bound on a sync's wall time. */
  boundSeconds(globalRequests: number, directoryUsersRequests: Map<string, number>): number {
    const globalBound = (globalRequests * this.limits.globalWindowMs) / this.limits.globalLimit / 1000;
    let directoryBound = 0;
    for (const n of directoryUsersRequests.values())
      directoryBound = Math.max(directoryBound, n / this.limits.directoryUsersPerSecond);
    return Math.max(globalBound, directoryBound);
  }
}
