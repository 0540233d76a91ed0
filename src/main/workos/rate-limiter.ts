/**
 * Client-side rate limiting that knows WorkOS's documented limits
 * (https://workos.com/docs/reference/rate-limits): 6,000 requests per 60 s per API key, and
 * 4 requests per second per directory on `/directory_users`.
 *
 * Each bucket paces requests evenly (one slot every (window + jitter allowance)/limit), which never exceeds the limit in any sliding window and never
 * bursts, so 429s stay rare instead of being how the limit is discovered. A 429 pushes the
 * bucket's next slot past `Retry-After`.
 */
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
   * as WorkOS counts them.
   */
  jitterAllowanceMs: number;
}

export const WORKOS_RATE_LIMITS: RateLimits = {
  globalLimit: 6000,
  globalWindowMs: 60_000,
  directoryUsersPerSecond: 4,
  safetyMargin: 0.01,
  jitterAllowanceMs: 50,
};

/** Limits multiplied by `scale` (the emulator can run its limits faster for tests). */
export function scaledRateLimits(scale: number, base: RateLimits = WORKOS_RATE_LIMITS): RateLimits {
  return {
    ...base,
    globalLimit: base.globalLimit * scale,
    directoryUsersPerSecond: base.directoryUsersPerSecond * scale,
  };
}

export class PacedBucket {
  private nextSlot = 0;
  readonly spacingMs: number;

  constructor(
    limit: number,
    windowMs: number,
    margin: number,
    private readonly clock: Clock,
    jitterAllowanceMs = 0,
  ) {
    this.spacingMs = ((windowMs + jitterAllowanceMs) / limit) * (1 + margin);
  }

  private blockedUntil = 0;

  /**
   * Reserves the next slot; resolves when it arrives, with the time waited. A request whose
   * slot was reserved before a 429 closed the bucket waits out the block too.
   */
  async acquire(signal?: AbortSignal): Promise<number> {
    const start = this.clock.now();
    for (;;) {
      const now = this.clock.now();
      const slot = Math.max(now, this.nextSlot, this.blockedUntil);
      this.nextSlot = slot + this.spacingMs;
      if (slot > now) await this.clock.sleep(slot - now, signal);
      if (this.clock.now() >= this.blockedUntil) return this.clock.now() - start;
    }
  }

  /** After a 429: nothing goes out before `ms` from now. */
  penalise(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + ms);
  }
}

export class WorkosRateLimiter {
  private readonly global: PacedBucket;
  private readonly perDirectory = new Map<string, PacedBucket>();

  constructor(
    readonly limits: RateLimits = WORKOS_RATE_LIMITS,
    private readonly clock: Clock = realClock,
  ) {
    this.global = new PacedBucket(
      limits.globalLimit,
      limits.globalWindowMs,
      limits.safetyMargin,
      clock,
      limits.jitterAllowanceMs,
    );
  }

  private directoryBucket(directoryId: string): PacedBucket {
    let bucket = this.perDirectory.get(directoryId);
    if (!bucket) {
      bucket = new PacedBucket(
        this.limits.directoryUsersPerSecond,
        1000,
        this.limits.safetyMargin,
        this.clock,
        this.limits.jitterAllowanceMs,
      );
      this.perDirectory.set(directoryId, bucket);
    }
    return bucket;
  }

  /**
   * Waits until a request may go out. `directoryId` is set for `/directory_users` calls,
   * which also count against that directory's bucket. Returns the milliseconds waited.
   */
  async acquire(directoryId: string | null, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    if (directoryId !== null) waited += await this.directoryBucket(directoryId).acquire(signal);
    waited += await this.global.acquire(signal);
    return waited;
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
