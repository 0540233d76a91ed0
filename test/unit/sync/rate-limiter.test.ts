import { describe, expect, it } from 'vitest';
import {
  PacedBucket,
  WORKOS_RATE_LIMITS,
  WorkosRateLimiter,
  scaledRateLimits,
} from '../../../src/main/workos/rate-limiter.ts';
import { RecordingClock } from './fake-clock.ts';
import { maxInWindow } from './max-in-window.ts';

/** Grant times (virtual ms) for n sequential acquisitions starting together. */
async function grants(
  limiter: WorkosRateLimiter,
  clock: RecordingClock,
  directory: string | null,
  n: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await limiter.acquire(directory);
    times.push(clock.now());
  }
  return times;
}

describe('WorkOS rate limiter', () => {
  it('never lets more than 4 /directory_users requests per second through for one directory', async () => {
    const clock = new RecordingClock(false);
    const limiter = new WorkosRateLimiter(WORKOS_RATE_LIMITS, clock);
    const times = await grants(limiter, clock, 'dir_a', 40);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(4);
    // ...and uses the budget: 40 requests take about 10 s, not much more.
    expect(times[39]!).toBeGreaterThan(9_000);
    expect(times[39]!).toBeLessThan(10_500);
  });

  it('keeps separate budgets per directory', async () => {
    const clock = new RecordingClock(false);
    const limiter = new WorkosRateLimiter(WORKOS_RATE_LIMITS, clock);
    await limiter.acquire('dir_a');
    const grant = await limiter.acquire('dir_b');
    expect(grant.waitedMs).toBeLessThan(20);
  });

  it('caps the key at 6,000 requests per 60 s', async () => {
    const clock = new RecordingClock(false);
    const limiter = new WorkosRateLimiter(WORKOS_RATE_LIMITS, clock);
    const times = await grants(limiter, clock, null, 6500);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(6000);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(100);
  });

  it('holds a bucket back for Retry-After after a 429', async () => {
    const clock = new RecordingClock(false);
    const bucket = new PacedBucket(4, 1000, 0, clock);
    await bucket.acquire();
    bucket.penalise(3000);
    expect(await bucket.acquire()).toBe(3000);
  });

  it('lets the next page of a cursor chain go before requests queued earlier', async () => {
    const clock = new RecordingClock(false);
    const bucket = new PacedBucket(4, 1000, 0, clock);
    const order: string[] = [];
    const normal = [1, 2, 3].map((i) => bucket.acquire(undefined, false).then(() => order.push(`normal${i}`)));
    const urgent = bucket.acquire(undefined, true).then(() => order.push('urgent'));
    await Promise.all([...normal, urgent]);
    // The first normal request was granted at once; the urgent one overtakes the other two.
    expect(order).toEqual(['normal1', 'urgent', 'normal2', 'normal3']);
  });

  it('never exceeds the limit in a window even when grants come late', async () => {
    const clock = new RecordingClock(false);
    const bucket = new PacedBucket(4, 1000, 0, clock);
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      await bucket.acquire();
      times.push(clock.now());
      // The event loop was busy: the next request is asked for well after its slot.
      if (i === 3) await clock.sleep(700);
    }
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(4);
  });

  it('makes up for slots missed during a short stall, within the window', async () => {
    const clock = new RecordingClock(false);
    const bucket = new PacedBucket(40, 1000, 0, clock);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      await bucket.acquire();
      times.push(clock.now());
      // The event loop is blocked for 200 ms every 20 requests (e.g. applying a directory).
      if (i % 20 === 19) await clock.sleep(200);
    }
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(40);
    // 200 requests at 40/s: 5 s; the stalls (9 × 200 ms) are made up for, not added.
    expect(times[199]!).toBeLessThan(5_200);
  });

  it('does not burst after a 429 pause', async () => {
    const clock = new RecordingClock(false);
    const bucket = new PacedBucket(40, 1000, 0, clock);
    await bucket.acquire();
    bucket.penalise(1000);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await bucket.acquire();
      times.push(clock.now());
    }
    expect(times[0]!).toBe(1000);
    expect(times[4]! - times[0]!).toBeGreaterThanOrEqual(4 * 25 - 1);
  });

  it('scales limits for a faster emulator', () => {
    expect(scaledRateLimits(10)).toMatchObject({ globalLimit: 60_000, directoryUsersPerSecond: 40 });
  });

  it('computes the wall-time bound the limits impose', () => {
    const limiter = new WorkosRateLimiter();
    expect(limiter.boundSeconds(600, new Map([['d', 40]]))).toBe(10);
    expect(limiter.boundSeconds(12_000, new Map([['d', 4]]))).toBe(120);
  });
});
