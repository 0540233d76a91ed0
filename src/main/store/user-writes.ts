/**
 * Writing users and memberships: every write compares with the cached row and appends
 * exactly the differences to the change log; removals leave a tombstone.
 */
import { appendChange } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { getUserRow, groupIdsOfUser } from './entity-reads.ts';
import { execute } from './exec.ts';
import { diffFields } from './field-diff.ts';
import {
  displayName,
  sortKey,
  userSearchText,
  type ChangeContext,
  type JsonObject,
  type UserRecord,
} from './records.ts';
import type { UserRow } from './rows.ts';
import { joinSql, sql, type SqlFragment } from './sql.ts';
import { markRestored, writeTombstone, type TombstoneReason } from './tombstones.ts';
import { moveUserMemberships } from './membership-homes.ts';

/** A user row's new values, as written by an update. */
export interface UserColumns {
  directoryId: string;
  organizationId: string | null;
  idpId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  username: string | null;
  jobTitle: string | null;
  state: string;
  customAttributesJson: string;
  rawJson: string;
  createdAt: string;
  updatedAt: string;
  sortName: string;
  searchText: string;
}

/** What an update needs to know of the cached row: which indexed values move. */
export type CachedUserKeys = Pick<UserRow, 'seq' | 'state' | 'directory_id' | 'email' | 'sort_name' | 'search_text'>;

/**
 * Updates a cached user in one statement. Columns outside every index are always written; each
 * indexed one (state, directory, email, sort name) and the FTS text only when it moved, since
 * naming a column in SET rewrites every index holding it, changed or not (and the FTS trigger
 * fires on search_text). Counted in the WAL of 10,053 events at 1M users, an always-written
 * email dirtied 2,742 pages of `users_by_email`. One statement rewrites the row once, however
 * many columns moved. A state change restarts `state_since` (observed).
 */
export function updateUserRow(db: WritableDB, ctx: ChangeContext, prev: CachedUserKeys, next: UserColumns): void {
  const sets: SqlFragment[] = [
    sql`organization_id = ${next.organizationId}, idp_id = ${next.idpId},
        first_name = ${next.firstName}, last_name = ${next.lastName}, name = ${next.name}, username = ${next.username},
        job_title = ${next.jobTitle}, custom_attributes = ${next.customAttributesJson}, raw_json = ${next.rawJson},
        created_at = ${next.createdAt}, updated_at = ${next.updatedAt}`,
  ];
  if (prev.state !== next.state) {
    sets.push(sql`state = ${next.state}, state_since = ${ctx.at}, state_since_observed = 1`);
  }
  if (prev.directory_id !== next.directoryId) sets.push(sql`directory_id = ${next.directoryId}`);
  if (prev.email !== next.email) sets.push(sql`email = ${next.email}`);
  if (prev.sort_name !== next.sortName) sets.push(sql`sort_name = ${next.sortName}`);
  if (prev.search_text !== next.searchText) sets.push(sql`search_text = ${next.searchText}`);
  execute(db, sql`UPDATE users SET ${joinSql(sets, ', ')} WHERE seq = ${prev.seq}`);
  if (prev.directory_id !== next.directoryId) {
    moveUserMemberships(db, ctx.profileId, prev.seq, prev.directory_id, next.directoryId);
  }
}

export const membershipEntityId = (groupId: string, userId: string): string => `${groupId}:${userId}`;

/**
 * Returns the number of change-log rows written. `cached` is the user's row when the caller has
 * just read it (`null`: known not to be cached); otherwise it is read here.
 */
export function upsertUser(db: WritableDB, ctx: ChangeContext, user: UserRecord, cached?: UserRow | null): number {
  const existing = cached === undefined ? getUserRow(db, ctx.profileId, user.id) : (cached ?? undefined);
  const rawJson = JSON.stringify(user.raw);
  const searchText = userSearchText(user);
  const sortName = sortKey(displayName(user));
  const attrs = JSON.stringify(user.customAttributes);
  if (!existing) {
    // First sight: the state's start is unknown, so it is estimated and marked as such.
    const stateSince = user.state === 'active' ? user.createdAt : user.updatedAt;
    execute(
      db,
      sql`INSERT INTO users (profile_id, id, directory_id, organization_id, idp_id, email, first_name, last_name, name,
                             username, job_title, state, custom_attributes, raw_json, created_at, updated_at,
                             first_seen_at, state_since, state_since_observed, sort_name, search_text)
          VALUES (${ctx.profileId}, ${user.id}, ${user.directoryId}, ${user.organizationId}, ${user.idpId}, ${user.email},
                  ${user.firstName}, ${user.lastName}, ${user.name}, ${user.username}, ${user.jobTitle}, ${user.state},
                  ${attrs}, ${rawJson}, ${user.createdAt}, ${user.updatedAt}, ${ctx.at}, ${stateSince}, 0,
                  ${sortName}, ${searchText})`,
    );
    markRestored(db, ctx, user.id);
    appendChange(db, ctx, {
      entityType: 'user',
      entityId: user.id,
      directoryId: user.directoryId,
      kind: 'added',
      after: user.raw,
    });
    return 1;
  }
  const diffs = diffFields(JSON.parse(existing.raw_json) as JsonObject, user.raw);
  // No field changed (e.g. only WorkOS's deprecation emptied the legacy fields): the row still
  // takes the new record, silently, so the cache holds what WorkOS sends today.
  if (diffs.length === 0 && existing.updated_at === user.updatedAt && existing.raw_json === rawJson) return 0;
  updateUserRow(db, ctx, existing, {
    directoryId: user.directoryId,
    organizationId: user.organizationId,
    idpId: user.idpId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    name: user.name,
    username: user.username,
    jobTitle: user.jobTitle,
    state: user.state,
    customAttributesJson: attrs,
    rawJson,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    sortName,
    searchText,
  });
  for (const d of diffs) {
    appendChange(db, ctx, {
      entityType: 'user',
      entityId: user.id,
      directoryId: user.directoryId,
      kind: d.field === 'state' ? 'state_changed' : 'changed',
      field: d.field,
      before: d.before,
      after: d.after,
    });
  }
  return diffs.length;
}

export function addMembership(
  db: WritableDB,
  ctx: ChangeContext,
  directoryId: string,
  groupId: string,
  userId: string,
): number {
  const result = execute(
    db,
    // Filed under the user's directory (lookups by user seek it: membership-homes.ts), whatever
    // the event said; a user or group that is not cached makes no pair.
    sql`INSERT OR IGNORE INTO memberships (profile_id, group_id, user_id, directory_id, since)
        SELECT g.profile_id, g.id, u.id, u.directory_id, ${ctx.at}
        FROM groups g JOIN users u ON u.profile_id = g.profile_id AND u.id = ${userId}
        WHERE g.profile_id = ${ctx.profileId} AND g.id = ${groupId}`,
  );
  if (result.changes === 0) return 0;
  appendChange(db, ctx, {
    entityType: 'membership',
    entityId: membershipEntityId(groupId, userId),
    directoryId,
    kind: 'added',
    groupId,
    userId,
  });
  return 1;
}

export function removeMembership(
  db: WritableDB,
  ctx: ChangeContext,
  directoryId: string,
  groupId: string,
  userId: string,
): number {
  const result = execute(
    db,
    sql`DELETE FROM memberships WHERE profile_id = ${ctx.profileId} AND group_id = ${groupId} AND user_id = ${userId}`,
  );
  if (result.changes === 0) return 0;
  appendChange(db, ctx, {
    entityType: 'membership',
    entityId: membershipEntityId(groupId, userId),
    directoryId,
    kind: 'removed',
    groupId,
    userId,
  });
  return 1;
}

/** Removes a user and its memberships, logging each and leaving a tombstone. */
/**
 * `deletion` is the record carried by a delete event: it becomes the tombstone's last record so
 * its `updated_at` (newer than the cached one) is what late updates are compared with.
 */
export function removeUser(
  db: WritableDB,
  ctx: ChangeContext,
  userId: string,
  reason: TombstoneReason,
  deletion?: JsonObject,
): number {
  const existing = getUserRow(db, ctx.profileId, userId);
  if (!existing) return 0;
  let written = 0;
  for (const groupId of groupIdsOfUser(db, ctx.profileId, { id: userId, directoryId: existing.directory_id })) {
    written += removeMembership(db, ctx, existing.directory_id, groupId, userId);
  }
  const record = JSON.parse(existing.raw_json) as JsonObject;
  const last = deletion ? { ...record, ...deletion } : record;
  writeTombstone(db, ctx, { type: 'user', id: userId, directoryId: existing.directory_id, record: last }, reason);
  execute(db, sql`DELETE FROM users WHERE seq = ${existing.seq}`);
  appendChange(db, ctx, {
    entityType: 'user',
    entityId: userId,
    directoryId: existing.directory_id,
    kind: 'removed',
    before: record,
  });
  return written + 1;
}
