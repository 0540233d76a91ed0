import { describe, expect, it } from 'vitest';
import { RateLimiter, documentedLimits } from '../../../src/emulator/http/rate-limiter.ts';

describe('rate limiter', () => {
  it('allows exactly N per sliding window and says how long to wait', () => {
    const limiter = new RateLimiter(documentedLimits(1));
    const results = Array.from({ length: 6 }, (_, i) => limiter.check('directoryUsers', 'd1', 1000 + i * 10));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, false, false]);
    expect(results[4]?.waitMs).toBe(960);
    // The window slides: one second after the first request, one more is allowed.
    expect(limiter.check('directoryUsers', 'd1', 2000).allowed).toBe(true);
    expect(limiter.check('directoryUsers', 'd1', 2001).allowed).toBe(false);
  });

  it('counts requests that arrive before the window reopens after a 429 as violations', () => {
    const limiter = new RateLimiter(documentedLimits(1));
    for (let i = 0; i < 4; i++) limiter.check('directoryUsers', 'd1', 0);
    const limited = limiter.check('directoryUsers', 'd1', 100);
    expect(limited.allowed).toBe(false);
    expect(limited.violation).toBe(false);
    expect(limiter.check('directoryUsers', 'd1', 500).violation).toBe(true);
    expect(limiter.check('directoryUsers', 'd1', 1000).violation).toBe(false);
  });

  it('keeps directories apart and scales or disables the documented limits', () => {
    expect(documentedLimits(10)).toEqual({
      key: { limit: 60000, windowMs: 60000 },
      directoryUsers: { limit: 40, windowMs: 1000 },
    });
    expect(documentedLimits(0)).toEqual({ key: null, directoryUsers: null });
    expect(documentedLimits(Infinity)).toEqual({ key: null, directoryUsers: null });
    const limiter = new RateLimiter(documentedLimits(1));
    for (let i = 0; i < 4; i++) limiter.check('directoryUsers', 'a', 0);
    expect(limiter.check('directoryUsers', 'b', 0).allowed).toBe(true);
  });
});
