/**
 * Applying one `dsync.*` event to the cache, idempotently. Events can arrive twice, late or
 * out of order (https://workos.com/docs/webhooks/out-of-sequence-events), so:
 *  - an event id already applied is skipped;
 *  - a user/group payload older (by `updated_at`) than what the cache holds — or than the
 *    record a deletion tombstoned — is skipped;
 *  - membership events carry no `updated_at`, so the latest event time per (group, user) is
 *    kept and an older membership event cannot undo a newer one.
 * Used by the Events API poller and (with source `webhook`) by the webhook receiver.
 */
import type { WritableDB } from '../store/db-types.ts';
import { removeDirectory, upsertDirectory } from '../store/directory-writes.ts';
import { getDirectoryRow, getGroupRow, getUserRow } from '../store/entity-reads.ts';
import { execute, queryOne } from '../store/exec.ts';
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

export const DSYNC_EVENT_NAMES = [
  'dsync.activated',
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

function isNewer(incoming: string, cached: string): boolean {
  const a = Date.parse(incoming);
  const b = Date.parse(cached);
  if (Number.isNaN(a) || Number.isNaN(b)) return incoming >= cached;
  return a >= b;
}

/**
 * A deletion seen by event: a payload last updated no later than the deletion must not
 * resurrect the record (the create/update simply arrived late). The deletion's time is the
 * later of its event time and the `updated_at` its payload carried; on a tie the delete wins,
 * since a delete payload carries the record as last updated.
 */
function deletedAfter(db: WritableDB, profileId: string, id: string, updatedAt: string): boolean {
  const tomb = queryOne<{ removed_at: string; last_record_json: string }>(
    db,
    sql`SELECT removed_at, last_record_json FROM tombstones WHERE profile_id = ${profileId} AND entity_id = ${id}
          AND restored_at IS NULL AND reason = 'deleted_event' ORDER BY seq DESC LIMIT 1`,
  );
  if (tomb === undefined) return false;
  const last = JSON.parse(tomb.last_record_json) as JsonObject;
  const deletedUpdatedAt = typeof last.updated_at === 'string' ? last.updated_at : tomb.removed_at;
  return !isStrictlyNewer(updatedAt, tomb.removed_at) || !isStrictlyNewer(updatedAt, deletedUpdatedAt);
}

function isStrictlyNewer(incoming: string, reference: string): boolean {
  return isNewer(incoming, reference) && !isNewer(reference, incoming);
}

function applyUser(db: WritableDB, ctx: ChangeContext, raw: JsonObject): EventOutcome {
  const user = userFromWire(raw);
  if (!getDirectoryRow(db, ctx.profileId, user.directoryId)) return 'unknown_directory';
  const existing = getUserRow(db, ctx.profileId, user.id);
  if (existing && !isNewer(user.updatedAt, existing.updated_at)) return 'stale';
  if (!existing && deletedAfter(db, ctx.profileId, user.id, user.updatedAt)) return 'stale';
  upsertUser(db, ctx, user);
  return 'applied';
}

function applyGroup(db: WritableDB, ctx: ChangeContext, raw: JsonObject): EventOutcome {
  const group = groupFromWire(raw);
  if (!getDirectoryRow(db, ctx.profileId, group.directoryId)) return 'unknown_directory';
  const existing = getGroupRow(db, ctx.profileId, group.id);
  if (existing && !isNewer(group.updatedAt, existing.updated_at)) return 'stale';
  if (!existing && deletedAfter(db, ctx.profileId, group.id, group.updatedAt)) return 'stale';
  upsertGroup(db, ctx, group);
  return 'applied';
}

function applyMembership(db: WritableDB, ctx: ChangeContext, data: JsonObject, added: boolean): EventOutcome {
  const user = data.user as JsonObject | undefined;
  const group = data.group as JsonObject | undefined;
  if (!user || !group) return 'ignored';
  const directoryId = String(data.directory_id ?? group.directory_id);
  if (!getDirectoryRow(db, ctx.profileId, directoryId)) return 'unknown_directory';
  const groupId = String(group.id);
  const userId = String(user.id);
  const clock = queryOne<{ at: string }>(
    db,
    sql`SELECT at FROM membership_clock WHERE profile_id = ${ctx.profileId} AND group_id = ${groupId} AND user_id = ${userId}`,
  );
  if (clock && clock.at > ctx.at) return 'stale';
  execute(
    db,
    sql`INSERT INTO membership_clock (profile_id, group_id, user_id, at) VALUES (${ctx.profileId}, ${groupId}, ${userId}, ${ctx.at})
        ON CONFLICT (profile_id, group_id, user_id) DO UPDATE SET at = excluded.at`,
  );
  if (added) {
    // The payloads carry full records: bring them in first if they are new to the cache.
    if (!getUserRow(db, ctx.profileId, userId)) applyUser(db, ctx, user);
    if (!getGroupRow(db, ctx.profileId, groupId)) applyGroup(db, ctx, group);
    if (!getUserRow(db, ctx.profileId, userId) || !getGroupRow(db, ctx.profileId, groupId)) return 'stale';
    addMembership(db, ctx, directoryId, groupId, userId);
  } else {
    removeMembership(db, ctx, directoryId, groupId, userId);
  }
  return 'applied';
}

export function applyEvent(db: WritableDB, ctx: ChangeContext, event: IncomingEvent): EventOutcome {
  const seen = queryOne<{ n: number }>(
    db,
    sql`SELECT 1 AS n FROM applied_events WHERE profile_id = ${ctx.profileId} AND event_id = ${event.id}`,
  );
  if (seen) return 'duplicate';
  const outcome = applyEventBody(db, ctx, event);
  execute(
    db,
    sql`INSERT INTO applied_events (profile_id, event_id, applied_at) VALUES (${ctx.profileId}, ${event.id}, ${new Date().toISOString()})`,
  );
  return outcome;
}

function applyEventBody(db: WritableDB, ctx: ChangeContext, event: IncomingEvent): EventOutcome {
  const data = event.data;
  switch (event.event) {
    case 'dsync.activated': {
      const known = getDirectoryRow(db, ctx.profileId, String(data.id)) !== undefined;
      upsertDirectory(db, ctx, directoryFromWire(data, true));
      // Its users and groups arrive only through a full sync of that directory.
      return known ? 'applied' : 'new_directory';
    }
    case 'dsync.deleted':
      removeDirectory(db, ctx, String(data.id), 'deleted_event');
      return 'applied';
    case 'dsync.user.created':
    case 'dsync.user.updated':
      return applyUser(db, ctx, data);
    case 'dsync.user.deleted': {
      const existing = getUserRow(db, ctx.profileId, String(data.id));
      if (!existing) return 'stale';
      if (typeof data.updated_at === 'string' && !isNewer(data.updated_at, existing.updated_at)) return 'stale';
      removeUser(db, ctx, existing.id, 'deleted_event', data);
      return 'applied';
    }
    case 'dsync.group.created':
    case 'dsync.group.updated':
      return applyGroup(db, ctx, data);
    case 'dsync.group.deleted': {
      const existing = getGroupRow(db, ctx.profileId, String(data.id));
      if (!existing) return 'stale';
      if (typeof data.updated_at === 'string' && !isNewer(data.updated_at, existing.updated_at)) return 'stale';
      removeGroup(db, ctx, existing.id, 'deleted_event', data);
      return 'applied';
    }
    case 'dsync.group.user_added':
      return applyMembership(db, ctx, data, true);
    case 'dsync.group.user_removed':
      return applyMembership(db, ctx, data, false);
    default:
      return 'ignored';
  }
}
