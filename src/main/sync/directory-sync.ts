/**
 * Full sync of one directory: groups and users are fetched concurrently (they use different
 * rate-limit buckets), memberships come from `user.groups` when WorkOS populates it and from
 * the group- or user-filtered list endpoints otherwise. Every page is staged; the directory is
 * applied in one transaction at the end, so a failure leaves the previous data intact.
 */
import type { Store } from '../store/store.ts';
import {
  applyStagedDirectory,
  discardStaged,
  stageGroups,
  stageMemberships,
  stageUsers,
  type AppliedDirectoryCounts,
} from '../store/snapshot-apply.ts';
import type { JsonObject } from '../store/records.ts';
import type { WorkosClient } from '../workos/client.ts';
import type { RateLimits } from '../workos/rate-limiter.ts';
import { chooseMembershipStrategy, type MembershipStrategy } from './membership-strategy.ts';
import { runPool, WorkQueue } from './pool.ts';
import type { ProgressTracker } from './progress.ts';

export interface DirectorySyncDeps {
  store: Store;
  client: WorkosClient;
  profileId: string;
  runId: string;
  limits: RateLimits;
  concurrentDirectories: number;
  /** Requests in flight at once within this directory (the limiter still paces them). */
  requestConcurrency: number;
  progress: ProgressTracker;
  signal: AbortSignal;
  source: 'full_sync';
}

export interface DirectorySyncResult extends AppliedDirectoryCounts {
  strategy: MembershipStrategy;
}

interface Pair {
  groupId: string;
  userId: string;
}

export interface DirectorySize {
  users: number;
  groups: number;
}

export async function syncDirectory(
  deps: DirectorySyncDeps,
  directoryId: string,
  size: DirectorySize | null,
): Promise<DirectorySyncResult> {
  const { store, client, runId, progress, signal } = deps;
  const groupIds: string[] = [];
  const userIds: string[] = [];
  const fieldPairs: Pair[] = [];
  let userGroupsPopulated = false;
  // With the directory's size known up front (WorkOS sends counts in `metadata`), membership
  // requests start while users are still being listed, so both rate-limit buckets work at once.
  const planned = size
    ? chooseMembershipStrategy({ ...size, concurrentDirectories: deps.concurrentDirectories, limits: deps.limits })
    : null;
  const byUser =
    planned === 'by_user'
      ? new WorkQueue<string>(deps.requestConcurrency, (id) => fetchGroupsOfUser(deps, directoryId, id))
      : null;
  // Member lists start as each page of groups arrives (a directory can have thousands of
  // groups), but only once the first page of users has shown whether `user.groups` is
  // populated, which makes them unnecessary.
  const byGroup =
    planned === 'by_group'
      ? new WorkQueue<string>(deps.requestConcurrency, (id) => fetchMembersOfGroup(deps, directoryId, id))
      : null;
  const groupsBeforeFirstUsers: string[] = [];
  let usersPageSeen = false;
  try {
    await Promise.all([
      client.paginate(
        (after) => client.listGroups({ directory: directoryId }, after, signal),
        (groups) => {
          stageGroups(store.writer, runId, directoryId, groups as JsonObject[]);
          for (const g of groups) groupIds.push(g.id);
          if (byGroup) {
            if (!usersPageSeen) groupsBeforeFirstUsers.push(...groups.map((g) => g.id));
            else if (!userGroupsPopulated) byGroup.push(...groups.map((g) => g.id));
          }
          progress.page('groups', directoryId, groups.length);
        },
      ),
      client.paginate(
        (after) => client.listUsers({ directory: directoryId }, directoryId, after, signal),
        (users) => {
          stageUsers(store.writer, runId, directoryId, users as JsonObject[]);
          for (const u of users) {
            userIds.push(u.id);
            for (const g of u.groups ?? []) {
              userGroupsPopulated = true;
              fieldPairs.push({ groupId: g.id, userId: u.id });
            }
          }
          if (byUser && !userGroupsPopulated) byUser.push(...users.map((u) => u.id));
          if (!usersPageSeen) {
            usersPageSeen = true;
            if (byGroup && !userGroupsPopulated) byGroup.push(...groupsBeforeFirstUsers);
          }
          progress.page('users', directoryId, users.length);
        },
      ),
    ]);
    if (byGroup && !usersPageSeen) byGroup.push(...groupsBeforeFirstUsers);
    await byUser?.finish();
    await byGroup?.finish();

    let strategy: MembershipStrategy;
    if (userGroupsPopulated) {
      strategy = 'user_groups_field';
      stageMemberships(store.writer, runId, directoryId, fieldPairs);
      // Pairs already fetched by a planned strategy are complete too; the union is the same set.
    } else if (planned !== null && (byUser !== null || byGroup !== null || planned === 'none')) {
      strategy = planned;
    } else {
      strategy = chooseMembershipStrategy({
        users: userIds.length,
        groups: groupIds.length,
        concurrentDirectories: deps.concurrentDirectories,
        limits: deps.limits,
      });
      if (strategy === 'by_group') await membershipsByGroup(deps, directoryId, groupIds);
      else if (strategy === 'by_user') await membershipsByUser(deps, directoryId, userIds);
    }

    progress.emit('applying', directoryId, null);
    const at = new Date().toISOString();
    const counts = applyStagedDirectory(
      store.writer,
      { profileId: deps.profileId, at, source: deps.source, runId, eventId: null, baseline: false },
      runId,
      directoryId,
    );
    return { ...counts, strategy };
  } catch (err) {
    await byUser?.finish().catch(() => undefined);
    await byGroup?.finish().catch(() => undefined);
    discardStaged(store.writer, runId, directoryId);
    throw err;
  }
}

async function fetchGroupsOfUser(deps: DirectorySyncDeps, directoryId: string, userId: string): Promise<void> {
  const { client, store, runId, progress, signal } = deps;
  await client.paginate(
    (after) => client.listGroups({ user: userId }, after, signal),
    (groups) => {
      stageMemberships(
        store.writer,
        runId,
        directoryId,
        groups.map((g) => ({ groupId: g.id, userId })),
      );
      progress.page('memberships', directoryId, groups.length);
    },
  );
}

async function fetchMembersOfGroup(deps: DirectorySyncDeps, directoryId: string, groupId: string): Promise<void> {
  const { client, store, runId, progress, signal } = deps;
  await client.paginate(
    (after) => client.listUsers({ group: groupId }, directoryId, after, signal),
    (members) => {
      stageMemberships(
        store.writer,
        runId,
        directoryId,
        members.map((m) => ({ groupId, userId: m.id })),
      );
      progress.page('memberships', directoryId, members.length);
    },
  );
}

async function membershipsByGroup(deps: DirectorySyncDeps, directoryId: string, groupIds: string[]): Promise<void> {
  await runPool(groupIds, deps.requestConcurrency, (groupId) => fetchMembersOfGroup(deps, directoryId, groupId));
}

async function membershipsByUser(deps: DirectorySyncDeps, directoryId: string, userIds: string[]): Promise<void> {
  await runPool(userIds, deps.requestConcurrency, (userId) => fetchGroupsOfUser(deps, directoryId, userId));
}
