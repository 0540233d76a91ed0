/** Row → contract converters shared by the query modules. */
import type { Change, GroupSummary, Tombstone, UserSummary } from '../../../shared/api/sync.ts';
import { displayName } from '../records.ts';
import type { ChangeRow, GroupRow, TombstoneRow, UserRow } from '../rows.ts';

export function parseJsonObject(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function userDisplayName(
  row: Pick<UserRow, 'name' | 'first_name' | 'last_name' | 'email' | 'username' | 'id'>,
): string {
  return displayName({
    name: row.name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    username: row.username,
    id: row.id,
  });
}

export function toUserSummary(row: UserRow & { directory_name: string }): UserSummary {
  return {
    id: row.id,
    directoryId: row.directory_id,
    directoryName: row.directory_name,
    displayName: userDisplayName(row),
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    username: row.username,
    idpId: row.idp_id,
    state: row.state,
    stateSince: row.state_since,
    stateSinceObserved: row.state_since_observed === 1,
    customAttributes: parseJsonObject(row.custom_attributes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toGroupSummary(row: GroupRow & { directory_name: string; members: number }): GroupSummary {
  return {
    id: row.id,
    directoryId: row.directory_id,
    directoryName: row.directory_name,
    name: row.name,
    idpId: row.idp_id,
    members: row.members,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toChange(row: ChangeRow): Change {
  return {
    seq: row.seq,
    at: row.at,
    entityType: row.entity_type,
    entityId: row.entity_id,
    directoryId: row.directory_id,
    kind: row.kind,
    field: row.field,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    groupId: row.group_id,
    userId: row.user_id,
    source: row.source,
    runId: row.run_id,
    eventId: row.event_id,
    baseline: row.baseline === 1,
  };
}

export function toTombstone(row: TombstoneRow): Tombstone {
  return {
    entityType: row.entity_type,
    entityId: row.entity_id,
    directoryId: row.directory_id,
    removedAt: row.removed_at,
    reason: row.reason,
    source: row.source,
    restoredAt: row.restored_at,
    lastRecord: parseJsonObject(row.last_record_json),
  };
}
