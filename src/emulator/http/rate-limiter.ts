/**
 * WorkOS's documented limits (docs/workos-api.md §4.4): 6,000 requests per 60 s per API key, and
 * 4 requests per second per directory on /directory_users. Exact sliding windows (a ring of the
 * last N accepted request times), so "N in any window" holds even under concurrent bursts.
 * A request that arrives while its scope is still closed after a 429 counts as a violation: the
 * client did not wait as told. Requests arriving within REACTION_MS of the first 429 of an
 * episode are forgiven: they were already in flight (concurrent calls) when the 429 went out.
 */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface LimitDecision {
  allowed: boolean;
  /** Exact time until the window reopens (ms) when not allowed. */
  waitMs: number;
  violation: boolean;
}

/**
 * Timers fire a millisecond or so either side of the wall clock, and Retry-After can equal the
 * exact wait; a client that slept as told must not be flagged for that.
 */
const VIOLATION_GRACE_MS = 25;
const REACTION_MS = 50;

class SlidingWindow {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;
  blockedUntil = 0;
  /** When the current closed episode began (first 429 served). */
  blockedSince = 0;

  constructor(private readonly rule: WindowLimit) {
    this.times = new Float64Array(rule.limit);
  }

  isViolation(now: number): boolean {
    return now < this.blockedUntil - VIOLATION_GRACE_MS && now - this.blockedSince > REACTION_MS;
  }

  closeUntil(now: number, until: number): void {
    if (now >= this.blockedUntil) this.blockedSince = now;
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  take(now: number): LimitDecision {
    const violation = this.isViolation(now);
    if (this.count === this.rule.limit) {
      const oldest = this.times[this.head] as number;
      if (now - oldest < this.rule.windowMs) {
        const waitMs = oldest + this.rule.windowMs - now;
        this.closeUntil(now, now + waitMs);
        return { allowed: false, waitMs, violation };
      }
    }
    this.times[this.head] = now;
    this.head = (this.head + 1) % this.rule.limit;
    this.count = Math.min(this.rule.limit, this.count + 1);
    return { allowed: true, waitMs: 0, violation };
  }
}

/** The largest ring we keep; a scale factor that asks for more effectively disables the rule. */
const MAX_TRACKED = 200_000;

export class RateLimiter {
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(private readonly rules: Record<string, WindowLimit | null>) {}

  check(ruleName: string, scope: string, now: number): LimitDecision {
    const rule = this.rules[ruleName];
    if (!rule) return { allowed: true, waitMs: 0, violation: this.isBlocked(ruleName, scope, now) };
    const key = `${ruleName}:${scope}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(rule);
      this.windows.set(key, window);
    }
    return window.take(now);
  }

  /** Marks a scope closed until `until` (used when a fault injects a 429 with Retry-After). */
  block(ruleName: string, scope: string, now: number, until: number): void {
    const rule = this.rules[ruleName] ?? { limit: 1, windowMs: 1 };
    const key = `${ruleName}:${scope}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(rule);
      this.windows.set(key, window);
    }
    window.closeUntil(now, until);
  }

  private isBlocked(ruleName: string, scope: string, now: number): boolean {
    return this.windows.get(`${ruleName}:${scope}`)?.isViolation(now) ?? false;
  }
}

/** The documented limits scaled for test runs; 0 or Infinity turns limiting off. */
export function documentedLimits(scale: number): Record<string, WindowLimit | null> {
  if (!Number.isFinite(scale) || scale <= 0) return { key: null, directoryUsers: null };
  const scaled = (limit: number, windowMs: number): WindowLimit | null => {
    const n = Math.max(1, Math.round(limit * scale));
    return n > MAX_TRACKED ? null : { limit: n, windowMs };
  };
  return { key: scaled(6000, 60_000), directoryUsers: scaled(4, 1000) };
}
