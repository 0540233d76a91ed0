/**
 * The read-only query handlers of the sync slice: the cache's directories, users, groups,
 * changes, history and runs. Apart from the sync control handlers so that the query worker,
 * which answers these on a thread of its own, loads only the store's queries (not the sync
 * engine, the WorkOS SDK and its HTTP client: they were half of each worker's start-up).
 */
import type { ConsoleHandlers } from '../../shared/api.ts';
import { ConsoleError } from '../../shared/api/define.ts';
import { groupTimeline, listChanges, userTimeline } from '../store/queries/changes-query.ts';
import { getDirectorySummary, listDirectorySummaries } from '../store/queries/directories-query.ts';
import { getGroupDetail, listGroups } from '../store/queries/groups-query.ts';
import { diffBetween, groupMembersAt } from '../store/queries/history-query.ts';
import { listInactiveUsers } from '../store/queries/inactive-query.ts';
import { toTombstone } from '../store/queries/row-mappers.ts';
import { latestChanges, withRunDirectories } from '../store/queries/runs-query.ts';
import { sameEmailElsewhere } from '../store/queries/same-person.ts';
import { getUserDetail, latestTombstone, listUsers } from '../store/queries/users-query.ts';
import type { ReadableDB } from '../store/db-types.ts';
import { inReadSnapshot } from '../store/exec.ts';
import { listSyncRuns, toSyncRun } from '../store/sync-runs.ts';

export type QueryHandlers = Pick<
  ConsoleHandlers,
  | 'listSyncRuns'
  | 'listDirectories'
  | 'getDirectory'
  | 'listUsers'
  | 'getUser'
  | 'listGroups'
  | 'getGroup'
  | 'listChanges'
  | 'getDiff'
  | 'getGroupMembersAt'
  | 'getLatestChanges'
  | 'getUserTimeline'
  | 'getGroupTimeline'
  | 'listInactiveUsers'
>;

/** The handlers, each answering at once: a snapshot cannot be held across an await. */
type SyncQueryHandlers = {
  [K in keyof QueryHandlers]: (input: Parameters<QueryHandlers[K]>[0]) => Awaited<ReturnType<QueryHandlers[K]>>;
};

/**
 * Each handler's statements read one snapshot of the cache (`inReadSnapshot`): a sync committing
 * between a page and its total, or between a user and their groups, cannot make them disagree.
 */
function onOneSnapshot(db: ReadableDB, handlers: SyncQueryHandlers): SyncQueryHandlers {
  const wrapped: Record<string, (input: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => object][]) {
    wrapped[name] = (input) => inReadSnapshot(db, () => handler(input));
  }
  return wrapped as SyncQueryHandlers;
}

/** `requireProfile` throws a not_found ConsoleError for a profile that does not exist. */
export function queryHandlers(db: ReadableDB, requireProfile: (profileId: string) => void): QueryHandlers {
  return onOneSnapshot(db, readHandlers(db, requireProfile));
}

function readHandlers(db: ReadableDB, requireProfile: (profileId: string) => void): SyncQueryHandlers {
  /** Every query names a profile that must exist. */
  const known = (profileId: string): string => {
    requireProfile(profileId);
    return profileId;
  };
  return {
    listSyncRuns: ({ profileId, limit }) =>
      withRunDirectories(db, profileId, listSyncRuns(db, known(profileId), limit).map(toSyncRun)),

    listDirectories: ({ profileId, search }) => listDirectorySummaries(db, known(profileId), search),
    getDirectory: ({ profileId, directoryId }) => {
      const directory = getDirectorySummary(db, known(profileId), directoryId);
      const tomb = directory ? undefined : latestTombstone(db, profileId, directoryId);
      if (!directory && !tomb)
        throw new ConsoleError('not_found', `There is no directory ${directoryId} in this profile's cache.`);
      return { directory, tombstone: tomb ? toTombstone(tomb) : null };
    },
    listUsers: (q) => listUsers(db, { ...q, profileId: known(q.profileId) }),
    getUser: ({ profileId, userId }) => {
      const detail = getUserDetail(db, known(profileId), userId);
      if (!detail.user && !detail.tombstone)
        throw new ConsoleError('not_found', `There is no user ${userId} in this profile's cache.`);
      return { ...detail, sameEmail: detail.user ? sameEmailElsewhere(db, profileId, detail.user) : [] };
    },
    listGroups: (q) => listGroups(db, { ...q, profileId: known(q.profileId) }),
    getGroup: ({ profileId, groupId }) => {
      const detail = getGroupDetail(db, known(profileId), groupId);
      if (!detail.group && !detail.tombstone)
        throw new ConsoleError('not_found', `There is no group ${groupId} in this profile's cache.`);
      return detail;
    },
    listChanges: (q) => listChanges(db, { ...q, profileId: known(q.profileId) }),
    getDiff: ({ profileId, from, to, directoryId, limit }) =>
      diffBetween(db, known(profileId), from, to, directoryId, limit),
    getGroupMembersAt: ({ profileId, groupId, at, compareWithNow, limit }) =>
      groupMembersAt(db, known(profileId), groupId, at, { compareWithNow, limit }),
    getLatestChanges: ({ profileId, directoryId }) => latestChanges(db, known(profileId), directoryId),
    getUserTimeline: ({ profileId, userId, cursor, limit }) =>
      userTimeline(db, known(profileId), userId, cursor, limit),
    getGroupTimeline: ({ profileId, groupId, cursor, limit }) =>
      groupTimeline(db, known(profileId), groupId, cursor, limit),
    listInactiveUsers: (q) => listInactiveUsers(db, { ...q, profileId: known(q.profileId) }),
  };
}
