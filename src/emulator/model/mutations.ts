/**
 * Every change to the emulated world, each recording the `dsync.*` events WorkOS would emit
 * (docs/workos-api.md §2.3): updates carry `previous_attributes` inside `data` with shallow
 * changes of root, raw and custom attributes (a newly added attribute appears as `null`).
 */
import { MonotonicUlid, makeId } from '../util/ulid.ts';
import type { DirectoryStore, GroupRecord } from './directory-store.ts';
import type { StoredEvent } from '../events/event-log.ts';
import type { World } from './world.ts';
import { iso, type WireDirectoryGroup, type WireDirectoryUser } from './wire.ts';
import { shapeUser } from './user-shape.ts';
import type { DirectoryState } from '../data/vocabulary.ts';

export interface AppliedChange {
  kind: string;
  directoryId: string;
  subjectId: string;
  summary: string;
}

export type UserPatch = Partial<
  Pick<
    WireDirectoryUser,
    'email' | 'emails' | 'first_name' | 'last_name' | 'name' | 'job_title' | 'username' | 'state' | 'role' | 'roles'
  >
> & { custom_attributes?: Record<string, unknown>; raw_attributes?: Record<string, unknown> };

const NESTED = new Set(['custom_attributes', 'raw_attributes']);
/**
 * A record's next `updated_at`: now, but always after the version it replaces, so two versions
 * of one record never share a timestamp (consumers order out-of-order deliveries by it; two
 * steps run in the same millisecond would otherwise make an older version look as new).
 */
export function nextVersionTime(nowMs: number, previous: string): number {
  return Math.max(nowMs, Date.parse(previous) + 1);
}

const IGNORED = new Set(['updated_at', 'created_at', 'id', 'object']);

/** Shallow diff for `previous_attributes`: old values of changed keys; nested maps diffed one level. */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key)) continue;
    if (NESTED.has(key)) {
      const ob = (b[key] ?? {}) as Record<string, unknown>;
      const oa = (a[key] ?? {}) as Record<string, unknown>;
      const nested: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(ob), ...Object.keys(oa)])) {
        if (JSON.stringify(ob[k]) !== JSON.stringify(oa[k])) nested[k] = k in ob ? ob[k] : null;
      }
      if (Object.keys(nested).length > 0) prev[key] = nested;
    } else if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) {
      prev[key] = key in b ? b[key] : null;
    }
  }
  return prev;
}

export class WorldMutator {
  readonly changes: AppliedChange[] = [];
  readonly emitted: StoredEvent[] = [];
  private readonly userIds: MonotonicUlid;
  private readonly groupIds: MonotonicUlid;

  constructor(
    private readonly world: World,
    seed: number,
  ) {
    this.userIds = new MonotonicUlid(seed ^ 0x0005e7);
    this.groupIds = new MonotonicUlid(seed ^ 0x00091d);
  }

  /** Drains what was recorded since the last call (one scenario step's worth). */
  take(): { changes: AppliedChange[]; events: StoredEvent[] } {
    return { changes: this.changes.splice(0), events: this.emitted.splice(0) };
  }

  private now(): number {
    return this.world.clock();
  }

  private emit(name: string, data: Record<string, unknown>, organizationId: string | null): void {
    this.emitted.push(this.world.events.append(name, data, organizationId, this.now()));
  }

  private record(kind: string, store: DirectoryStore, subjectId: string, summary: string): void {
    this.changes.push({ kind, directoryId: store.info.id, subjectId, summary });
  }

  newUserId(store: DirectoryStore): { id: string; createdAtMs: number } {
    // Never before the directory's newest user, so ids keep sorting in creation order.
    const last = store.slotCount > 0 ? Date.parse(store.userAt(store.slotCount - 1).created_at) : 0;
    const { ulid, timeMs } = this.userIds.next(Math.max(this.now(), last + 1));
    return { id: makeId('directory_user', ulid), createdAtMs: timeMs };
  }

  createUser(store: DirectoryStore, full: WireDirectoryUser, groupIndexes: number[]): number {
    const user = shapeUser(full, this.world.legacyFields);
    const slot = store.addUser(user, groupIndexes);
    this.emit('dsync.user.created', { ...user }, store.info.organizationId);
    this.record('user.created', store, user.id, `${user.name ?? user.id} joined`);
    for (const g of store.groupIndexesOf(slot)) this.emitMembership('dsync.group.user_added', store, slot, g);
    return slot;
  }

  updateUser(store: DirectoryStore, slot: number, patch: UserPatch, summary: string): boolean {
    const before = store.userAt(slot);
    const after: WireDirectoryUser = shapeUser(
      {
        ...before,
        ...patch,
        custom_attributes: patch.custom_attributes
          ? { ...before.custom_attributes, ...patch.custom_attributes }
          : before.custom_attributes,
        raw_attributes: patch.raw_attributes
          ? { ...before.raw_attributes, ...patch.raw_attributes }
          : before.raw_attributes,
        updated_at: iso(nextVersionTime(this.now(), before.updated_at)),
      },
      this.world.legacyFields,
    );
    // Nothing left to change once the deprecated fields are emptied: no version, no event.
    const previous = previousAttributes(before, after);
    if (Object.keys(previous).length === 0) return false;
    store.replaceUser(slot, after);
    this.emit('dsync.user.updated', { ...after, previous_attributes: previous }, store.info.organizationId);
    this.record('user.updated', store, after.id, summary);
    return true;
  }

  deleteUser(store: DirectoryStore, slot: number): void {
    const user = store.userAt(slot);
    for (const g of store.groupIndexesOf(slot)) this.removeMembership(store, slot, g);
    store.deleteUser(slot);
    this.emit('dsync.user.deleted', { ...user }, store.info.organizationId);
    this.record('user.deleted', store, user.id, `${user.name ?? user.id} deleted`);
  }

  addMembership(store: DirectoryStore, slot: number, groupIndex: number): boolean {
    if (!store.addMembership(slot, groupIndex)) return false;
    this.emitMembership('dsync.group.user_added', store, slot, groupIndex);
    return true;
  }

  removeMembership(store: DirectoryStore, slot: number, groupIndex: number): boolean {
    if (!store.removeMembership(slot, groupIndex)) return false;
    this.emitMembership('dsync.group.user_removed', store, slot, groupIndex);
    return true;
  }

  private emitMembership(name: string, store: DirectoryStore, slot: number, groupIndex: number): void {
    const user = store.userAt(slot);
    const group = (store.groups[groupIndex] as GroupRecord).wire;
    this.emit(name, { directory_id: store.info.id, user: { ...user }, group: { ...group } }, store.info.organizationId);
    const verb = name.endsWith('added') ? 'added to' : 'removed from';
    this.record(name.replace('dsync.', ''), store, user.id, `${user.name ?? user.id} ${verb} ${group.name}`);
  }

  createGroup(store: DirectoryStore, name: string, idpId: string): GroupRecord {
    const { ulid, timeMs } = this.groupIds.next(this.now());
    const wire: WireDirectoryGroup = {
      object: 'directory_group',
      id: makeId('directory_group', ulid),
      idp_id: idpId,
      directory_id: store.info.id,
      organization_id: store.info.organizationId,
      name,
      raw_attributes: { displayName: name, id: idpId },
      created_at: iso(timeMs),
      updated_at: iso(timeMs),
    };
    const record = store.addGroup(wire);
    this.emit('dsync.group.created', { ...wire }, store.info.organizationId);
    this.record('group.created', store, wire.id, `group ${name} created`);
    return record;
  }

  renameGroup(store: DirectoryStore, group: GroupRecord, name: string): void {
    const before = group.wire;
    const after: WireDirectoryGroup = {
      ...before,
      name,
      raw_attributes: { ...before.raw_attributes, displayName: name },
      updated_at: iso(nextVersionTime(this.now(), before.updated_at)),
    };
    group.wire = after;
    this.emit(
      'dsync.group.updated',
      { ...after, previous_attributes: previousAttributes(before, after) },
      store.info.organizationId,
    );
    this.record('group.updated', store, after.id, `group ${before.name} renamed to ${name}`);
  }

  deleteGroup(store: DirectoryStore, group: GroupRecord): void {
    store.deleteGroup(group);
    this.emit('dsync.group.deleted', { ...group.wire }, store.info.organizationId);
    this.record('group.deleted', store, group.wire.id, `group ${group.wire.name} deleted`);
  }

  setDirectoryState(store: DirectoryStore, state: DirectoryState): void {
    const previous = store.info.state;
    if (previous === state) return;
    store.info.state = state;
    store.info.updatedAtMs = Math.max(this.now(), store.info.updatedAtMs + 1);
    // Linking emits dsync.activated and unlinking dsync.deactivated (both in the spec's event
    // list, same payload shape). Other states (invalid_credentials, validating) only show up
    // in the directory's `state`.
    const name = state === 'linked' ? 'dsync.activated' : state === 'unlinked' ? 'dsync.deactivated' : null;
    if (name !== null) {
      this.emit(
        name,
        { ...this.directoryEventData(store), external_key: store.info.externalKey, domains: this.domainsOf(store) },
        store.info.organizationId,
      );
    }
    this.record(`directory.${state}`, store, store.info.id, `directory ${store.info.name}: ${previous} → ${state}`);
  }

  deleteDirectory(store: DirectoryStore): void {
    store.info.state = 'deleting';
    store.info.updatedAtMs = Math.max(this.now(), store.info.updatedAtMs + 1);
    this.world.removeDirectory(store.info.id);
    this.emit('dsync.deleted', this.directoryEventData(store), store.info.organizationId);
    this.record('directory.deleted', store, store.info.id, `directory ${store.info.name} deleted`);
  }

  /** Event payloads use the SDK-facing state names (linked → active, unlinked → inactive). */
  private directoryEventData(store: DirectoryStore): Record<string, unknown> {
    const state =
      store.info.state === 'linked' ? 'active' : store.info.state === 'unlinked' ? 'inactive' : store.info.state;
    return {
      object: 'directory',
      id: store.info.id,
      organization_id: store.info.organizationId,
      type: store.info.type,
      state,
      name: store.info.name,
      created_at: iso(store.info.createdAtMs),
      updated_at: iso(store.info.updatedAtMs),
    };
  }

  private domainsOf(store: DirectoryStore): { object: 'organization_domain'; id: string; domain: string }[] {
    const org = this.world.organizations.get(store.info.organizationId);
    return (org?.domains ?? []).map((d) => ({ object: 'organization_domain' as const, id: d.id, domain: d.domain }));
  }
}
