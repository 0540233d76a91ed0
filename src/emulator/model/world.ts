/**
 * Everything the emulated WorkOS environment holds: organizations, directories (with their
 * users and groups) and the event log. Reads only; changes go through `WorldMutator`.
 */
import { EventLog } from '../events/event-log.ts';
import type { DirectoryStore, GroupRecord } from './directory-store.ts';
import type { WireDirectoryUser, WireDirectoryUserWithGroups, WireOrganization } from './wire.ts';

export interface UserLocation {
  store: DirectoryStore;
  slot: number;
}

export interface GroupLocation {
  store: DirectoryStore;
  group: GroupRecord;
}

export class World {
  readonly organizations = new Map<string, WireOrganization>();
  /** Live directories, sorted by id (= creation order). */
  private directoryList: DirectoryStore[] = [];
  private readonly directoryById = new Map<string, DirectoryStore>();
  readonly events: EventLog;
  /** The clock every timestamp comes from; swapped while seeding backdated history. */
  clock: () => number;

  constructor(
    seed: number,
    clock: () => number,
    readonly groupsPopulated: boolean,
    /** Serve users as before 15 Apr 2026 (see user-shape.ts). */
    readonly legacyFields = false,
  ) {
    this.clock = clock;
    this.events = new EventLog(seed ^ 0x5eed, () => this.clock());
  }

  addOrganization(org: WireOrganization): void {
    this.organizations.set(org.id, org);
  }

  addDirectory(store: DirectoryStore): void {
    this.directoryById.set(store.info.id, store);
    this.directoryList = [...this.directoryList, store].sort((a, b) => (a.info.id < b.info.id ? -1 : 1));
  }

  removeDirectory(id: string): void {
    this.directoryById.delete(id);
    this.directoryList = this.directoryList.filter((d) => d.info.id !== id);
  }

  directories(): readonly DirectoryStore[] {
    return this.directoryList;
  }

  directory(id: string): DirectoryStore | undefined {
    return this.directoryById.get(id);
  }

  findUser(id: string): UserLocation | undefined {
    for (const store of this.directoryList) {
      const slot = store.slotOfUserId(id);
      if (slot >= 0 && store.isLiveUser(slot)) return { store, slot };
    }
    return undefined;
  }

  findGroup(id: string): GroupLocation | undefined {
    for (const store of this.directoryList) {
      const group = store.groupByIdLive(id);
      if (group) return { store, group };
    }
    return undefined;
  }

  /** The REST shape of a user: always with `groups` (populated or `[]`, per the team setting). */
  userWithGroups(store: DirectoryStore, slot: number): WireDirectoryUserWithGroups {
    const user: WireDirectoryUser = store.userAt(slot);
    return { ...user, groups: this.groupsPopulated ? store.groupsOfUser(slot) : [] };
  }
}
