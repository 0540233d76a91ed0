/**
 * WorkOS's documented limits (docs/workos-api.md §4.4): 6,000 requests per 60 s per API key, and
 * 4 requests per second per directory on /directory_users. Exact sliding windows (a ring of the
 * last N accepted request times), so "N in any window" holds even under concurrent bursts.
 * A request that arrives while its scope is still closed after a 429 counts as a violation: the
 * client did not wait as told.
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

class SlidingWindow {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;
  blockedUntil = 0;

  constructor(private readonly rule: WindowLimit) {
    this.times = new Float64Array(rule.limit);
  }

  take(now: number): LimitDecision {
    const violation = now < this.blockedUntil;
    if (this.count === this.rule.limit) {
      const oldest = this.times[this.head] as number;
      if (now - oldest < this.rule.windowMs) {
        const waitMs = oldest + this.rule.windowMs - now;
        this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
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
  block(ruleName: string, scope: string, until: number): void {
    const rule = this.rules[ruleName] ?? { limit: 1, windowMs: 1 };
    const key = `${ruleName}:${scope}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(rule);
      this.windows.set(key, window);
    }
    window.blockedUntil = Math.max(window.blockedUntil, until);
  }

  isBlocked(ruleName: string, scope: string, now: number): boolean {
    return now < (this.windows.get(`${ruleName}:${scope}`)?.blockedUntil ?? 0);
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
