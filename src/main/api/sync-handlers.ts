/** Handlers for the cache and sync slice: profiles, sync control, and the queries (query-handlers.ts). */
import type { ConsoleHandlers } from '../../shared/api.ts';
import { syncMethods } from '../../shared/api/sync.ts';
import type { CoreContext } from '../core/context.ts';
import { testConnection } from '../profiles/test-connection.ts';
import { queryHandlers } from './query-handlers.ts';
import { WORKOS_RATE_LIMITS } from '../workos/rate-limiter.ts';

type SyncHandlers = Pick<ConsoleHandlers, keyof typeof syncMethods>;

export function syncHandlers(ctx: CoreContext): SyncHandlers {
  const { store, profileManager: profiles, sync } = ctx;
  /** Every query names a profile that must exist. */
  const known = (profileId: string): string => {
    profiles.get(profileId);
    return profileId;
  };
  return {
    ...queryHandlers(store.reader, (profileId) => profiles.get(profileId)),
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
    listProfileStatuses: () => profiles.statuses(),
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
  };
}
