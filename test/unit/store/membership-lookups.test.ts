/**
 * Lookups by user seek one directory, the user's own (memberships-of-users.ts): every writer
 * must file a pair there, including for records that put a user and a group in different
 * directories or move one of them. Each test checks the lookups (detail page, groups filter,
 * removal) against the truth, in a profile of several directories.
 */
import { describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { groupIdsOfUser } from '../../../src/main/store/entity-reads.ts';
import { inTransaction, queryAll } from '../../../src/main/store/exec.ts';
import { upsertGroup } from '../../../src/main/store/group-writes.ts';
import { listGroups } from '../../../src/main/store/queries/groups-query.ts';
import { getUserDetail } from '../../../src/main/store/queries/users-query.ts';
import {
  directoryFromWire,
  groupFromWire,
  userFromWire,
  type ChangeContext,
  type JsonObject,
} from '../../../src/main/store/records.ts';
import {
  applyStagedDirectory,
  stageGroups,
  stageMemberships,
  stageUsers,
} from '../../../src/main/store/snapshot-apply.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { addMembership, removeUser, upsertUser } from '../../../src/main/store/user-writes.ts';
import { migration016 } from '../../../src/main/store/migrations/016-memberships-under-user-directory.ts';
import { freshStoreEachTest, wireDirectory, wireGroup, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

const ctx = (at: string, source: ChangeContext['source'] = 'events', runId: string | null = null): ChangeContext => ({
  profileId: 'p1',
  at,
  source,
  runId,
  eventId: null,
  baseline: false,
});

/** A full sync of one directory through the real write path. */
function syncDirectory(
  runId: string,
  at: string,
  directoryId: string,
  snapshot: { users: JsonObject[]; groups: JsonObject[]; members: [string, string][] },
): void {
  const c = ctx(at, 'full_sync', runId);
  inTransaction(store.writer, () => {
    upsertDirectory(store.writer, c, directoryFromWire(wireDirectory(directoryId)));
    stageUsers(store.writer, runId, directoryId, snapshot.users);
    stageGroups(store.writer, runId, directoryId, snapshot.groups);
    stageMemberships(
      store.writer,
      runId,
      directoryId,
      snapshot.members.map(([groupId, userId]) => ({ groupId, userId })),
    );
    applyStagedDirectory(store.writer, c, runId, directoryId);
  });
}

/** Directories d1..d3, users `d<k>u<i>`, groups `d<k>g<j>`; user i is in groups j ≤ i. */
function threeDirectories(): void {
  for (const k of [1, 2, 3]) {
    const d = `directory_${k}`;
    const users = [0, 1, 2].map((i) => wireUser(`d${k}u${i}`, { directory_id: d }));
    const groups = [0, 1].map((j) => wireGroup(`d${k}g${j}`, { directory_id: d }));
    const members: [string, string][] = [];
    for (const i of [0, 1, 2]) for (const j of [0, 1]) if (j <= i) members.push([`d${k}g${j}`, `d${k}u${i}`]);
    syncDirectory(`r${k}`, '2026-01-01T00:00:00.000Z', d, { users, groups, members });
  }
}

const pairs = (): string[] =>
  queryAll<{ g: string; u: string }>(store.reader, sql`SELECT group_id AS g, user_id AS u FROM memberships`)
    .map((r) => `${r.g}:${r.u}`)
    .sort();

const counts = (): Record<string, number> =>
  Object.fromEntries(
    queryAll<{ group_id: string; members: number }>(
      store.reader,
      sql`SELECT group_id, members FROM group_member_counts`,
    ).map((r) => [r.group_id, r.members]),
  );

/** What every lookup by user says the user's groups are. */
function lookups(userId: string): { detail: string[]; filter: string[] } {
  return {
    detail: getUserDetail(store.reader, 'p1', userId)
      .groups.map((g) => g.id)
      .sort(),
    filter: listGroups(store.reader, { profileId: 'p1', userId, limit: 50 })
      .items.map((g) => g.id)
      .sort(),
  };
}

describe('memberships by user in a profile of several directories', () => {
  it('removing a user removes exactly its memberships, logs each and keeps the member counts', () => {
    threeDirectories();
    const before = pairs();
    expect(before).toHaveLength(15);
    const countsBefore = counts();
    expect(lookups('d2u2')).toEqual({ detail: ['d2g0', 'd2g1'], filter: ['d2g0', 'd2g1'] });

    inTransaction(store.writer, () =>
      removeUser(store.writer, ctx('2026-01-02T00:00:00.000Z'), 'd2u2', 'deleted_event'),
    );

    expect(pairs()).toEqual(before.filter((p) => !p.endsWith(':d2u2')));
    expect(counts()).toEqual({ ...countsBefore, d2g0: countsBefore.d2g0! - 1, d2g1: countsBefore.d2g1! - 1 });
    const logged = queryAll<{ entity_id: string }>(
      store.reader,
      sql`SELECT entity_id FROM changes WHERE entity_type = 'membership' AND kind = 'removed' ORDER BY entity_id`,
    ).map((r) => r.entity_id);
    expect(logged).toEqual(['d2g0:d2u2', 'd2g1:d2u2']);
    expect(lookups('d2u2')).toEqual({ detail: [], filter: [] });
  });

  it('finds a membership an event made between a user and a group of another directory', () => {
    threeDirectories();
    inTransaction(store.writer, () =>
      addMembership(store.writer, ctx('2026-01-02T00:00:00.000Z'), 'directory_3', 'd3g0', 'd1u0'),
    );
    expect(lookups('d1u0')).toEqual({ detail: ['d1g0', 'd3g0'], filter: ['d1g0', 'd3g0'] });
    expect(groupIdsOfUser(store.reader, 'p1', { id: 'd1u0', directoryId: 'directory_1' })).toEqual(['d1g0', 'd3g0']);
    inTransaction(store.writer, () =>
      removeUser(store.writer, ctx('2026-01-03T00:00:00.000Z'), 'd1u0', 'deleted_event'),
    );
    expect(pairs().filter((p) => p.endsWith(':d1u0'))).toEqual([]);
  });

  it('finds a user’s memberships after the user moves to another directory', () => {
    threeDirectories();
    inTransaction(store.writer, () =>
      upsertUser(
        store.writer,
        ctx('2026-01-02T00:00:00.000Z'),
        userFromWire(wireUser('d1u1', { directory_id: 'directory_2', updated_at: '2026-01-02T00:00:00.000Z' })),
      ),
    );
    expect(lookups('d1u1')).toEqual({ detail: ['d1g0', 'd1g1'], filter: ['d1g0', 'd1g1'] });
    inTransaction(store.writer, () =>
      removeUser(store.writer, ctx('2026-01-03T00:00:00.000Z'), 'd1u1', 'deleted_event'),
    );
    expect(pairs().filter((p) => p.endsWith(':d1u1'))).toEqual([]);
  });

  it('finds the memberships of a group a full sync of another directory moved there', () => {
    threeDirectories();
    // directory_2's next snapshot lists d1g1 as its own (with its own users only).
    const d = 'directory_2';
    syncDirectory('r4', '2026-01-02T00:00:00.000Z', d, {
      users: [0, 1, 2].map((i) => wireUser(`d2u${i}`, { directory_id: d })),
      groups: [
        ...[0, 1].map((j) => wireGroup(`d2g${j}`, { directory_id: d })),
        wireGroup('d1g1', { directory_id: d, updated_at: '2026-01-02T00:00:00.000Z' }),
      ],
      members: [
        ['d2g0', 'd2u0'],
        ['d2g0', 'd2u1'],
        ['d2g1', 'd2u1'],
        ['d2g0', 'd2u2'],
        ['d2g1', 'd2u2'],
        ['d1g1', 'd1u1'],
        ['d1g1', 'd1u2'],
      ],
    });
    expect(lookups('d1u2')).toEqual({ detail: ['d1g0', 'd1g1'], filter: ['d1g0', 'd1g1'] });
    inTransaction(store.writer, () =>
      removeUser(store.writer, ctx('2026-01-03T00:00:00.000Z'), 'd1u2', 'deleted_event'),
    );
    expect(pairs().filter((p) => p.endsWith(':d1u2'))).toEqual([]);
    expect(counts().d1g1).toBe(1);
  });

  it('finds a pair a snapshot listed with a user of another directory, and a later snapshot removes it', () => {
    threeDirectories();
    const d = 'directory_2';
    const snapshot = (extra: [string, string][]): Parameters<typeof syncDirectory>[3] => ({
      users: [0, 1, 2].map((i) => wireUser(`d2u${i}`, { directory_id: d })),
      groups: [0, 1].map((j) => wireGroup(`d2g${j}`, { directory_id: d })),
      members: [['d2g0', 'd2u0'], ['d2g0', 'd2u1'], ['d2g1', 'd2u1'], ['d2g0', 'd2u2'], ['d2g1', 'd2u2'], ...extra],
    });
    syncDirectory('r4', '2026-01-02T00:00:00.000Z', d, snapshot([['d2g1', 'd3u0']]));
    expect(lookups('d3u0')).toEqual({ detail: ['d2g1', 'd3g0'], filter: ['d2g1', 'd3g0'] });
    syncDirectory('r5', '2026-01-03T00:00:00.000Z', d, snapshot([]));
    expect(lookups('d3u0')).toEqual({ detail: ['d3g0'], filter: ['d3g0'] });
    expect(pairs()).toHaveLength(15);
  });

  it('finds a group’s memberships after an event moves the group to another directory', () => {
    threeDirectories();
    inTransaction(store.writer, () =>
      upsertGroup(
        store.writer,
        ctx('2026-01-02T00:00:00.000Z'),
        groupFromWire(wireGroup('d3g0', { directory_id: 'directory_1', updated_at: '2026-01-02T00:00:00.000Z' })),
      ),
    );
    expect(lookups('d3u1')).toEqual({ detail: ['d3g0', 'd3g1'], filter: ['d3g0', 'd3g1'] });
    inTransaction(store.writer, () =>
      removeUser(store.writer, ctx('2026-01-03T00:00:00.000Z'), 'd3u1', 'deleted_event'),
    );
    expect(pairs().filter((p) => p.endsWith(':d3u1'))).toEqual([]);
  });

  it('migration 16 re-files a pair a migration-12 cache kept under its group directory', () => {
    threeDirectories();
    inTransaction(store.writer, () =>
      addMembership(store.writer, ctx('2026-01-02T00:00:00.000Z'), 'directory_3', 'd3g0', 'd1u0'),
    );
    // As migration 12 left such a pair: under the group's directory, where no lookup by user looks.
    store.writer.exec(
      "UPDATE memberships SET directory_id = 'directory_3' WHERE group_id = 'd3g0' AND user_id = 'd1u0'",
    );
    expect(lookups('d1u0').detail).toEqual(['d1g0']);
    store.writer.exec(migration016.up);
    expect(lookups('d1u0')).toEqual({ detail: ['d1g0', 'd3g0'], filter: ['d1g0', 'd3g0'] });
    const triggers = queryAll<{ name: string }>(
      store.reader,
      sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'groups_move_memberships'`,
    );
    expect(triggers).toEqual([]);
  });
});
