/** Handlers for the shell's methods (app info, profiles, health summary). */
import type { ConsoleHandlers } from '../../shared/api.ts';
import type { CoreContext } from '../core/context.ts';

type AppHandlers = Pick<ConsoleHandlers, 'getAppInfo' | 'listProfiles' | 'getHealthSummary'>;

export function appHandlers(ctx: CoreContext): AppHandlers {
  return {
    getAppInfo: () => ({
      name: 'dsync-console',
      version: ctx.version,
      transport: ctx.transport,
      platform: process.platform,
      dataDir: ctx.dataDir,
      node: process.versions.node,
    }),
    listProfiles: () => ctx.profiles.list(),
    getHealthSummary: ({ profileId }) => ctx.health.summary(profileId),
  };
}
