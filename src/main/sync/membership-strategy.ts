/**
 * Choosing how to read a directory's memberships when `user.groups` is empty (deprecated,
 * empty for teams created from May 2026):
 *  - `by_group`: `GET /directory_users?group=` per group — one request per 100 members of each
 *    group (at least one per group), all in the directory's 4/s `/directory_users` bucket,
 *    which the listing of the directory's users shares;
 *  - `by_user`: `GET /directory_groups?user=` per user — one request per user (users rarely
 *    have over 100 groups), only in the key's global bucket, shared by every directory syncing.
 *
 * Within one directory the two cannot be mixed exactly: a user's memberships are complete only
 * once every group was read or the user was, and neither endpoint says which users a group
 * has without reading it. So each directory takes the one that finishes first under both
 * buckets, and a fleet mixes them across directories (big directories with many small groups
 * per user go `by_user` on the key's budget while the rest use their own directory buckets).
 */
import type { RateLimits } from '../workos/rate-limiter.ts';

export type MembershipStrategy = 'user_groups_field' | 'by_group' | 'by_user' | 'none';

/**
 * Requests per second this client can issue and digest (HTTP, JSON, validation, staging), a
 * ceiling on the key's rate when WorkOS's limits are scaled up (tests, benchmarks). Measured
 * at 2–4 ms of CPU per small request on the 2-core bench machine (with the emulator in the
 * same process), so about 250/s. At WorkOS's real 100/s it never binds.
 */
export const CLIENT_REQUESTS_PER_SECOND = 250;

export interface StrategyInput {
  users: number;
  groups: number;
  /** Memberships per user, from a sample of `/directory_groups?user=`; unknown → assume 1. */
  groupsPerUser?: number | null;
  /** Directories syncing at the same time share the global bucket. */
  concurrentDirectories: number;
  limits: RateLimits;
  maxRequestsPerSecond?: number;
}

export interface StrategyEstimate {
  byGroup: number;
  byUser: number;
}

/** Seconds each strategy needs, the slower of its two buckets (user listing included in both). */
export function estimateSeconds(input: StrategyInput): StrategyEstimate {
  const keyPerSecond = Math.min(
    (input.limits.globalLimit / input.limits.globalWindowMs) * 1000,
    input.maxRequestsPerSecond ?? CLIENT_REQUESTS_PER_SECOND,
  );
  const keyShare = keyPerSecond / Math.max(1, input.concurrentDirectories);
  const directoryPerSecond = input.limits.directoryUsersPerSecond;
  const userPages = Math.ceil(input.users / 100);
  const memberships = input.users * Math.max(0, input.groupsPerUser ?? 1);
  // Each group needs ceil(size / 100) pages: about memberships/100 plus one partial page per group.
  const memberPages = Math.max(input.groups, Math.ceil(memberships / 100) + input.groups);
  const groupPages = Math.ceil(input.groups / 100);
  const byGroupRequests = userPages + memberPages;
  const byUserRequests = input.users + userPages;
  return {
    byGroup: Math.max(byGroupRequests / directoryPerSecond, (byGroupRequests + groupPages) / keyShare),
    byUser: Math.max(userPages / directoryPerSecond, (byUserRequests + groupPages) / keyShare),
  };
}

export function chooseMembershipStrategy(input: StrategyInput): MembershipStrategy {
  if (input.groups === 0 || input.users === 0) return 'none';
  const { byGroup, byUser } = estimateSeconds(input);
  return byUser < byGroup ? 'by_user' : 'by_group';
}
