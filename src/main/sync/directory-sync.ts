/**
 * Full sync of one directory: groups and users are fetched concurrently (they use different
 * rate-limit buckets), memberships come from `user.groups` when WorkOS populates it and from
 * the group- or user-filtered list endpoints otherwise. Every page is staged; the directory is
 * applied in one transaction at the end, so a failure leaves the previous data intact.
 */
import type { JsonObject } from '../store/records.ts';
import type { AppliedDirectoryCounts } from '../store/snapshot-apply.ts';
import type { CacheWrites } from '../store/writer-thread/cache-writes.ts';
import type { WorkosClient } from '../workos/client.ts';
import type { RateLimits } from '../workos/rate-limiter.ts';
import { DirectoryScope } from './directory-scope.ts';
import { chooseMembershipStrategy, type MembershipStrategy } from './membership-strategy.ts';
import { fetchMembersOfGroup } from './group-members.ts';
import { WorkQueue } from './pool.ts';
import type { ProgressTracker } from './progress.ts';
import { StagingQueue, type MembershipPair } from './staging-queue.ts';

export interface DirectorySyncDeps {
  /** The cache writes of this run (its writer thread, normally). */
  writes: CacheWrites;
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
  /** Records the lists returned that belong elsewhere, dropped (directory-scope.ts). */
  scope: DirectoryScope;
}

export interface DirectorySize {
  users: number;
  groups: number;
}

/** Users whose groups are read up front to estimate memberships per user (when that decides). */
const SAMPLE_USERS = 20;
/** The most memberships per user the choice considers without sampling. */
const MAX_GROUPS_PER_USER_GUESS = 20;

export async function syncDirectory(
  deps: DirectorySyncDeps,
  directoryId: string,
  size: DirectorySize | null,
): Promise<DirectorySyncResult> {
  const { writes, client, runId, progress, signal } = deps;
  const stage = new StagingQueue(writes, runId, directoryId);
  const scope = new DirectoryScope(directoryId);
  const groupIds: string[] = [];
  // Users are not kept: a million ids held through the listing were most of the sync's heap.
  // The count and the first few (the sample) are; `by_user` reads the rest back from staging.
  let usersListed = 0;
  const firstUserIds: string[] = [];
  let feed = null as Promise<void> | null;
  let userGroupsPopulated = false;
  let usersPageSeen = false;
  // The membership requests start as soon as the strategy is known: with the directory's size
  // from `metadata`, that is right after the first page of users shows `user.groups` empty, so
  // they fill the buckets while users and groups are still being listed.
  // (Casts keep TypeScript from narrowing these to null: callbacks assign them.)
  let strategy = null as MembershipStrategy | null;
  let queue = null as WorkQueue<string> | null;
  const sampled = new Set<string>();
  let sample = null as Promise<number> | null;

  const strategyInput = (users: number, groups: number, groupsPerUser: number) => ({
    users,
    groups,
    groupsPerUser,
    concurrentDirectories: deps.concurrentDirectories,
    limits: deps.limits,
  });
  const start = (chosen: MembershipStrategy): void => {
    strategy = chosen;
    if (chosen === 'by_group') {
      queue = new WorkQueue<string>(deps.requestConcurrency, (id) =>
        fetchMembersOfGroup({ ...deps, stage, scope }, directoryId, id, () => queue !== null && queue.pending === 0),
      );
      queue.push(...groupIds);
    } else if (chosen === 'by_user') {
      const q = new WorkQueue<string>(deps.requestConcurrency, async (id) => {
        await fetchGroupsOfUser(deps, stage, scope, id);
      });
      queue = q;
      // Pages listed from now on push their users; the ones before are staged already (the
      // writer runs calls in order, so reading them back now sees exactly those).
      if (usersListed > 0) {
        feed = feedStagedUsers(deps, q, directoryId, sampled);
        // Awaited after the listing; until then a failure must not count as unhandled.
        feed.catch(() => undefined);
      }
    }
  };
  /** With the size known: decide now if the sample cannot change the answer, else sample first. */
  const planFromSize = (known: DirectorySize, firstUsers: string[]): void => {
    if (known.users === 0 || known.groups === 0) return; // decided at the end, on the real counts
    const fewest = chooseMembershipStrategy(strategyInput(known.users, known.groups, 0));
    const most = chooseMembershipStrategy(strategyInput(known.users, known.groups, MAX_GROUPS_PER_USER_GUESS));
    if (fewest === most) return start(fewest);
    sample = sampleGroupsPerUser(deps, stage, scope, firstUsers.slice(0, SAMPLE_USERS), sampled);
    void sample
      .then((perUser) => {
        if (strategy === null && !userGroupsPopulated)
          start(chooseMembershipStrategy(strategyInput(known.users, known.groups, perUser)));
      })
      .catch(() => undefined);
  };

  try {
    await Promise.all([
      client.paginate(
        (after) => client.listGroups({ directory: directoryId }, after, signal),
        (listed) => {
          const groups = scope.own('groups', listed);
          const staged = stage.groups(groups as JsonObject[]);
          const ids = groups.map((g) => g.id);
          groupIds.push(...ids);
          if (strategy === 'by_group') queue?.push(...ids);
          progress.page('groups', directoryId, listed.length);
          return staged;
        },
      ),
      client.paginate(
        (after) => client.listUsers({ directory: directoryId }, directoryId, after, signal),
        (listed) => {
          const users = scope.own('users', listed);
          const staged = stage.users(users as JsonObject[]);
          const ids: string[] = [];
          // Staged with their page, not held to the end (at 1M users, 4M pairs would be
          // hundreds of MB): pairs from a populated `user.groups` are memberships whichever
          // strategy ends up used, and staging them twice keeps one.
          const pairs: MembershipPair[] = [];
          for (const u of users) {
            ids.push(u.id);
            for (const g of scope.own('memberships', u.groups ?? [])) {
              userGroupsPopulated = true;
              pairs.push({ groupId: g.id, userId: u.id });
            }
          }
          const stagedPairs = stage.memberships(pairs);
          if (strategy === 'by_user') queue?.push(...ids);
          if (firstUserIds.length < SAMPLE_USERS)
            firstUserIds.push(...ids.slice(0, SAMPLE_USERS - firstUserIds.length));
          usersListed += ids.length;
          if (!usersPageSeen) {
            usersPageSeen = true;
            if (!userGroupsPopulated && size) planFromSize(size, ids);
          }
          progress.page('users', directoryId, listed.length);
          return Promise.all([staged, stagedPairs]).then(() => undefined);
        },
      ),
    ]);
    const sampledPerUser = sample ? await sample : null;

    if (userGroupsPopulated) {
      // Pairs already fetched by a started strategy are complete too; the union is the same set.
      await feed;
      await queue?.finish();
      strategy = 'user_groups_field';
    } else {
      if (strategy === null) {
        // No size up front (or it said empty): decide on the real counts.
        const input = strategyInput(usersListed, groupIds.length, sampledPerUser ?? 0);
        const fewest = chooseMembershipStrategy(input);
        const most = chooseMembershipStrategy({ ...input, groupsPerUser: MAX_GROUPS_PER_USER_GUESS });
        const perUser =
          sampledPerUser ??
          (fewest === most ? 0 : await sampleGroupsPerUser(deps, stage, scope, firstUserIds, sampled));
        start(chooseMembershipStrategy({ ...input, groupsPerUser: perUser }));
      }
      await feed;
      await queue?.finish();
    }

    // Every page is in: what remains is the writer's (staging what it has not yet, then the apply).
    progress.emit('applying', directoryId, null);
    await stage.flush();
    const at = new Date().toISOString();
    const counts = await writes.call(
      'applyStagedDirectory',
      { profileId: deps.profileId, at, source: deps.source, runId, eventId: null, baseline: false },
      runId,
      directoryId,
    );
    return { ...counts, strategy: strategy ?? 'none', scope };
  } catch (err) {
    await feed?.catch(() => undefined);
    await queue?.finish().catch(() => undefined);
    await sample?.catch(() => undefined);
    await stage.flush().catch(() => undefined);
    // A failed apply rolled back and kept the staged rows; the writer may be gone (then so are they).
    await writes.call('discardStaged', runId, directoryId).catch(() => undefined);
    throw err;
  }
}

/** Staged user ids read back at a time, and about as many as wait in the queue at once. */
const STAGED_IDS_CHUNK = 5000;

/**
 * Pushes the directory's users staged so far onto `queue` (all but the sampled ones), a chunk
 * at a time as the queue drains, so they are never all in memory at once.
 */
async function feedStagedUsers(
  deps: DirectorySyncDeps,
  queue: WorkQueue<string>,
  directoryId: string,
  sampled: ReadonlySet<string>,
): Promise<void> {
  let after: string | null = null;
  let upTo: number | null = null;
  for (;;) {
    const chunk: { ids: string[]; upTo: number } = await deps.writes.call(
      'stagedUserIds',
      deps.runId,
      directoryId,
      after,
      STAGED_IDS_CHUNK,
      upTo,
    );
    const ids = chunk.ids;
    upTo = chunk.upTo;
    queue.push(...ids.filter((id) => !sampled.has(id)));
    if (ids.length < STAGED_IDS_CHUNK || deps.signal.aborted) return;
    after = ids[ids.length - 1]!;
    await queue.whenPendingAtMost(STAGED_IDS_CHUNK);
    if (queue.failed) return;
  }
}

/** Reads the groups of a few users (staging their memberships) and returns groups per user. */
async function sampleGroupsPerUser(
  deps: DirectorySyncDeps,
  stage: StagingQueue,
  scope: DirectoryScope,
  userIds: string[],
  sampled: Set<string>,
): Promise<number> {
  if (userIds.length === 0) return 0;
  let total = 0;
  await Promise.all(
    userIds.map(async (id) => {
      total += await fetchGroupsOfUser(deps, stage, scope, id);
      sampled.add(id);
    }),
  );
  return total / userIds.length;
}

async function fetchGroupsOfUser(
  deps: DirectorySyncDeps,
  stage: StagingQueue,
  scope: DirectoryScope,
  userId: string,
): Promise<number> {
  const { client, progress, signal } = deps;
  let total = 0;
  await client.paginate(
    (after) => client.listGroups({ user: userId }, after, signal),
    (listed) => {
      const groups = scope.own('memberships', listed);
      total += groups.length;
      progress.page('memberships', scope.directoryId, listed.length);
      return stage.memberships(groups.map((g) => ({ groupId: g.id, userId })));
    },
  );
  return total;
}
