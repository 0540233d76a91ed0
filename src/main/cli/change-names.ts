/**
 * Names beside the ids in `changes`: the user, group and directory each change is about. The
 * change rows carry ids only, so names come from the store's names query (the current record,
 * else the tombstone's last one), each id looked up once. Swap this function for one that
 * reads names stored with the changes once the store keeps them.
 */
import type { Change } from '../../shared/api/sync.ts';
import type { ReadableDB } from '../store/db-types.ts';
import { entityName } from '../store/queries/names.ts';

export interface ChangeNames {
  /** The user's, group's or directory's name; for a membership, the user's. */
  entityName: string | null;
  userName: string | null;
  groupName: string | null;
  directoryName: string;
}

export type NamedChange = Change & ChangeNames;

export function nameChanges(db: ReadableDB, profileId: string, changes: readonly Change[]): NamedChange[] {
  const known = new Map<string, string>();
  const nameOf = (type: 'user' | 'group' | 'directory', id: string | null): string | null => {
    if (id === null) return null;
    const key = `${type}\0${id}`;
    let name = known.get(key);
    if (name === undefined) {
      name = entityName(db, profileId, type, id);
      known.set(key, name);
    }
    // The names query falls back to the id itself when it knows no name.
    return name === id ? null : name;
  };
  return changes.map((c) => {
    const userId = c.userId ?? (c.entityType === 'user' ? c.entityId : null);
    const groupId = c.groupId ?? (c.entityType === 'group' ? c.entityId : null);
    const userName = nameOf('user', userId);
    const groupName = nameOf('group', groupId);
    const directoryName = nameOf('directory', c.directoryId) ?? c.directoryId;
    const entity = c.entityType === 'directory' ? directoryName : c.entityType === 'group' ? groupName : userName;
    return { ...c, entityName: entity, userName, groupName, directoryName };
  });
}
