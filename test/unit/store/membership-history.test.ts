/**
 * Membership history where a first snapshot meets a past: groups events created before the
 * directory's first full sync keep an exact history, and a group that moves to another
 * directory keeps its memberships, so lookups by user (which seek the user's directory) and
 * removing a user still find them.
 */
import { describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { inTransaction, queryAll } from '../../../src/main/store/exec.ts';
import { upsertGroup } from '../../../src/main/store/group-writes.ts';
import { listGroups } from '../../../src/main/store/queries/groups-query.ts';
import { groupMembersAt } from '../../../src/main/store/queries/history-query.ts';
import { getUserDetail } from '../../../src/main/store/queries/users-query.ts';
import { directoryFromWire, groupFromWire, userFromWire } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { addMembership, removeMembership, removeUser, upsertUser } from '../../../src/main/store/user-writes.ts';
import { applySnapshot, eventsContext, freshStoreEachTest, wireDirectory, wireGroup, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

const events = eventsContext;

const membersAt = (groupId: string, at: string): string[] =>
  groupMembersAt(store.reader, 'p1', groupId, at)
    .members.map((m) => m.id)
    .sort();

describe('membership history around a first snapshot', () => {
  it('keeps the exact past of groups events created before the first full sync', () => {
    inTransaction(store.writer, () => {
      const t = events('2025-12-31T00:00:00.000Z');
      upsertDirectory(store.writer, t, directoryFromWire(wireDirectory()));
      upsertGroup(store.writer, t, groupFromWire(wireGroup('g0')));
      for (const u of ['u0', 'u1']) upsertUser(store.writer, t, userFromWire(wireUser(u)));
      addMembership(store.writer, t, 'directory_1', 'g0', 'u1');
      removeMembership(store.writer, events('2025-12-31T06:00:00.000Z'), 'directory_1', 'g0', 'u1');
    });
    applySnapshot(store, 'r1', '2026-01-01T00:00:00.000Z', {
      users: [wireUser('u0'), wireUser('u1')],
      groups: [wireGroup('g0'), wireGroup('g1')],
      members: [
        ['g0', 'u0'],
        ['g0', 'u1'],
        ['g1', 'u0'],
      ],
    });
    expect(membersAt('g0', '2025-12-31T03:00:00.000Z')).toEqual(['u1']);
    expect(membersAt('g0', '2025-12-31T12:00:00.000Z')).toEqual([]);
    expect(membersAt('g0', '2026-01-01T00:00:00.000Z')).toEqual(['u0', 'u1']);
    // g1's history begins with the snapshot: its pair is implied, not logged.
    expect(membersAt('g1', '2025-12-31T12:00:00.000Z')).toEqual([]);
    expect(membersAt('g1', '2026-01-01T00:00:00.000Z')).toEqual(['u0']);
    const logged = queryAll<{ entity_id: string }>(
      store.reader,
      sql`SELECT entity_id FROM changes WHERE run_id = 'r1' AND entity_type = 'membership' ORDER BY seq`,
    ).map((c) => c.entity_id);
    expect(logged.sort()).toEqual(['g0:u0', 'g0:u1']);
  });

  it('moves a group’s memberships with it to another directory: lookups by user and removing the user find them', () => {
    applySnapshot(store, 'r1', '2026-01-01T00:00:00.000Z', {
      users: [wireUser('u0')],
      groups: [wireGroup('g0')],
      members: [['g0', 'u0']],
    });
    inTransaction(store.writer, () => {
      const t = events('2026-01-02T00:00:00.000Z');
      upsertDirectory(store.writer, t, directoryFromWire(wireDirectory('directory_2')));
      upsertGroup(
        store.writer,
        t,
        groupFromWire(wireGroup('g0', { directory_id: 'directory_2', updated_at: '2026-01-02T00:00:00.000Z' })),
      );
    });
    // The pair stays filed under its user's directory, where lookups by user seek it.
    expect(queryAll(store.reader, sql`SELECT directory_id FROM memberships`)).toEqual([
      { directory_id: 'directory_1' },
    ]);
    expect(getUserDetail(store.reader, 'p1', 'u0').groups.map((g) => g.id)).toEqual(['g0']);
    expect(listGroups(store.reader, { profileId: 'p1', userId: 'u0', limit: 10 }).items.map((g) => g.id)).toEqual([
      'g0',
    ]);
    inTransaction(store.writer, () =>
      removeUser(store.writer, events('2026-01-03T00:00:00.000Z'), 'u0', 'deleted_event'),
    );
    expect(queryAll(store.reader, sql`SELECT * FROM memberships`)).toEqual([]);
    expect(queryAll(store.reader, sql`SELECT members FROM group_member_counts WHERE group_id = 'g0'`)).toEqual([
      { members: 0 },
    ]);
  });
});
