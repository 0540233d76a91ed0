/** The WorkOS routes the emulator serves (docs/workos-api.md §1.1, §2.1). */
import type { WorldMutator } from '../model/mutations.ts';
import type { Route } from './router.ts';
import { deleteDirectory, getDirectory, getOrganization, listDirectories } from './directory-routes.ts';
import { getUser, listUsers } from './user-routes.ts';
import { getGroup, listGroups } from './group-routes.ts';
import { listEvents } from './event-routes.ts';

export function buildRoutes(mutator: WorldMutator, afterChange: () => void): Route[] {
  return [
    { method: 'GET', pattern: '/directories', handler: listDirectories },
    { method: 'GET', pattern: '/directories/:id', handler: getDirectory },
    { method: 'DELETE', pattern: '/directories/:id', handler: deleteDirectory(mutator, afterChange) },
    { method: 'GET', pattern: '/directory_users', handler: listUsers },
    { method: 'GET', pattern: '/directory_users/:id', handler: getUser },
    { method: 'GET', pattern: '/directory_groups', handler: listGroups },
    { method: 'GET', pattern: '/directory_groups/:id', handler: getGroup },
    { method: 'GET', pattern: '/events', handler: listEvents },
    { method: 'GET', pattern: '/organizations/:id', handler: getOrganization },
  ];
}
