/**
 * What the set-based snapshot apply must keep true whatever it is made to skip: trigger-kept
 * member counts equal the memberships after bulk adds, bulk removals and single writes, and the
 * partial entity index (migration 11) holds every non-membership change row, so timelines
 * still show a user's and a group's whole history.
 */
import { describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { stalePairs } from '../../../src/main/store/apply-staged-memberships.ts';
import { inTransaction, queryAll, queryOne } from '../../../src/main/store/exec.ts';
import { groupTimeline, userTimeline } from '../../../src/main/store/queries/changes-query.ts';
import { groupMembersAt } from '../../../src/main/store/queries/history-query.ts';
import { directoryFromWire, groupFromWire, userFromWire, type ChangeContext } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { upsertGroup } from '../../../src/main/store/group-writes.ts';
import { addMembership, removeUser, upsertUser } from '../../../src/main/store/user-writes.ts';
import { applySnapshot, freshStoreEachTest, wireDirectory, wireGroup, wireUser } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

function ctx(at: string, runId: string | null, source: ChangeContext['source'] = 'full_sync'): ChangeContext {
  return { profileId: 'p1', at, source, runId, eventId: null, baseline: false };
}

/** A full sync of directory_1 with users u0..u(n-1), groups g0..g(k-1) and the given pairs. */
function sync(runId: string, at: string, users: number, groups: number, pairs: [number, number][]): void {
  applySnapshot(store, runId, at, {
    users: Array.from({ length: users }, (_, i) => wireUser(`u${i}`)),
    groups: Array.from({ length: groups }, (_, i) => wireGroup(`g${i}`)),
    members: pairs.map(([g, u]) => [`g${g}`, `u${u}`]),
  });
}

/** [group, kept count, counted memberships] for every group whose two figures differ. */
function countMismatches(): [string, number, number][] {
  return queryAll<{ id: string; kept: number; counted: number }>(
    store.reader,
    sql`SELECT g.id, coalesce(c.members, 0) AS kept,
               (SELECT count(*) FROM memberships m WHERE m.profile_id = g.profile_id AND m.group_id = g.id) AS counted
        FROM groups g LEFT JOIN group_member_counts c ON c.profile_id = g.profile_id AND c.group_id = g.id
        WHERE g.profile_id = 'p1'`,
  )
    .filter((r) => r.kept !== r.counted)
    .map((r) => [r.id, r.kept, r.counted]);
}

/** Every (group, user) index pair among the first `groups` groups and `users` users that `keep` accepts. */
function pairs(users: number, groups: number, keep: (g: number, u: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let g = 0; g < groups; g++) for (let u = 0; u < users; u++) if (keep(g, u)) out.push([g, u]);
  return out;
}

describe('snapshot apply invariants', () => {
  it('keeps member counts equal to the memberships through bulk adds, bulk removals and single writes', () => {
    sync(
      'r1',
      '2026-01-01T00:00:00.000Z',
      40,
      6,
      pairs(40, 6, (g, u) => (g + u) % 3 === 0),
    );
    expect(countMismatches()).toEqual([]);
    expect(queryOne<{ n: number }>(store.reader, sql`SELECT sum(members) AS n FROM group_member_counts`)!.n).toBe(
      queryOne<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM memberships`)!.n,
    );

    // Re-sync: a group and ten users vanish, other pairs move.
    sync(
      'r2',
      '2026-01-02T00:00:00.000Z',
      30,
      5,
      pairs(30, 5, (g, u) => (g * u) % 4 === 1),
    );
    expect(countMismatches()).toEqual([]);

    // Writers outside the snapshot apply: an event's single add and a deleted user's cascade.
    inTransaction(store.writer, () => {
      addMembership(store.writer, ctx('2026-01-03T00:00:00.000Z', null, 'events'), 'directory_1', 'g0', 'u0');
      removeUser(store.writer, ctx('2026-01-03T00:00:00.000Z', null, 'events'), 'u1', 'deleted_event');
    });
    expect(countMismatches()).toEqual([]);
  });

  it('answers who was in each group at every earlier moment, though the first snapshot logs no membership', () => {
    const states: { at: string; members: Map<string, string[]> }[] = [];
    /** The cache's memberships right now, per group: the truth history must give back later. */
    const remember = (at: string): void => {
      const members = new Map<string, string[]>();
      for (const r of queryAll<{ group_id: string; user_id: string }>(
        store.reader,
        sql`SELECT group_id, user_id FROM memberships WHERE profile_id = 'p1' ORDER BY group_id, user_id`,
      ))
        members.set(r.group_id, [...(members.get(r.group_id) ?? []), r.user_id]);
      states.push({ at, members });
    };
    sync(
      'r1',
      '2026-01-01T00:00:00.000Z',
      12,
      4,
      pairs(12, 4, (g, u) => (g + u) % 2 === 0),
    );
    remember('2026-01-01T00:00:00.000Z');
    const event = ctx('2026-01-01T12:00:00.000Z', null, 'events');
    inTransaction(store.writer, () => {
      addMembership(store.writer, event, 'directory_1', 'g1', 'u0');
      removeUser(store.writer, event, 'u2', 'deleted_event');
    });
    remember(event.at);
    // u2 comes back, g3 vanishes, pairs move.
    sync(
      'r2',
      '2026-01-02T00:00:00.000Z',
      12,
      3,
      pairs(12, 3, (g, u) => (g * u) % 3 === 1),
    );
    remember('2026-01-02T00:00:00.000Z');
    sync(
      'r3',
      '2026-01-03T00:00:00.000Z',
      10,
      4,
      pairs(10, 4, (g, u) => (g + 2 * u) % 3 === 0),
    );
    remember('2026-01-03T00:00:00.000Z');

    const groups = ['g0', 'g1', 'g2', 'g3'];
    const membersAt = (g: string, at: string) =>
      groupMembersAt(store.reader, 'p1', g, at)
        .members.map((m) => m.id)
        .sort();
    for (const { at, members } of states) {
      const later = new Date(Date.parse(at) + 1000).toISOString();
      for (const g of groups) {
        const expected = [...(members.get(g) ?? [])].sort();
        expect(membersAt(g, at), `${g} at ${at}`).toEqual(expected);
        expect(membersAt(g, later), `${g} just after ${at}`).toEqual(expected);
      }
    }
    for (const g of groups) expect(membersAt(g, '2025-12-31T23:59:59.000Z')).toEqual([]);
  });

  it('indexes every change row by entity except membership rows, and timelines still show memberships', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', 3, 2, [
      [0, 0],
      [1, 0],
      [1, 2],
    ]);
    sync('r2', '2026-01-02T00:00:00.000Z', 3, 2, [
      [0, 0],
      [1, 2],
      [0, 1],
    ]);
    const inIndex = queryOne<{ n: number }>(
      store.reader,
      sql`SELECT count(*) AS n FROM changes INDEXED BY changes_by_entity
          WHERE profile_id = 'p1' AND entity_type <> 'membership'`,
    )!.n;
    const nonMembership = queryOne<{ n: number }>(
      store.reader,
      sql`SELECT count(*) AS n FROM changes NOT INDEXED WHERE entity_type <> 'membership'`,
    )!.n;
    expect(inIndex).toBe(nonMembership);

    const u0 = userTimeline(store.reader, 'p1', 'u0', undefined, 50).items;
    // The first snapshot's memberships are implied (no row each); what changed after it is logged.
    expect(u0.map((c) => `${c.entityType}:${c.kind}:${c.entityId}`).sort()).toEqual([
      'membership:removed:g1:u0',
      'user:added:u0',
    ]);
    const g0 = groupTimeline(store.reader, 'p1', 'g0', undefined, 50).items;
    expect(g0.map((c) => `${c.entityType}:${c.kind}:${c.entityId}`).sort()).toEqual([
      'group:added:g0',
      'membership:added:g0:u1',
    ]);
  });

  it('adds and logs exactly the fresh pairs: not those already cached, nor those naming a user or group the snapshot lacks', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', 4, 3, [
      [0, 0],
      [1, 1],
    ]);
    sync('r2', '2026-01-02T00:00:00.000Z', 4, 3, [
      [0, 0],
      [1, 1],
      [2, 2],
      [0, 3],
      [2, 9],
      [9, 2],
    ]);
    const members = queryAll<{ group_id: string; user_id: string; since: string }>(
      store.reader,
      sql`SELECT group_id, user_id, since FROM memberships ORDER BY group_id, user_id`,
    ).map((m) => `${m.group_id}:${m.user_id}@${m.since.slice(0, 10)}`);
    expect(members).toEqual(['g0:u0@2026-01-01', 'g0:u3@2026-01-02', 'g1:u1@2026-01-01', 'g2:u2@2026-01-02']);
    const logged = queryAll<{ entity_id: string; kind: string; group_id: string; user_id: string }>(
      store.reader,
      sql`SELECT entity_id, kind, group_id, user_id FROM changes
          WHERE run_id = 'r2' AND entity_type = 'membership' ORDER BY seq`,
    );
    expect(logged).toEqual([
      { entity_id: 'g0:u3', kind: 'added', group_id: 'g0', user_id: 'u3' },
      { entity_id: 'g2:u2', kind: 'added', group_id: 'g2', user_id: 'u2' },
    ]);
    expect(countMismatches()).toEqual([]);
  });

  it('on a first snapshot of a directory events already filled, diffs the users it holds and removes those the snapshot lacks', () => {
    const before = ctx('2026-01-01T00:00:00.000Z', null, 'events');
    inTransaction(store.writer, () => {
      upsertDirectory(store.writer, before, directoryFromWire(wireDirectory()));
      upsertUser(store.writer, before, userFromWire(wireUser('u0', { last_name: 'Earlier' })));
      upsertUser(store.writer, before, userFromWire(wireUser('u7')));
      upsertGroup(store.writer, before, groupFromWire(wireGroup('g0')));
      upsertGroup(store.writer, before, groupFromWire(wireGroup('g5')));
      addMembership(store.writer, before, 'directory_1', 'g5', 'u7');
    });
    sync('r1', '2026-01-02T00:00:00.000Z', 3, 2, [
      [0, 0],
      [1, 2],
    ]);
    const ids = (table: 'users' | 'groups') =>
      queryAll<{ id: string }>(
        store.reader,
        sql`SELECT id FROM ${table === 'users' ? sql`users` : sql`groups`} ORDER BY id`,
      ).map((r) => r.id);
    expect(ids('users')).toEqual(['u0', 'u1', 'u2']);
    expect(ids('groups')).toEqual(['g0', 'g1']);
    const logged = queryAll<{ entity_id: string; kind: string; field: string | null }>(
      store.reader,
      sql`SELECT entity_id, kind, field FROM changes WHERE run_id = 'r1' AND entity_type <> 'membership' ORDER BY seq`,
    ).map((c) => `${c.kind}:${c.entity_id}${c.field ? `.${c.field}` : ''}`);
    expect(logged.sort()).toEqual(
      ['added:g1', 'added:u1', 'added:u2', 'changed:u0.last_name', 'removed:g5', 'removed:u7'].sort(),
    );
    const tombstones = queryAll<{ entity_id: string; reason: string }>(
      store.reader,
      sql`SELECT entity_id, reason FROM tombstones ORDER BY entity_id`,
    );
    expect(tombstones).toEqual([
      { entity_id: 'g5', reason: 'missing_from_full_sync' },
      { entity_id: 'u7', reason: 'missing_from_full_sync' },
    ]);
    expect(countMismatches()).toEqual([]);
  });

  it('finds stale memberships by merging two ordered scans, not by scanning the profile or probing per pair', () => {
    const q = stalePairs('p1', 'r1', 'directory_1');
    const plan = (
      store.writer.prepare(`EXPLAIN QUERY PLAN SELECT * FROM (${q.text})`).all(...q.params) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/MERGE \(EXCEPT\)/);
    expect(plan).toMatch(/SEARCH m USING PRIMARY KEY \(profile_id=\? AND group_id=\?\)/);
    expect(plan).not.toMatch(/memberships_by_directory_user|USE TEMP B-TREE/);
  });
});
