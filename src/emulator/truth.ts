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

export interface TruthCounts {
  directories: number;
  users: number;
  activeUsers: number;
  inactiveUsers: number;
  groups: number;
  memberships: number;
}

/** The same totals as `readTruth` would give, from counters and membership arrays. */
export function readCounts(world: World, directoryId?: string): TruthCounts {
  const stores = world.directories().filter((d) => directoryId === undefined || d.info.id === directoryId);
  const counts: TruthCounts = {
    directories: stores.length,
    users: 0,
    activeUsers: 0,
    inactiveUsers: 0,
    groups: 0,
    memberships: 0,
  };
  for (const store of stores) {
    const c = store.counts();
    counts.activeUsers += c.active;
    counts.inactiveUsers += c.inactive;
    counts.users += c.active + c.inactive;
    counts.groups += c.groups;
    for (const g of store.groups) if (!g.deleted) counts.memberships += g.members.length;
  }
  return counts;
}
