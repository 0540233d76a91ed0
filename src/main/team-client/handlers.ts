/**
 * The team slice's handlers, and the profile methods extended to team-server profiles: the
 * profile list holds this machine's own profiles and its team servers; activating one picks
 * where data comes from; removing one signs it out first.
 */
import { ConsoleError, type ConsoleHandlers } from '../../shared/api.ts';
import type { teamMethods } from '../../shared/api/team.ts';
import type { CoreContext } from '../core/context.ts';
import { isTeamProfileId } from './connections.ts';
import type { TeamClient } from './team-client.ts';

type TeamHandlers = Pick<ConsoleHandlers, keyof typeof teamMethods>;

/** `team` is null on a team server itself: it does not connect to another one. */
export function teamHandlers(ctx: CoreContext, team: TeamClient | null): TeamHandlers {
  const client = (): TeamClient => {
    if (!team) throw new ConsoleError('forbidden', 'A team server does not connect to another team server.');
    return team;
  };
  return {
    addTeamServer: ({ name, serverUrl }) => {
      const t = client();
      const taken = ctx.profileManager.list().map((p) => p.name);
      return t.summary(t.connections.add(name, serverUrl, taken));
    },
    beginTeamServerSignIn: async ({ profileId }) => ({ signInUrl: await client().beginSignIn(profileId) }),
    signOutOfTeamServer: ({ profileId }) => client().signOut(profileId),
    getTeamServerStatus: ({ profileId }) => client().status(profileId),
  };
}

type ProfileHandlers = Pick<
  ConsoleHandlers,
  'listProfiles' | 'setActiveProfile' | 'deleteProfile' | 'updateProfile' | 'testConnection'
>;

export function withTeamProfiles(local: ConsoleHandlers, team: TeamClient): ProfileHandlers {
  return {
    listProfiles: async () => {
      const active = team.active();
      const own = await local.listProfiles(undefined);
      const mine = active ? own.map((p) => ({ ...p, active: false })) : own;
      return [...mine, ...team.connections.all().map((c) => team.summary(c))];
    },
    setActiveProfile: async (input) => {
      if (isTeamProfileId(input.profileId)) {
        team.setActive(input.profileId);
        return team.summary(team.connections.get(input.profileId));
      }
      const chosen = await local.setActiveProfile(input);
      team.setActive(null);
      return chosen;
    },
    deleteProfile: async (input) => {
      if (isTeamProfileId(input.profileId)) return { deleted: await team.remove(input.profileId) };
      return local.deleteProfile(input);
    },
    updateProfile: (input) => {
      if (!isTeamProfileId(input.profileId)) return local.updateProfile(input);
      if (input.apiKey || input.apiBaseUrl) {
        throw new ConsoleError(
          'invalid_input',
          'A team-server profile holds no API key and keeps its address; remove it and add the new address.',
        );
      }
      const taken = (input.name ? team.connections.all().filter((c) => c.id !== input.profileId) : []).map(
        (c) => c.name,
      );
      if (input.name && taken.includes(input.name)) {
        throw new ConsoleError('conflict', `A profile named "${input.name}" already exists.`);
      }
      return team.summary(team.connections.update(input.profileId, input.name ? { name: input.name } : {}));
    },
    testConnection: (input) => {
      if ('profileId' in input && isTeamProfileId(input.profileId)) {
        throw new ConsoleError(
          'invalid_input',
          'A team-server profile has no WorkOS key to test; the server holds it.',
        );
      }
      return local.testConnection(input);
    },
  };
}
