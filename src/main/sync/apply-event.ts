/**
 * Applying one `dsync.*` event to the cache, idempotently. Events can arrive twice, late or
 * out of order (https://workos.com/docs/webhooks/out-of-sequence-events), so:
 *  - an event id already applied is skipped;
 *  - a user/group payload older (by `updated_at`) than what the cache holds — or than the
 *    record a deletion tombstoned — is skipped;
 *  - membership events carry no `updated_at`, so the latest event time per (group, user) is
 *    kept and an older membership event cannot undo a newer one.
 * Used by the Events API poller and (with source `webhook`) by the webhook receiver.
 *
 * Every check reads only what it needs (an `updated_at`, an existence bit from an index), and a
 * poller applying many events in one transaction passes a `DirectoryPresence` so each
 * directory is looked up once per transaction instead of once per event.
 */
import type { WritableDB } from '../store/db-types.ts';
import { removeDirectory, upsertDirectory } from '../store/directory-writes.ts';
import {
  getDirectoryRow,
  getGroupRow,
  getUserRow,
  groupExists,
  groupUpdatedAt,
  userExists,
  userUpdatedAt,
} from '../store/entity-reads.ts';
import { execute } from '../store/exec.ts';
import { removeGroup, upsertGroup } from '../store/group-writes.ts';
import {
  directoryFromWire,
  groupFromWire,
  userFromWire,
  type ChangeContext,
  type JsonObject,
} from '../store/records.ts';
import { sql } from '../store/sql.ts';
import { addMembership, removeMembership, removeUser, upsertUser } from '../store/user-writes.ts';
import { DirectoryPresence } from './directory-presence.ts';
import { deletedAfter, isNewer, isStrictlyNewer, recordUnseenDeletion } from './event-ordering.ts';

export { DirectoryPresence } from './directory-presence.ts';

/**
 * Every `dsync.*` event type in the spec's event list (a test compares the two, so a new type
 * cannot be missed silently). Directory-level: activated (linked), deactivated (unlinked),
 * deleted.
 */
export const DSYNC_EVENT_NAMES = [
  'dsync.activated',
  'dsync.deactivated',
  'dsync.deleted',
  'dsync.user.created',
  'dsync.user.updated',
  'dsync.user.deleted',
  'dsync.group.created',
  'dsync.group.updated',
  'dsync.group.deleted',
  'dsync.group.user_added',
  'dsync.group.user_removed',
] as const;

export type EventOutcome = 'applied' | 'new_directory' | 'duplicate' | 'stale' | 'unknown_directory' | 'ignored';

export interface IncomingEvent {
  id: string;
  event: string;
  data: JsonObject;
  created_at: string;
}

/** Event timestamps are sometimes not ISO (`2023-04-28 20:05:31.093`); normalise when possible. */
export function eventTime(createdAt: string, fallback: string): string {
  const ms = Date.parse(
    createdAt.includes('T') || !createdAt.includes(' ') ? createdAt : `${createdAt.replace(' ', 'T')}Z`,
  );
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

/**
 * Whether a payload may replace the cached version. A create carries a record's first version:
 * when the cache already holds a version with the same `updated_at` (an update in the same
 * millisecond, delivered first), the create is the older one. Other payloads win ties, so a
 * redelivery of the cached version is harmless.
 */
function replacesCached(incoming: string, cached: string, kind: 'create' | 'other'): boolean {
  return kind === 'create' ? isStrictlyNewer(incoming, cached) : isNewer(incoming, cached);
}

/** A create/update payload, parsed: what ordering compares, and how it is written. */
interface IncomingRecord {
  id: string;
  directoryId: string;
  updatedAt: string;
  /**
   * Reads the cached row once (what ordering compares, then what the write diffs against):
   * reading it twice was one more row read per user or group event.
   */
  cached(db: WritableDB, profileId: string): { updatedAt: string; write(ctx: ChangeContext): void } | undefined;
  /** Writes a record the cache does not hold. */
  insert(db: WritableDB, ctx: ChangeContext): void;
}

const incoming = {
  user: (raw: JsonObject): IncomingRecord => {
    const user = userFromWire(raw);
    return {
      ...user,
      cached: (db, profileId) => {
        const row = getUserRow(db, profileId, user.id);
        return row && { updatedAt: row.updated_at, write: (ctx) => upsertUser(db, ctx, user, row) };
      },
      insert: (db, ctx) => upsertUser(db, ctx, user, null),
    };
  },
  group: (raw: JsonObject): IncomingRecord => {
    const group = groupFromWire(raw);
    return {
      ...group,
      cached: (db, profileId) => {
        const row = getGroupRow(db, profileId, group.id);
        return row && { updatedAt: row.updated_at, write: (ctx) => upsertGroup(db, ctx, group, row) };
      },
      insert: (db, ctx) => upsertGroup(db, ctx, group, null),
    };
  },
} as const;

function applyRecord(
  db: WritableDB,
  ctx: ChangeContext,
  type: keyof typeof incoming,
  raw: JsonObject,
  dirs: DirectoryPresence,
  kind: 'create' | 'other' = 'other',
): EventOutcome {
  const record = incoming[type](raw);
  if (!dirs.has(db, ctx.profileId, record.directoryId)) return 'unknown_directory';
  const cached = record.cached(db, ctx.profileId);
  if (cached !== undefined) {
    if (!replacesCached(record.updatedAt, cached.updatedAt, kind)) return 'stale';
    cached.write(ctx);
    return 'applied';
  }
  if (deletedAfter(db, ctx.profileId, record.id, record.updatedAt)) return 'stale';
  record.insert(db, ctx);
  return 'applied';
}

/**
 * Moves the pair's clock to this event's time unless a later membership event was already
 * applied (then this one is stale). One statement: the upsert only happens when not older.
 */
function advanceMembershipClock(db: WritableDB, ctx: ChangeContext, groupId: string, userId: string): boolean {
  return (
    execute(
      db,
      sql`INSERT INTO membership_clock (profile_id, group_id, user_id, at) VALUES (${ctx.profileId}, ${groupId}, ${userId}, ${ctx.at})
          ON CONFLICT (profile_id, group_id, user_id) DO UPDATE SET at = excluded.at WHERE excluded.at >= membership_clock.at`,
    ).changes > 0
  );
}

function applyMembership(
  db: WritableDB,
  ctx: ChangeContext,
  data: JsonObject,
  added: boolean,
  dirs: DirectoryPresence,
): EventOutcome {
  const user = data.user as JsonObject | undefined;
  const group = data.group as JsonObject | undefined;
  if (!user || !group) return 'ignored';
  const directoryId = String(data.directory_id ?? group.directory_id);
  if (!dirs.has(db, ctx.profileId, directoryId)) return 'unknown_directory';
  const groupId = String(group.id);
  const userId = String(user.id);
  if (!advanceMembershipClock(db, ctx, groupId, userId)) return 'stale';
  if (!added) {
    removeMembership(db, ctx, directoryId, groupId, userId);
    return 'applied';
  }
  // Nearly always both are cached: the insert itself finds them (it joins both rows), so the
  // existence checks below run only when it wrote nothing.
  if (addMembership(db, ctx, directoryId, groupId, userId) > 0) return 'applied';
  // The payloads carry full records: bring them in first if they are new to the cache.
  const userPresent = userExists(db, ctx.profileId, userId) || applyRecord(db, ctx, 'user', user, dirs) === 'applied';
  const groupPresent =
    groupExists(db, ctx.profileId, groupId) || applyRecord(db, ctx, 'group', group, dirs) === 'applied';
  if (!userPresent || !groupPresent) return 'stale';
  addMembership(db, ctx, directoryId, groupId, userId);
  return 'applied';
}

/** A directory payload last updated before the cached version (a late activated/deactivated). */
function staleDirectoryPayload(db: WritableDB, ctx: ChangeContext, data: JsonObject): boolean {
  const cached = getDirectoryRow(db, ctx.profileId, String(data.id));
  if (!cached || typeof data.updated_at !== 'string') return false;
  return !isNewer(data.updated_at, cached.updated_at);
}

/** How a deletion event reads the cached record's time and removes it, per entity. */
const deletable = {
  user: { updatedAt: userUpdatedAt, remove: removeUser },
  group: { updatedAt: groupUpdatedAt, remove: removeGroup },
} as const;

function applyDeletion(
  db: WritableDB,
  ctx: ChangeContext,
  type: keyof typeof deletable,
  data: JsonObject,
  dirs: DirectoryPresence,
): EventOutcome {
  const id = String(data.id);
  const cachedUpdatedAt = deletable[type].updatedAt(db, ctx.profileId, id);
  if (cachedUpdatedAt === undefined) return recordUnseenDeletion(db, ctx, type, data, dirs);
  if (typeof data.updated_at === 'string' && !isNewer(data.updated_at, cachedUpdatedAt)) return 'stale';
  deletable[type].remove(db, ctx, id, 'deleted_event', data);
  return 'applied';
}

/**
 * Applies one event. Call inside a write transaction: the event id is recorded first (a
 * duplicate is detected by that insert doing nothing) and the whole event must commit or roll
 * back with it. `dirs` may be shared by the events of one transaction, never across two.
 */
export function applyEvent(
  db: WritableDB,
  ctx: ChangeContext,
  event: IncomingEvent,
  dirs: DirectoryPresence = new DirectoryPresence(),
): EventOutcome {
  const recorded = execute(
    db,
    sql`INSERT OR IGNORE INTO applied_events (profile_id, event_id, applied_at)
        VALUES (${ctx.profileId}, ${event.id}, ${new Date().toISOString()})`,
  );
  if (recorded.changes === 0) return 'duplicate';
  return applyEventBody(db, ctx, event, dirs);
}

function applyEventBody(
  db: WritableDB,
  ctx: ChangeContext,
  event: IncomingEvent,
  dirs: DirectoryPresence,
): EventOutcome {
  const data = event.data;
  switch (event.event) {
    case 'dsync.activated': {
      const id = String(data.id);
      const known = dirs.has(db, ctx.profileId, id);
      if (known && staleDirectoryPayload(db, ctx, data)) return 'stale';
      upsertDirectory(db, ctx, directoryFromWire(data, true));
      dirs.set(ctx.profileId, id, true);
      // Its users and groups arrive only through a full sync of that directory.
      return known ? 'applied' : 'new_directory';
    }
    case 'dsync.deactivated': {
      // Unlinked: its users and groups stay cached (WorkOS keeps them too); only the state
      // (and so the directory's health) moves, logged as a state change.
      if (!dirs.has(db, ctx.profileId, String(data.id))) return 'unknown_directory';
      if (staleDirectoryPayload(db, ctx, data)) return 'stale';
      upsertDirectory(db, ctx, directoryFromWire(data, true));
      return 'applied';
    }
    case 'dsync.deleted': {
      const id = String(data.id);
      removeDirectory(db, ctx, id, 'deleted_event');
      dirs.set(ctx.profileId, id, false);
      return 'applied';
    }
    case 'dsync.user.created':
      return applyRecord(db, ctx, 'user', data, dirs, 'create');
    case 'dsync.user.updated':
      return applyRecord(db, ctx, 'user', data, dirs);
    case 'dsync.user.deleted':
      return applyDeletion(db, ctx, 'user', data, dirs);
    case 'dsync.group.created':
      return applyRecord(db, ctx, 'group', data, dirs, 'create');
    case 'dsync.group.updated':
      return applyRecord(db, ctx, 'group', data, dirs);
    case 'dsync.group.deleted':
      return applyDeletion(db, ctx, 'group', data, dirs);
    case 'dsync.group.user_added':
      return applyMembership(db, ctx, data, true, dirs);
    case 'dsync.group.user_removed':
      return applyMembership(db, ctx, data, false, dirs);
    default:
      return 'ignored';
  }
}
