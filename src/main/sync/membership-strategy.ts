/**
 * Choosing how to read a directory's memberships when `user.groups` is empty (deprecated,
 * empty for teams created from May 2026):
 *  - `by_group`: `GET /directory_users?group=` per group — at least one request per group,
 *    all in the directory's 4/s `/directory_users` bucket (shared with listing users);
 *  - `by_user`: `GET /directory_groups?user=` per user — one request per user (users rarely
 *    have over 100 groups), only in the key's global bucket.
 * The faster one is picked from the rate limits and the directory's size.
 */
import type { RateLimits } from '../workos/rate-limiter.ts';

export type MembershipStrategy = 'user_groups_field' | 'by_group' | 'by_user' | 'none';

export interface StrategyInput {
  users: number;
  groups: number;
  /** Directories syncing at the same time share the global bucket. */
  concurrentDirectories: number;
  limits: RateLimits;
}

export function estimateSeconds(input: StrategyInput): { byGroup: number; byUser: number } {
  const globalPerSecond = (input.limits.globalLimit / input.limits.globalWindowMs) * 1000;
  const globalShare = globalPerSecond / Math.max(1, input.concurrentDirectories);
  // Each group needs at least one page, and a page holds 100 members.
  const groupPages = Math.max(input.groups, Math.ceil(input.users / 100));
  return {
    byGroup: groupPages / input.limits.directoryUsersPerSecond,
    byUser: input.users / globalShare,
  };
}

export function chooseMembershipStrategy(input: StrategyInput): MembershipStrategy {
  if (input.groups === 0 || input.users === 0) return 'none';
  const { byGroup, byUser } = estimateSeconds(input);
  return byUser < byGroup ? 'by_user' : 'by_group';
}
