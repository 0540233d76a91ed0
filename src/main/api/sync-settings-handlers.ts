/** Handlers for per-profile sync intervals (Settings → Sync). */
import type { ConsoleHandlers } from '../../shared/api.ts';
import type { syncSettingsMethods } from '../../shared/api/sync-settings.ts';
import type { CoreContext } from '../core/context.ts';

type SyncSettingsHandlers = Pick<ConsoleHandlers, keyof typeof syncSettingsMethods>;

export function syncSettingsHandlers(ctx: CoreContext): SyncSettingsHandlers {
  return {
    getSyncIntervals: ({ profileId }) => ctx.syncIntervals.get(profileId),
    setSyncIntervals: ({ profileId, eventsPollSeconds, reconcileHours }) =>
      ctx.syncIntervals.set(profileId, { eventsPollSeconds, reconcileHours }),
  };
}
