/** Handlers for the cache and sync slice: profiles, sync control and the query API. */
import { ConsoleError, type ConsoleHandlers } from '../../shared/api.ts';
import { syncMethods } from '../../shared/api/sync.ts';
import type { CoreContext } from '../core/context.ts';
import { testConnection } from '../profiles/test-connection.ts';
import { latestTombstone } from '../store/queries/users-query.ts';
import { groupTimeline, listChanges, userTimeline } from '../store/queries/changes-query.ts';
import { getDirectorySummary, listDirectorySummaries } from '../store/queries/directories-query.ts';
import { getGroupDetail, listGroups } from '../store/queries/groups-query.ts';
import { diffBetween, groupMembersAt } from '../store/queries/history-query.ts';
import { listInactiveUsers } from '../store/queries/inactive-query.ts';
import { latestChanges, withRunDirectories } from '../store/queries/runs-query.ts';
import { sameEmailElsewhere } from '../store/queries/same-person.ts';
import { toTombstone } from '../store/queries/row-mappers.ts';
import { getUserDetail, listUsers } from '../store/queries/users-query.ts';
import { listSyncRuns } from '../store/sync-runs.ts';
import { toSyncRun } from '../sync/sync-service.ts';
import { WORKOS_RATE_LIMITS } from '../workos/rate-limiter.ts';

type SyncHandlers = Pick<ConsoleHandlers, keyof typeof syncMethods>;

export function syncHandlers(ctx: CoreContext): SyncHandlers {
  const { store, profileManager: profiles, sync } = ctx;
  const db = store.reader;
  /** Every query names a profile that must exist. */
  const known = (profileId: string): string => {
    profiles.get(profileId);
    return profileId;
  };
  return {
    createProfile: (input) => {
      const created = profiles.create({ name: input.name, apiBaseUrl: input.apiBaseUrl, apiKey: input.apiKey });
      sync.schedule(created.id);
      return created;
    },
    updateProfile: ({ profileId, ...rest }) => profiles.update(profileId, rest),
    deleteProfile: async ({ profileId }) => {
      const name = profiles.list().find((p) => p.id === profileId)?.name ?? profileId;
      const deleted = profiles.delete(profileId);
      // Schedule, running sync, client and key all go (the Demo cannot be deleted: thrown above).
      if (deleted) sync.forget(profileId, name);
      return { deleted };
    },
    setActiveProfile: ({ profileId }) => profiles.setActive(profileId),
    getProfileStatus: ({ profileId }) => profiles.status(profileId),
    testConnection: async (input) => {
      if ('profileId' in input) return testConnection(await profiles.connection(input.profileId));
      return testConnection({ baseUrl: input.apiBaseUrl, apiKey: input.apiKey, rateLimits: WORKOS_RATE_LIMITS });
    },

    startSync: ({ profileId, kind, directoryId }) => {
      const started = sync.start(known(profileId), kind, directoryId);
      started.done?.catch((err: unknown) =>
        ctx.log.warn(`sync of ${profileId} failed: ${err instanceof Error ? err.message : String(err)}`),
      );
      return { started: started.started, message: started.message };
    },
    cancelSync: ({ profileId }) => ({ cancelled: sync.cancel(known(profileId)) }),
    pauseSync: ({ profileId }) => sync.pause(known(profileId)),
    resumeSync: ({ profileId }) => sync.resume(known(profileId)),
    getSyncStatus: ({ profileId }) => sync.status(known(profileId)),
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
    getGroupMembersAt: ({ profileId, groupId, at, compareWithNow }) =>
      groupMembersAt(db, known(profileId), groupId, at, { compareWithNow }),
    getLatestChanges: ({ profileId, directoryId }) => latestChanges(db, known(profileId), directoryId, toSyncRun),
    getUserTimeline: ({ profileId, userId, cursor, limit }) =>
      userTimeline(db, known(profileId), userId, cursor, limit),
    getGroupTimeline: ({ profileId, groupId, cursor, limit }) =>
      groupTimeline(db, known(profileId), groupId, cursor, limit),
    listInactiveUsers: (q) => listInactiveUsers(db, { ...q, profileId: known(q.profileId) }),
  };
}
