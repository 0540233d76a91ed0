/**
 * Names on a page of history: every id a change row carries (its user, group or directory, the
 * user and group of a membership, the directory) resolved in one batch per table.
 */
import type { Change, HistoryRef } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { directoriesById, groupsById, toRef, usersById } from './name-batch.ts';

export function withNames(db: ReadableDB, profileId: string, changes: Change[]): Change[] {
  if (changes.length === 0) return changes;
  const userIds: string[] = [];
  const groupIds: string[] = [];
  const directoryIds: string[] = [];
  for (const c of changes) {
    directoryIds.push(c.directoryId);
    if (c.entityType === 'user') userIds.push(c.entityId);
    else if (c.entityType === 'group') groupIds.push(c.entityId);
    else if (c.entityType === 'directory') directoryIds.push(c.entityId);
    if (c.userId) userIds.push(c.userId);
    if (c.groupId) groupIds.push(c.groupId);
  }
  const users = usersById(db, profileId, userIds);
  const groups = groupsById(db, profileId, groupIds);
  const directories = directoriesById(db, profileId, directoryIds);
  const ref = (info: HistoryRef | undefined, id: string): HistoryRef =>
    info ? toRef(info) : { id, name: null, deleted: false };
  return changes.map((c) => {
    const entity =
      c.entityType === 'user'
        ? ref(users.get(c.entityId), c.entityId)
        : c.entityType === 'group'
          ? ref(groups.get(c.entityId), c.entityId)
          : c.entityType === 'directory'
            ? ref(directories.get(c.entityId), c.entityId)
            : null;
    return {
      ...c,
      entity,
      user: c.userId ? ref(users.get(c.userId), c.userId) : null,
      group: c.groupId ? ref(groups.get(c.groupId), c.groupId) : null,
      directory: ref(directories.get(c.directoryId), c.directoryId),
    };
  });
}
