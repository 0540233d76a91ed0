/** Exact current state in wire format, for tests that compare a synced cache with the source. */
import type { World } from './model/world.ts';
import type { WireDirectory, WireDirectoryGroup, WireDirectoryUserWithGroups, WireOrganization } from './model/wire.ts';

export interface Membership {
  directory_id: string;
  group_id: string;
  user_id: string;
}

export interface Truth {
  organizations: WireOrganization[];
  directories: WireDirectory[];
  users: WireDirectoryUserWithGroups[];
  groups: WireDirectoryGroup[];
  memberships: Membership[];
}

/** Everything (or one directory). Materialises every user: meant for test-sized worlds. */
export function readTruth(world: World, directoryId?: string): Truth {
  const stores = world.directories().filter((d) => directoryId === undefined || d.info.id === directoryId);
  const truth: Truth = {
    organizations: [...world.organizations.values()],
    directories: stores.map((d) => d.toWire()),
    users: [],
    groups: [],
    memberships: [],
  };
  for (const store of stores) {
    for (const g of store.groups) if (!g.deleted) truth.groups.push(g.wire);
    for (const slot of store.liveSlots()) {
      truth.users.push(world.userWithGroups(store, slot));
      for (const g of store.groupsOfUser(slot)) {
        truth.memberships.push({ directory_id: store.info.id, group_id: g.id, user_id: store.userIdAt(slot) });
      }
    }
  }
  return truth;
}
