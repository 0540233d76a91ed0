import { describe, expect, it } from 'vitest';
import { InFlightGate } from '../../../src/main/workos/in-flight-gate.ts';
import { PacedBucket, WorkosRateLimiter, type RateLimits } from '../../../src/main/workos/rate-limiter.ts';
import {
  PROFILE_WIDE_RANK,
  RankedQueue,
  currentRequestRank,
  requestCost,
  withRequestRank,
} from '../../../src/main/workos/request-priority.ts';
import { VirtualClock } from './virtual-clock.ts';
import { maxInWindow } from './max-in-window.ts';

describe('request priority: earlier-started directories get a larger share', () => {
  it('serves profile-wide requests first, then ranks by fair share; within a rank urgent, then arrival', () => {
    const q = new RankedQueue<string>();
    q.push('dir2 normal', 2, false);
    q.push('dir1 normal a', 1, false);
    q.push('dir2 urgent', 2, true);
    q.push('dir1 normal b', 1, false);
    q.push('profile-wide', PROFILE_WIDE_RANK, false);
    q.push('dir1 urgent', 1, true);
    expect(q.remove('dir1 normal b')).toBe(true);
    expect(q.remove('not queued')).toBe(false);
    expect(q.length).toBe(5);
    const order: string[] = [];
    for (let item = q.shift(); item !== undefined; item = q.shift()) order.push(item);
    // Both directories start level (the earlier one wins the tie), then take turns.
    expect(order).toEqual(['profile-wide', 'dir1 urgent', 'dir2 urgent', 'dir1 normal a', 'dir2 normal']);
    expect(q.length).toBe(0);
  });

  it('shares slots between waiting ranks by 1 / (1 + rank / 20), without credit for time spent idle', () => {
    expect(requestCost(0)).toBe(1);
    expect(requestCost(20)).toBe(2);
    const q = new RankedQueue<number>();
    for (let i = 0; i < 300; i++) {
      q.push(0, 0, false);
      q.push(20, 20, false);
    }
    const served = (n: number): Record<number, number> => {
      const counts: Record<number, number> = {};
      for (let i = 0; i < n; i++) {
        const rank = q.shift()!;
        counts[rank] = (counts[rank] ?? 0) + 1;
      }
      return counts;
    };
    const first = served(300);
    expect(first[0]).toBeGreaterThanOrEqual(199);
    expect(first[0]).toBeLessThanOrEqual(201);

    // Rank 5 waits for nothing while rank 0 is served alone; when it comes back it shares
    // from then on (1 : 1/1.25), instead of taking every slot to make up for lost time.
    const solo = new RankedQueue<number>();
    for (let i = 0; i < 100; i++) solo.push(0, 0, false);
    for (let i = 0; i < 50; i++) solo.shift();
    for (let i = 0; i < 20; i++) solo.push(5, 5, false);
    const next: number[] = [];
    for (let i = 0; i < 18; i++) next.push(solo.shift()!);
    const fives = next.filter((r) => r === 5).length;
    expect(fives).toBeGreaterThanOrEqual(7);
    expect(fives).toBeLessThanOrEqual(9);
  });

  it('carries the rank through awaits of the code run under it', async () => {
    expect(currentRequestRank()).toBe(PROFILE_WIDE_RANK);
    const seen = await withRequestRank(3, async () => {
      await Promise.resolve();
      await new Promise((resolve) => setImmediate(resolve));
      return currentRequestRank();
    });
    expect(seen).toBe(3);
    expect(currentRequestRank()).toBe(PROFILE_WIDE_RANK);
  });

  it('lets the earlier directory through the in-flight gate first, whatever the arrival order', async () => {
    const gate = new InFlightGate(1);
    const leave = await gate.enter();
    const order: string[] = [];
    const late = gate.enter(false, 5).then((l) => (order.push('rank 5'), l));
    const early = gate.enter(false, 0).then((l) => (order.push('rank 0'), l));
    leave();
    (await early)();
    (await late)();
    expect(order).toEqual(['rank 0', 'rank 5']);
    expect(gate.inFlight).toBe(0);
  });

  it('grants a bucket slot to the earlier directory before one queued before it', async () => {
    const clock = new VirtualClock();
    const bucket = new PacedBucket(4, 1000, 0, clock);
    const order: string[] = [];
    await bucket.acquire();
    const queued = [
      bucket.acquire(undefined, false, 2).then(() => order.push('dir2')),
      bucket.acquire(undefined, false, 1).then(() => order.push('dir1')),
      bucket.acquire(undefined, true, 2).then(() => order.push('dir2 urgent')),
    ];
    await Promise.all(queued);
    expect(order).toEqual(['dir1', 'dir2 urgent', 'dir2']);
  });

  // Key 6/s shared by two directories of 4/s each: the key decides.
  const limits: RateLimits = {
    globalLimit: 6,
    globalWindowMs: 1000,
    directoryUsersPerSecond: 4,
    safetyMargin: 0,
    jitterAllowanceMs: 0,
  };
  /** Grant times of 12 requests per directory, all queued at once. */
  const run = async (ranks: Record<string, number>): Promise<Record<string, number[]>> => {
    const clock = new VirtualClock();
    const limiter = new WorkosRateLimiter(limits, clock);
    const times: Record<string, number[]> = {};
    await Promise.all(
      Object.entries(ranks).flatMap(([dir, rank]) =>
        Array.from({ length: 12 }, async () => {
          const grant = await limiter.acquire(dir, undefined, false, rank);
          (times[dir] ??= []).push(clock.now());
          grant.done();
        }),
      ),
    );
    return times;
  };

  it('runs the earlier directory at its own rate when its share exceeds it, while a much later one fills the key’s spare slots', async () => {
    const alone = await run({ a: 0 });
    // Shares 1 and 1/3 of the key's 6/s: a's 4.5/s is more than its own bucket's 4/s.
    const both = await run({ a: 0, b: 40 });
    const last = (xs: number[]): number => Math.max(...xs);
    // Directory a finishes as if it were alone (its own bucket's pace), give or take the one
    // key slot its last request may wait for …
    expect(last(both.a!) - last(alone.a!)).toBeLessThanOrEqual(1000 / 6);
    // … b takes the rest and finishes after it …
    expect(last(both.b!)).toBeGreaterThan(last(both.a!));
    // … the key never idled while a was running (one grant every 1000/6 ms) …
    const merged = [...both.a!, ...both.b!].sort((x, y) => x - y);
    const whileA = merged.filter((t) => t <= last(both.a!));
    whileA.forEach((t, i) => expect(t).toBeCloseTo((i * 1000) / 6, 6));
    // … and b's requests, held in the key's queue after its own bucket let them out, still
    // reached the server at most 4 in any second (counted from when they really left).
    expect(maxInWindow(both.b!, 1000)).toBeLessThanOrEqual(4);
  });

  it('lets directories of near ranks progress together, the key never idle', async () => {
    // Shares 1 and 1/1.05 of the key's 6/s: each below its own bucket's 4/s.
    const both = await run({ a: 0, b: 1 });
    const merged = [...both.a!, ...both.b!].sort((x, y) => x - y);
    merged.forEach((t, i) => expect(t).toBeCloseTo((i * 1000) / 6, 6));
    // b is not held back until a is done: in the first half of the slots each took about half.
    const firstHalf = merged.slice(0, 12);
    const ofB = both.b!.filter((t) => t <= firstHalf.at(-1)!).length;
    expect(ofB).toBeGreaterThanOrEqual(5);
    expect(ofB).toBeLessThanOrEqual(7);
  });
});
