/**
 * Ordering rules for events that arrive late or out of order: `updated_at` comparisons, and
 * deletions (tombstones) that a late create or update must not undo.
 */
import type { WritableDB } from '../store/db-types.ts';
import type { ChangeContext, JsonObject } from '../store/records.ts';
import { DELETION_EVENT_REASONS, latestOpenTombstone, writeTombstone } from '../store/tombstones.ts';
import type { DirectoryPresence } from './directory-presence.ts';

/** `incoming` is at least as new as `cached` (timestamps compared as instants when both parse). */
export function isNewer(incoming: string, cached: string): boolean {
  const a = Date.parse(incoming);
  const b = Date.parse(cached);
  if (Number.isNaN(a) || Number.isNaN(b)) return incoming >= cached;
  return a >= b;
}

export function isStrictlyNewer(incoming: string, reference: string): boolean {
  return isNewer(incoming, reference) && !isNewer(reference, incoming);
}

/**
 * A deletion seen by event: a payload last updated no later than the deletion must not
 * resurrect the record (the create/update simply arrived late). The deletion's time is the
 * later of its event time and the `updated_at` its payload carried; on a tie the delete wins,
 * since a delete payload carries the record as last updated.
 */
export function deletedAfter(db: WritableDB, profileId: string, id: string, updatedAt: string): boolean {
  const tomb = latestOpenTombstone(db, profileId, id, DELETION_EVENT_REASONS);
  if (tomb === undefined) return false;
  const last = JSON.parse(tomb.last_record_json) as JsonObject;
  const deletedUpdatedAt = typeof last.updated_at === 'string' ? last.updated_at : tomb.removed_at;
  return !isStrictlyNewer(updatedAt, tomb.removed_at) || !isStrictlyNewer(updatedAt, deletedUpdatedAt);
}

/**
 * A delete event for a user or group this cache never held. Nothing to remove, but an auditor
 * asking "did X ever exist?" should find it, and a create delivered after it (older) must not
 * bring it back: so a tombstone with the event's record, unless one is already open.
 */
export function recordUnseenDeletion(
  db: WritableDB,
  ctx: ChangeContext,
  type: 'user' | 'group',
  data: JsonObject,
  dirs: DirectoryPresence,
): 'applied' | 'stale' | 'unknown_directory' {
  const directoryId = String(data.directory_id ?? '');
  if (!dirs.has(db, ctx.profileId, directoryId)) return 'unknown_directory';
  const id = String(data.id);
  if (latestOpenTombstone(db, ctx.profileId, id) !== undefined) return 'stale';
  writeTombstone(db, ctx, { type, id, directoryId, record: data }, 'deleted_before_first_seen');
  return 'applied';
}
