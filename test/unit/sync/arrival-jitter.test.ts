import { describe, expect, it } from 'vitest';
import { ArrivalJitter, DEFAULT_ARRIVAL_JITTER } from '../../../src/main/workos/arrival-jitter.ts';
import { WorkosRateLimiter, scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { VirtualClock } from './virtual-clock.ts';

/** A deterministic stream in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('arrival jitter learned from round trips', () => {
  it('keeps the initial allowance until enough round trips are measured', () => {
    const jitter = new ArrivalJitter();
    expect(jitter.allowanceMs).toBe(DEFAULT_ARRIVAL_JITTER.initialMs);
    for (let i = 0; i < 20; i++) jitter.record(40);
    expect(jitter.allowanceMs).toBe(DEFAULT_ARRIVAL_JITTER.initialMs);
  });

  it('narrows to the floor on a quiet connection and follows a wider spread, within the bounds', () => {
    const jitter = new ArrivalJitter();
    const random = lcg(1);
    for (let i = 0; i < 512; i++) jitter.record(40 + random() * 2);
    expect(jitter.allowanceMs).toBe(DEFAULT_ARRIVAL_JITTER.minMs);
    // Responses now come back 0–60 ms later than the fastest: the allowance widens to the
    // quantile (p75 of a uniform 0–60 spread: ~45 ms).
    for (let i = 0; i < 512; i++) jitter.record(40 + random() * 60);
    expect(jitter.allowanceMs).toBeGreaterThan(40);
    expect(jitter.allowanceMs).toBeLessThanOrEqual(50);
    // A storm beyond the ceiling is clamped …
    for (let i = 0; i < 512; i++) jitter.record(40 + random() * 2000);
    expect(jitter.allowanceMs).toBe(DEFAULT_ARRIVAL_JITTER.maxMs);
    // … and once it is over, the allowance narrows again.
    for (let i = 0; i < 512; i++) jitter.record(40 + random() * 2);
    expect(jitter.allowanceMs).toBe(DEFAULT_ARRIVAL_JITTER.minMs);
  });

  it('ignores a few slow responses among many (a quantile, not the maximum)', () => {
    const jitter = new ArrivalJitter();
    for (let i = 0; i < 256; i++) jitter.record(i % 100 === 0 ? 900 : 40);
    expect(jitter.allowanceMs).toBe(DEFAULT_ARRIVAL_JITTER.minMs);
  });
});

describe('a directory bucket paced with the learned allowance', () => {
  /** Requests of one directory, each answered after `roundTrip()` ms; returns grant times. */
  async function run(roundTrip: () => number, requests: number): Promise<number[]> {
    const clock = new VirtualClock();
    const limiter = new WorkosRateLimiter(scaledRateLimits(10), clock);
    const times: number[] = [];
    let next = 0;
    // Enough concurrent callers to keep the bucket busy, as the sync's workers do.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < requests) {
          next++;
          const grant = await limiter.acquire('dir_a');
          times.push(clock.now());
          await clock.sleep(roundTrip());
          grant.done();
        }
      }),
    );
    return times;
  }

  function maxInWindow(times: number[], windowMs: number): number {
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (j < times.length && times[j]! - times[i]! < windowMs) j++;
      best = Math.max(best, j - i);
    }
    return best;
  }

  /** Requests per second over the second half of the run (after the allowance was learned). */
  function steadyRate(times: number[]): number {
    const half = times.slice(Math.floor(times.length / 2));
    return ((half.length - 1) * 1000) / (half[half.length - 1]! - half[0]!);
  }

  it('runs at ≥ 98 % of 40/s on a quiet connection, never over the limit in a window', async () => {
    const random = lcg(2);
    const times = await run(() => 40 + random() * 2, 800);
    expect(steadyRate(times)).toBeGreaterThanOrEqual(0.98 * 40);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(40);
  });

  it('slows down when round trips spread out', async () => {
    const random = lcg(3);
    const times = await run(() => 40 + random() * 100, 800);
    // 0–100 ms of spread: p75 ≈ 75 ms, held at the 50 ms ceiling: 40 requests per 1.05 s, less 1 %.
    expect(steadyRate(times)).toBeLessThan(0.95 * 40);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(40);
  });
});
