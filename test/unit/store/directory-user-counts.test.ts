/**
 * Users per directory and state, kept by triggers (migration 19), match the users on every write
 * path: a snapshot (first and re-sync), single upserts that change state or move a user, a
 * deleted user, a removed directory and a deleted profile; and what the Directories and Users
 * screens read from them.
 */
import { describe, expect, it } from 'vitest';
import { removeDirectory, upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { execute, queryAll } from '../../../src/main/store/exec.ts';
import { listDirectorySummaries } from '../../../src/main/store/queries/directories-query.ts';
import { listUsers } from '../../../src/main/store/queries/users-query.ts';
import { directoryFromWire, userFromWire } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { removeUser, upsertUser } from '../../../src/main/store/user-writes.ts';
import { applySnapshot, eventsContext, freshStoreEachTest, T0, wireDirectory, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

const ctx = eventsContext;

type Row = { profile_id: string; directory_id: string; state: string; n: number };

/** The kept counts, zero rows left out. */
function kept(): Row[] {
  return queryAll<Row>(
    store.reader,
    sql`SELECT profile_id, directory_id, state, users AS n FROM directory_user_counts WHERE users <> 0
        ORDER BY profile_id, directory_id, state`,
  );
}

/** The counts as the users table says. */
function counted(): Row[] {
  return queryAll<Row>(
    store.reader,
    sql`SELECT profile_id, directory_id, state, count(*) AS n FROM users
        GROUP BY profile_id, directory_id, state ORDER BY profile_id, directory_id, state`,
  );
}

describe('directory user counts', () => {
  it('follow snapshots, state changes, moves, deletions and a removed directory', () => {
    applySnapshot(store, 'r1', T0, {
      users: ['u1', 'u2', 'u3', 'u4'].map((id) => wireUser(id)),
      groups: [],
      members: [],
    });
    expect(kept()).toEqual(counted());
    expect(kept()).toEqual([{ profile_id: 'p1', directory_id: 'directory_1', state: 'active', n: 4 }]);

    // A re-sync: one user suspended, one gone (tombstoned), one new.
    const t1 = '2026-01-02T00:00:00.000Z';
    applySnapshot(store, 'r2', t1, {
      users: [wireUser('u1', { state: 'suspended', updated_at: t1 }), wireUser('u2'), wireUser('u3'), wireUser('u5')],
      groups: [],
      members: [],
    });
    expect(kept()).toEqual(counted());

    // Events: a state change, a move to another directory, a deletion.
    const t2 = '2026-01-03T00:00:00.000Z';
    upsertDirectory(store.writer, ctx(t2), directoryFromWire(wireDirectory('directory_2')));
    upsertUser(store.writer, ctx(t2), userFromWire(wireUser('u2', { state: 'inactive', updated_at: t2 })));
    upsertUser(store.writer, ctx(t2), userFromWire(wireUser('u3', { directory_id: 'directory_2', updated_at: t2 })));
    upsertUser(store.writer, ctx(t2), userFromWire(wireUser('v1', { directory_id: 'directory_2' })));
    removeUser(store.writer, ctx(t2), 'u5', 'deleted_event');
    expect(kept()).toEqual(counted());
    expect(kept().map((r) => [r.directory_id, r.state, r.n])).toEqual([
      ['directory_1', 'inactive', 1],
      ['directory_1', 'suspended', 1],
      ['directory_2', 'active', 2],
    ]);

    // What the screens read: the Directories list and the Users screen's total.
    const summaries = listDirectorySummaries(store.reader, 'p1', undefined, Date.parse(t2));
    expect(summaries.map((d) => [d.id, d.activeUsers, d.inactiveUsers])).toEqual(
      expect.arrayContaining([
        ['directory_1', 0, 2],
        ['directory_2', 2, 0],
      ]),
    );
    const all = listUsers(store.reader, { profileId: 'p1', sort: 'name', order: 'asc', limit: 2 });
    expect([all.total, all.totalCapped]).toEqual([4, undefined]);
    const inDir2 = listUsers(store.reader, {
      profileId: 'p1',
      directoryId: 'directory_2',
      sort: 'name',
      order: 'asc',
      limit: 2,
    });
    expect(inDir2.total).toBe(2);

    removeDirectory(store.writer, ctx(t2), 'directory_2', 'deleted_event');
    expect(kept()).toEqual(counted());
    expect(listUsers(store.reader, { profileId: 'p1', sort: 'name', order: 'asc', limit: 2 }).total).toBe(2);
  });

  it('drop to nothing when the profile is deleted (the cascade fires the triggers)', () => {
    applySnapshot(store, 'r1', T0, { users: [wireUser('u1'), wireUser('u2')], groups: [], members: [] });
    execute(store.writer, sql`DELETE FROM profiles WHERE id = 'p1'`);
    expect(counted()).toEqual([]);
    expect(kept()).toEqual([]);
  });
});
