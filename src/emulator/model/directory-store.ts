/**
 * One directory's users, groups and memberships. Generated records are computed from their slot
 * on demand; only what changes afterwards (overrides, joiners, tombstones, group edits) is stored.
 * Slot order is creation order is id order, which makes every list a binary-searchable sequence.
 */
import { SortedIntList } from './sorted-int-list.ts';
import { UserGenerator } from './user-generator.ts';
import { GeneratedLookups } from './generated-lookups.ts';
import type { DirectorySpec } from './directory-spec.ts';
import type { Sequence } from './paging.ts';
import { iso, type WireDirectory, type WireDirectoryGroup, type WireDirectoryUser } from './wire.ts';
import type { DirectoryState } from '../data/vocabulary.ts';

export interface GroupRecord {
  index: number;
  wire: WireDirectoryGroup;
  deleted: boolean;
  members: SortedIntList;
}

export interface DirectoryInfo {
  id: string;
  organizationId: string;
  externalKey: string;
  type: string;
  state: DirectoryState;
  name: string;
  domain: string;
  createdAtMs: number;
  updatedAtMs: number;
}

export class DirectoryStore {
  readonly gen: UserGenerator;
  readonly info: DirectoryInfo;
  /** Users created after generation (joiners); slot = generatedCount + index. */
  private readonly joined: WireDirectoryUser[] = [];
  private readonly overrides = new Map<number, WireDirectoryUser>();
  private readonly groupOverrides = new Map<number, number[]>();
  private readonly deleted = new Set<number>();
  readonly groups: GroupRecord[] = [];
  private readonly groupById = new Map<string, GroupRecord>();
  private activeCount = 0;
  private inactiveCount = 0;
  private liveGroupCount = 0;
  private readonly lookups: GeneratedLookups;

  constructor(
    readonly spec: DirectorySpec,
    info: Omit<DirectoryInfo, 'id' | 'organizationId'>,
    legacyFields = false,
  ) {
    this.gen = new UserGenerator(spec, legacyFields);
    this.lookups = new GeneratedLookups(this.gen, spec.userCount);
    this.info = { ...info, id: spec.directoryId, organizationId: spec.organizationId };
    this.buildGroupsAndMemberships();
  }

  get generatedCount(): number {
    return this.spec.userCount;
  }

  get slotCount(): number {
    return this.spec.userCount + this.joined.length;
  }

  private buildGroupsAndMemberships(): void {
    const groupCount = this.gen.groupPlans.length;
    const n = this.spec.userCount;
    const sizes = new Int32Array(groupCount);
    let inactive = 0;
    for (let slot = 0; slot < n; slot++) {
      for (const g of this.gen.baseGroups(slot)) sizes[g] = (sizes[g] as number) + 1;
      if (this.gen.isInactive(slot)) inactive++;
    }
    for (let g = 0; g < groupCount; g++) {
      const record: GroupRecord = {
        index: g,
        wire: this.gen.group(g),
        deleted: false,
        members: new SortedIntList(sizes[g] as number),
      };
      this.groups.push(record);
      this.groupById.set(record.wire.id, record);
    }
    // Slots ascend, so each push keeps every member list sorted without a sort.
    for (let slot = 0; slot < n; slot++) {
      for (const g of this.gen.baseGroups(slot)) this.groups[g]?.members.pushLargest(slot);
    }
    this.activeCount = n - inactive;
    this.inactiveCount = inactive;
    this.liveGroupCount = groupCount;
  }

  // ---- users -----------------------------------------------------------------------------

  userIdAt(slot: number): string {
    return slot < this.spec.userCount
      ? this.gen.userId(slot)
      : (this.joined[slot - this.spec.userCount] as WireDirectoryUser).id;
  }

  isLiveUser(slot: number): boolean {
    return slot >= 0 && slot < this.slotCount && !this.deleted.has(slot);
  }

  userAt(slot: number): WireDirectoryUser {
    const override = this.overrides.get(slot);
    if (override) return override;
    if (slot >= this.spec.userCount) return this.joined[slot - this.spec.userCount] as WireDirectoryUser;
    return this.gen.user(slot);
  }

  /** Slot of a user id (live or deleted), or -1; a binary search over creation order. */
  slotOfUserId(id: string): number {
    let lo = 0;
    let hi = this.slotCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.userIdAt(mid) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.slotCount && this.userIdAt(lo) === id ? lo : -1;
  }

  groupIndexesOf(slot: number): number[] {
    const base = this.groupOverrides.get(slot) ?? (slot < this.spec.userCount ? this.gen.baseGroups(slot) : []);
    return base.filter((g) => this.groups[g]?.deleted === false);
  }

  groupsOfUser(slot: number): WireDirectoryGroup[] {
    return this.groupIndexesOf(slot).map((g) => (this.groups[g] as GroupRecord).wire);
  }

  userSequence(): Sequence<number> {
    return {
      length: this.slotCount,
      idAt: (k) => this.userIdAt(k),
      isLive: (k) => !this.deleted.has(k),
      itemAt: (k) => k,
    };
  }

  groupMemberSequence(group: GroupRecord): Sequence<number> {
    return {
      length: group.members.length,
      idAt: (k) => this.userIdAt(group.members.at(k)),
      isLive: () => true,
      itemAt: (k) => group.members.at(k),
    };
  }

  findSlotsByEmail(email: string): number[] {
    const wanted = email.toLowerCase();
    return this.findSlots(this.lookups.slotsWithEmail(wanted), (u) => u.email?.toLowerCase() === wanted);
  }

  findSlotsByIdpId(idpId: string): number[] {
    const base = this.lookups.slotWithIdpId(idpId);
    return this.findSlots(base === undefined ? [] : [base], (u) => u.idp_id === idpId);
  }

  /** Generated candidates plus every changed or joined user, re-checked against current values. */
  private findSlots(generated: readonly number[], matches: (user: WireDirectoryUser) => boolean): number[] {
    const candidates = new Set(generated);
    for (const slot of this.overrides.keys()) candidates.add(slot);
    for (let j = 0; j < this.joined.length; j++) candidates.add(this.spec.userCount + j);
    return [...candidates].filter((slot) => this.isLiveUser(slot) && matches(this.userAt(slot))).sort((a, b) => a - b);
  }

  /** Live slots in creation order (for truth snapshots and scenario picks on small data). */
  *liveSlots(): Generator<number> {
    for (let slot = 0; slot < this.slotCount; slot++) if (!this.deleted.has(slot)) yield slot;
  }

  // ---- mutations (called by the world, which records events) ------------------------------

  addUser(user: WireDirectoryUser, groupIndexes: number[]): number {
    const last = this.slotCount > 0 ? this.userIdAt(this.slotCount - 1) : '';
    if (user.id <= last) throw new Error(`new user id ${user.id} does not sort after ${last}`);
    this.joined.push(user);
    const slot = this.slotCount - 1;
    const live = groupIndexes.filter((g) => this.groups[g]?.deleted === false).sort((a, b) => a - b);
    this.groupOverrides.set(slot, live);
    for (const g of live) this.groups[g]?.members.insert(slot);
    if (user.state === 'active') this.activeCount++;
    else this.inactiveCount++;
    return slot;
  }

  replaceUser(slot: number, user: WireDirectoryUser): void {
    const before = this.userAt(slot);
    if (before.state !== user.state) {
      if (user.state === 'active') {
        this.activeCount++;
        this.inactiveCount--;
      } else {
        this.activeCount--;
        this.inactiveCount++;
      }
    }
    if (slot >= this.spec.userCount) this.joined[slot - this.spec.userCount] = user;
    else this.overrides.set(slot, user);
  }

  deleteUser(slot: number): void {
    const user = this.userAt(slot);
    for (const g of this.groupIndexesOf(slot)) this.groups[g]?.members.remove(slot);
    this.groupOverrides.set(slot, []);
    this.deleted.add(slot);
    if (user.state === 'active') this.activeCount--;
    else this.inactiveCount--;
  }

  addMembership(slot: number, groupIndex: number): boolean {
    const group = this.groups[groupIndex];
    if (!group || group.deleted || !this.isLiveUser(slot)) return false;
    const current = this.groupIndexesOf(slot);
    if (current.includes(groupIndex)) return false;
    this.groupOverrides.set(
      slot,
      [...current, groupIndex].sort((a, b) => a - b),
    );
    group.members.insert(slot);
    return true;
  }

  removeMembership(slot: number, groupIndex: number): boolean {
    const group = this.groups[groupIndex];
    if (!group) return false;
    const current = this.groupIndexesOf(slot);
    if (!current.includes(groupIndex)) return false;
    this.groupOverrides.set(
      slot,
      current.filter((g) => g !== groupIndex),
    );
    group.members.remove(slot);
    return true;
  }

  addGroup(wire: WireDirectoryGroup): GroupRecord {
    const last = this.groups[this.groups.length - 1];
    if (last && wire.id <= last.wire.id) throw new Error(`new group id ${wire.id} does not sort after ${last.wire.id}`);
    const record: GroupRecord = { index: this.groups.length, wire, deleted: false, members: new SortedIntList() };
    this.groups.push(record);
    this.groupById.set(wire.id, record);
    this.liveGroupCount++;
    return record;
  }

  deleteGroup(record: GroupRecord): void {
    if (record.deleted) return;
    record.deleted = true;
    record.members = new SortedIntList();
    this.liveGroupCount--;
  }

  groupByIdLive(id: string): GroupRecord | undefined {
    const g = this.groupById.get(id);
    return g && !g.deleted ? g : undefined;
  }

  groupSequence(): Sequence<GroupRecord> {
    return {
      length: this.groups.length,
      idAt: (k) => (this.groups[k] as GroupRecord).wire.id,
      isLive: (k) => !(this.groups[k] as GroupRecord).deleted,
      itemAt: (k) => this.groups[k] as GroupRecord,
    };
  }

  counts(): { active: number; inactive: number; groups: number } {
    return { active: this.activeCount, inactive: this.inactiveCount, groups: this.liveGroupCount };
  }

  toWire(): WireDirectory {
    const c = this.counts();
    return {
      object: 'directory',
      id: this.info.id,
      organization_id: this.info.organizationId,
      external_key: this.info.externalKey,
      type: this.info.type,
      state: this.info.state,
      name: this.info.name,
      domain: this.info.domain,
      metadata: { users: { active: c.active, inactive: c.inactive }, groups: c.groups },
      created_at: iso(this.info.createdAtMs),
      updated_at: iso(this.info.updatedAtMs),
    };
  }
}
