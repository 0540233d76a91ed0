/** Member counts kept by triggers (migration 10) match the memberships on every write path. */
import { beforeEach, describe, expect, it } from 'vitest';
import { execute, queryAll } from '../../../src/main/store/exec.ts';
import { getGroupDetail, listGroups } from '../../../src/main/store/queries/groups-query.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { removeUser } from '../../../src/main/store/user-writes.ts';
import { freshStoreEachTest, T0 } from './helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

function addGroup(id: string, name: string): void {
  execute(
    store.writer,
    sql`INSERT INTO groups (profile_id, id, directory_id, idp_id, name, raw_json, created_at, updated_at, first_seen_at, sort_name)
        VALUES ('p1', ${id}, 'dir_a', ${id}, ${name}, '{}', ${T0}, ${T0}, ${T0}, ${name.toLowerCase()})`,
  );
}
function addUser(id: string): void {
  execute(
    store.writer,
    sql`INSERT INTO users (profile_id, id, directory_id, idp_id, state, raw_json, created_at, updated_at, first_seen_at, state_since, sort_name, search_text)
        VALUES ('p1', ${id}, 'dir_a', ${id}, 'active', '{}', ${T0}, ${T0}, ${T0}, ${T0}, ${id}, ${id})`,
  );
}
function join(groupId: string, userId: string): void {
  execute(
    store.writer,
    sql`INSERT OR IGNORE INTO memberships (profile_id, group_id, user_id, directory_id, since)
        VALUES ('p1', ${groupId}, ${userId}, 'dir_a', ${T0})`,
  );
}
function counts(): Array<[string, number]> {
  return listGroups(store.reader, { profileId: 'p1', limit: 10 }).items.map((g) => [g.id, g.members]);
}
/** The counts as the memberships themselves say. */
function countedFromMemberships(): Array<[string, number]> {
  return queryAll<{ id: string; n: number }>(
    store.reader,
    sql`SELECT g.id, (SELECT count(*) FROM memberships m WHERE m.profile_id = g.profile_id AND m.group_id = g.id) AS n
        FROM groups g WHERE g.profile_id = 'p1' ORDER BY g.sort_name, g.id`,
  ).map((r) => [r.id, r.n]);
}

beforeEach(() => {
  execute(
    store.writer,
    sql`INSERT INTO directories (profile_id, id, organization_id, name, type, state, created_at, updated_at, raw_json, first_seen_at, state_since)
        VALUES ('p1', 'dir_a', 'org_1', 'Acme', 'okta scim v2.0', 'linked', ${T0}, ${T0}, '{}', ${T0}, ${T0})`,
  );
  addGroup('g_admin', 'Admins');
  addGroup('g_fin', 'Finance');
  for (const u of ['u1', 'u2', 'u3']) addUser(u);
});

describe('group member counts', () => {
  it('counts added members once (a repeated insert is ignored) and groups without members as 0', () => {
    join('g_fin', 'u1');
    join('g_fin', 'u2');
    join('g_fin', 'u2');
    expect(counts()).toEqual([
      ['g_admin', 0],
      ['g_fin', 2],
    ]);
    expect(getGroupDetail(store.reader, 'p1', 'g_fin').group!.members).toBe(2);
  });

  it('follows removals, a deleted user (removeUser) and a deleted then re-created group', () => {
    for (const u of ['u1', 'u2', 'u3']) join('g_fin', u);
    join('g_admin', 'u1');
    execute(
      store.writer,
      sql`DELETE FROM memberships WHERE profile_id = 'p1' AND group_id = 'g_fin' AND user_id = 'u3'`,
    );
    removeUser(
      store.writer,
      { profileId: 'p1', at: T0, source: 'events', runId: null, eventId: null, baseline: false },
      'u1',
      'deleted_event',
    );
    expect(queryAll(store.reader, sql`SELECT * FROM memberships WHERE user_id = 'u1'`)).toEqual([]);
    expect(counts()).toEqual([
      ['g_admin', 0],
      ['g_fin', 1],
    ]);
    execute(store.writer, sql`DELETE FROM groups WHERE profile_id = 'p1' AND id = 'g_fin'`);
    addGroup('g_fin', 'Finance');
    join('g_fin', 'u3');
    expect(counts()).toEqual([
      ['g_admin', 0],
      ['g_fin', 1],
    ]);
    expect(counts()).toEqual(countedFromMemberships());
  });

  it('lists a user’s groups from their memberships', () => {
    join('g_fin', 'u2');
    join('g_admin', 'u2');
    join('g_admin', 'u3');
    const page = listGroups(store.reader, { profileId: 'p1', userId: 'u3', limit: 10 });
    expect(page.items.map((g) => [g.id, g.members])).toEqual([['g_admin', 2]]);
    expect(page.total).toBe(1);
  });
});
