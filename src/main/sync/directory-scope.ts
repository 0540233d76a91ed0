/**
 * What a directory-scoped list returns must belong to that directory. Servers exist that
 * ignore the filter (the official `workos emulate` reads `directory_id`, not `directory`, so
 * `?directory=A` lists every directory's users: docs/workos-api.md §8); trusting them would
 * store directory B's users under A and count them twice. Records of another directory (and
 * members whose own `groups` say they are not in the group) are dropped and counted, and the
 * run says so.
 */
import type { JsonObject } from '../store/records.ts';

export type ScopedKind = 'users' | 'groups' | 'memberships';

const NOUNS: Record<ScopedKind, [string, string]> = {
  users: ['user', 'users'],
  groups: ['group', 'groups'],
  memberships: ['group membership', 'group memberships'],
};

export class DirectoryScope {
  readonly ignored: Record<ScopedKind, number> = { users: 0, groups: 0, memberships: 0 };

  constructor(readonly directoryId: string) {}

  /** The records that carry this directory's id; the others are counted as ignored. */
  own<T extends { directory_id?: unknown }>(kind: ScopedKind, records: readonly T[]): T[] {
    const kept = records.filter((r) => r.directory_id === this.directoryId);
    this.ignored[kind] += records.length - kept.length;
    return kept;
  }

  /**
   * Members listed for `groupId` (`/directory_users?group=`): of this directory, and not
   * contradicting themselves (a populated `groups` that lacks the group).
   */
  membersOf<T extends JsonObject>(groupId: string, members: readonly T[]): T[] {
    const kept = members.filter((m) => {
      if (m.directory_id !== undefined && m.directory_id !== this.directoryId) return false;
      const groups = m.groups;
      if (Array.isArray(groups) && groups.length > 0)
        return groups.some((g) => (g as { id?: unknown } | null)?.id === groupId);
      return true;
    });
    this.ignored.memberships += members.length - kept.length;
    return kept;
  }

  /** "WorkOS returned 3 users of another directory for directory Acme (directory_…); ignored." */
  warnings(directoryName: string): string[] {
    const out: string[] = [];
    for (const kind of Object.keys(NOUNS) as ScopedKind[]) {
      const n = this.ignored[kind];
      if (n === 0) continue;
      const noun = NOUNS[kind][n === 1 ? 0 : 1];
      const what = kind === 'memberships' ? `${noun} that do not belong to it` : `${noun} of another directory`;
      out.push(
        `WorkOS returned ${n.toLocaleString('en-US')} ${what} for directory ${directoryName} (${this.directoryId}); ignored.`,
      );
    }
    return out;
  }
}
