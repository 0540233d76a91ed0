import { describe, expect, it } from 'vitest';
import { defaultDirectoryConcurrency } from '../../../src/main/sync/full-sync.ts';
import { chooseMembershipStrategy, estimateSeconds } from '../../../src/main/sync/membership-strategy.ts';
import { scaledRateLimits, WORKOS_RATE_LIMITS } from '../../../src/main/workos/rate-limiter.ts';

const base = { concurrentDirectories: 1, limits: WORKOS_RATE_LIMITS };

describe('membership strategy', () => {
  it('reads a large directory with few groups per user per user, on the key budget (real limits)', () => {
    // 100k users, 2k groups, ~4 groups each: ≈ 7k pages at 4/s (≈ 1,800 s) vs 101k requests at 100/s (≈ 1,010 s).
    const input = { ...base, users: 100_000, groups: 2000, groupsPerUser: 4 };
    const est = estimateSeconds(input);
    expect(est.byGroup).toBeGreaterThan(1700);
    expect(est.byUser).toBeLessThan(1100);
    expect(chooseMembershipStrategy(input)).toBe('by_user');
  });

  it('keeps small directories of a fleet on their own buckets (the key is shared by all)', () => {
    expect(
      chooseMembershipStrategy({ ...base, concurrentDirectories: 50, users: 2000, groups: 40, groupsPerUser: 4 }),
    ).toBe('by_group');
  });

  it('counts many memberships per user against reading by group', () => {
    const few = { ...base, users: 10_000, groups: 50, groupsPerUser: 1 };
    expect(chooseMembershipStrategy(few)).toBe('by_group');
    expect(chooseMembershipStrategy({ ...few, groupsPerUser: 30 })).toBe('by_user');
  });

  it('caps the key rate at what the client can digest when the limits are scaled up', () => {
    const input = { ...base, limits: scaledRateLimits(10), users: 100_000, groups: 2000, groupsPerUser: 4 };
    expect(estimateSeconds(input).byUser).toBeCloseTo(404, 0);
    expect(estimateSeconds({ ...input, maxRequestsPerSecond: 10_000 }).byUser).toBeCloseTo(101, 0);
  });

  it('needs no membership requests without groups or users', () => {
    expect(chooseMembershipStrategy({ ...base, users: 0, groups: 5 })).toBe('none');
    expect(chooseMembershipStrategy({ ...base, users: 5, groups: 0 })).toBe('none');
  });

  it('runs enough directories at once to fill the key bucket', () => {
    expect(defaultDirectoryConcurrency(WORKOS_RATE_LIMITS)).toBe(50);
    expect(defaultDirectoryConcurrency(scaledRateLimits(10))).toBe(50);
    expect(defaultDirectoryConcurrency({ ...WORKOS_RATE_LIMITS, directoryUsersPerSecond: 100 })).toBe(8);
  });
});
