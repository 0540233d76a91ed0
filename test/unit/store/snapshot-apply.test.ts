import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { directoryFromWire, type ChangeContext, type JsonObject } from '../../../src/main/store/records.ts';
import type { ChangeRow, TombstoneRow } from '../../../src/main/store/rows.ts';
import {
  applyStagedDirectory,
  stageGroups,
  stageMemberships,
  stageUsers,
} from '../../../src/main/store/snapshot-apply.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { applySnapshot, storeWithProfile, tempDir, wireDirectory, wireGroup, wireUser } from './helpers.ts';

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
});
afterEach(() => {
  store.close();
  cleanup();
});

function ctx(at: string, runId: string): ChangeContext {
  return { profileId: 'p1', at, source: 'full_sync', runId, eventId: null, baseline: false };
}

function sync(runId: string, at: string, users: JsonObject[], groups: JsonObject[], members: [string, string][]) {
  return applySnapshot(store, runId, at, { users, groups, members });
}

const changesOf = (runId: string) =>
  queryAll<ChangeRow>(store.reader, sql`SELECT * FROM changes WHERE run_id = ${runId} ORDER BY seq`);

describe('applying a directory snapshot', () => {
  it('records the first snapshot as a baseline and later ones as exact changes', () => {
    const first = sync(
      'r1',
      '2026-01-01T00:00:00.000Z',
      [wireUser('u1'), wireUser('u2')],
      [wireGroup('g1')],
      [['g1', 'u1']],
    );
    expect(first).toMatchObject({ users: 2, groups: 1, memberships: 1 });
    const baseline = changesOf('r1').filter((c) => c.entity_type !== 'directory');
    expect(baseline.every((c) => c.baseline === 1)).toBe(true);
    // Users and groups are logged as the baseline; memberships are held, not logged (implied).
    expect(baseline.map((c) => `${c.entity_type}:${c.kind}`).sort()).toEqual([
      'group:added',
      'user:added',
      'user:added',
    ]);
    expect(queryAll(store.reader, sql`SELECT group_id, user_id FROM memberships`)).toEqual([
      { group_id: 'g1', user_id: 'u1' },
    ]);

    sync(
      'r2',
      '2026-01-02T00:00:00.000Z',
      [
        wireUser('u1', {
          state: 'inactive',
          custom_attributes: { department: 'Sales' },
          updated_at: '2026-01-02T00:00:00.000Z',
        }),
        wireUser('u3'),
      ],
      [wireGroup('g1', { name: 'Renamed' })],
      [['g1', 'u3']],
    );
    const second = changesOf('r2');
    expect(second.every((c) => c.baseline === 0)).toBe(true);
    const summary = second.map((c) => [c.entity_type, c.kind, c.entity_id, c.field, c.before_json, c.after_json]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['group', 'changed', 'g1', 'name', '"Group g1"', '"Renamed"'],
        ['user', 'state_changed', 'u1', 'state', '"active"', '"inactive"'],
        ['user', 'changed', 'u1', 'custom_attributes.department', '"Engineering"', '"Sales"'],
        ['user', 'added', 'u3', null, null, expect.any(String)],
        ['membership', 'removed', 'g1:u1', null, null, null],
        ['membership', 'added', 'g1:u3', null, null, null],
        ['user', 'removed', 'u2', null, expect.any(String), null],
      ]),
    );
    expect(second).toHaveLength(7);

    const tombs = queryAll<TombstoneRow>(store.reader, sql`SELECT * FROM tombstones`);
    expect(tombs).toHaveLength(1);
    expect(tombs[0]).toMatchObject({
      entity_type: 'user',
      entity_id: 'u2',
      reason: 'missing_from_full_sync',
      removed_at: '2026-01-02T00:00:00.000Z',
    });
    expect(JSON.parse(tombs[0]!.last_record_json)).toMatchObject({ id: 'u2', email: 'u2@acme.com' });

    const inactive = queryAll<{ state_since: string; state_since_observed: number }>(
      store.reader,
      sql`SELECT state_since, state_since_observed FROM users WHERE id = 'u1'`,
    );
    expect(inactive[0]).toEqual({ state_since: '2026-01-02T00:00:00.000Z', state_since_observed: 1 });
  });

  it('writes nothing to the change log when the snapshot is unchanged', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', [wireUser('u1')], [wireGroup('g1')], [['g1', 'u1']]);
    sync('r2', '2026-01-02T00:00:00.000Z', [wireUser('u1')], [wireGroup('g1')], [['g1', 'u1']]);
    expect(changesOf('r2')).toEqual([]);
  });

  it('refuses to update or delete change-log rows', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', [wireUser('u1')], [], []);
    expect(() => store.writer.prepare('UPDATE changes SET kind = ?').run('removed')).toThrow(/append-only/);
    expect(() => store.writer.prepare('DELETE FROM changes').run()).toThrow(/append-only/);
  });

  it('keeps the previous state when applying fails part-way', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', [wireUser('u1')], [], []);
    stageUsers(store.writer, 'r2', 'directory_1', [wireUser('u1', { state: 'inactive' }), { id: 'broken' }]);
    expect(() =>
      applyStagedDirectory(store.writer, ctx('2026-01-02T00:00:00.000Z', 'r2'), 'r2', 'directory_1'),
    ).toThrow();
    const users = queryAll<{ id: string; state: string }>(store.reader, sql`SELECT id, state FROM users`);
    expect(users).toEqual([{ id: 'u1', state: 'active' }]);
    expect(changesOf('r2')).toEqual([]);
  });

  it('indexes names, emails, idp ids and custom attribute values for search', () => {
    sync(
      'r1',
      '2026-01-01T00:00:00.000Z',
      [
        wireUser('priya', { first_name: 'Priya', custom_attributes: { cost_center: 'CC-Finance-77' } }),
        wireUser('bob'),
      ],
      [],
      [],
    );
    const match = (q: string) =>
      queryAll<{ id: string }>(
        store.reader,
        sql`SELECT u.id FROM users_fts f JOIN users u ON u.seq = f.rowid WHERE users_fts MATCH ${q}`,
      ).map((r) => r.id);
    expect(match('"pri"*')).toEqual(['priya']);
    expect(match('"finance"*')).toEqual(['priya']);
    expect(match('"idp-bob"')).toEqual(['bob']);
  });

  it('restores the tombstone of a user or group that comes back, logging it as added again', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', [wireUser('u1'), wireUser('u2')], [wireGroup('g1')], [['g1', 'u2']]);
    sync('r2', '2026-01-02T00:00:00.000Z', [wireUser('u1')], [], []);
    sync('r3', '2026-01-03T00:00:00.000Z', [wireUser('u1'), wireUser('u2')], [wireGroup('g1')], [['g1', 'u2']]);
    const tombs = queryAll<TombstoneRow>(store.reader, sql`SELECT * FROM tombstones ORDER BY entity_id`);
    expect(tombs.map((t) => [t.entity_type, t.entity_id, t.removed_at, t.restored_at])).toEqual([
      ['group', 'g1', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
      ['user', 'u2', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
    ]);
    expect(changesOf('r2').map((c) => `${c.entity_type}:${c.kind}:${c.entity_id}`)).toEqual(
      expect.arrayContaining(['membership:removed:g1:u2', 'group:removed:g1', 'user:removed:u2']),
    );
    expect(changesOf('r2')).toHaveLength(3);
    expect(
      changesOf('r3')
        .map((c) => `${c.entity_type}:${c.kind}:${c.entity_id}`)
        .sort(),
    ).toEqual(['group:added:g1', 'membership:added:g1:u2', 'user:added:u2']);
    const first = queryAll<{ first_seen_at: string; state_since_observed: number }>(
      store.reader,
      sql`SELECT first_seen_at, state_since_observed FROM users WHERE id = 'u2'`,
    );
    expect(first).toEqual([{ first_seen_at: '2026-01-03T00:00:00.000Z', state_since_observed: 0 }]);
  });

  it('applies one directory while another is still staged, leaving the other one intact', () => {
    const at = '2026-01-01T00:00:00.000Z';
    upsertDirectory(store.writer, ctx(at, 'r1'), directoryFromWire(wireDirectory()));
    upsertDirectory(store.writer, ctx(at, 'r1'), directoryFromWire(wireDirectory('directory_2')));
    const inDir2 = { directory_id: 'directory_2' };
    stageUsers(store.writer, 'r1', 'directory_2', [wireUser('v1', inDir2), wireUser('v2', inDir2)]);
    stageGroups(store.writer, 'r1', 'directory_2', [wireGroup('h1', inDir2)]);
    stageMemberships(store.writer, 'r1', 'directory_2', [{ groupId: 'h1', userId: 'v2' }]);
    expect(sync('r1', at, [wireUser('u1')], [wireGroup('g1')], [['g1', 'u1']])).toMatchObject({
      users: 1,
      groups: 1,
      memberships: 1,
    });
    expect(applyStagedDirectory(store.writer, ctx(at, 'r1'), 'r1', 'directory_2')).toMatchObject({
      users: 2,
      groups: 1,
      memberships: 1,
    });
    const members = queryAll<{ group_id: string; user_id: string; directory_id: string }>(
      store.reader,
      sql`SELECT group_id, user_id, directory_id FROM memberships ORDER BY group_id`,
    );
    expect(members).toEqual([
      { group_id: 'g1', user_id: 'u1', directory_id: 'directory_1' },
      { group_id: 'h1', user_id: 'v2', directory_id: 'directory_2' },
    ]);
    const staged = queryAll<{ n: number }>(
      store.writer,
      sql`SELECT (SELECT count(*) FROM stage_users) + (SELECT count(*) FROM stage_groups)
                 + (SELECT count(*) FROM stage_memberships) AS n`,
    );
    expect(staged).toEqual([{ n: 0 }]);
  });

  it('skips users whose record did not change but still updates one whose only change is updated_at', () => {
    sync('r1', '2026-01-01T00:00:00.000Z', [wireUser('u1'), wireUser('u2')], [], []);
    sync(
      'r2',
      '2026-01-02T00:00:00.000Z',
      [wireUser('u1'), wireUser('u2', { updated_at: '2026-01-02T00:00:00.000Z' })],
      [],
      [],
    );
    expect(changesOf('r2')).toEqual([]);
    const rows = queryAll<{ id: string; updated_at: string }>(
      store.reader,
      sql`SELECT id, updated_at FROM users ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'u1', updated_at: '2026-01-01T00:00:00.000Z' },
      { id: 'u2', updated_at: '2026-01-02T00:00:00.000Z' },
    ]);
  });
});
