import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { removeOtherProfiles } from '../../../bench/lib/big-cache.ts';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { insertProfileRow } from '../../../src/main/store/profiles-table.ts';
import { directoryFromWire, groupFromWire, userFromWire, type ChangeContext } from '../../../src/main/store/records.ts';
import { inTransaction } from '../../../src/main/store/exec.ts';
import { upsertGroup } from '../../../src/main/store/group-writes.ts';
import { addMembership, upsertUser } from '../../../src/main/store/user-writes.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { applySnapshot, storeWithProfile, T0, tempDir, wireDirectory, wireGroup, wireUser } from '../store/helpers.ts';

let cleanup = (): void => {};
let store: Store;
afterEach(() => cleanup());

function count(store: Store, table: string, profileId: string): number {
  return (
    store.reader.prepare(`SELECT count(*) AS n FROM ${table} WHERE profile_id = ?`).get(profileId) as { n: number }
  ).n;
}

function matching(word: string): number {
  return (
    store.reader.prepare('SELECT count(*) AS n FROM users_fts WHERE users_fts MATCH ?').get(word) as { n: number }
  ).n;
}

test("the bench cache keeps only its own profile: a sync writer's profiles go with their rows", () => {
  const t = tempDir();
  store = storeWithProfile(t.dir, 'p1');
  cleanup = () => {
    store.close();
    t.cleanup();
  };
  applySnapshot(store, 'run-1', T0, {
    users: [wireUser('directory_user_1'), wireUser('directory_user_2')],
    groups: [wireGroup('directory_group_1')],
    members: [['directory_group_1', 'directory_user_1']],
  });
  insertProfileRow(store.writer, {
    id: 'live-1-1',
    name: 'live-1-1',
    kind: 'workos',
    apiBaseUrl: 'http://x',
    maskedKey: null,
    at: T0,
  });
  const live: ChangeContext = {
    profileId: 'live-1-1',
    at: T0,
    source: 'full_sync',
    runId: null,
    eventId: null,
    baseline: true,
  };
  inTransaction(store.writer, () => {
    upsertDirectory(store.writer, live, directoryFromWire(wireDirectory('directory_live')));
    for (const id of ['directory_user_live_1', 'directory_user_live_2'])
      upsertUser(store.writer, live, userFromWire(wireUser(id, { directory_id: 'directory_live' })));
    upsertGroup(
      store.writer,
      live,
      groupFromWire(wireGroup('directory_group_live', { directory_id: 'directory_live' })),
    );
    addMembership(store.writer, live, 'directory_live', 'directory_group_live', 'directory_user_live_1');
  });
  expect(count(store, 'directories', 'live-1-1')).toBe(1);
  expect(count(store, 'users', 'live-1-1')).toBe(2);
  expect(count(store, 'memberships', 'live-1-1')).toBe(1);
  expect(matching('live')).toBe(2);

  const lines: string[] = [];
  removeOtherProfiles(join(t.dir, 'cache.sqlite'), 'p1', (l) => lines.push(l));

  const profiles = store.reader.prepare('SELECT id FROM profiles').all() as { id: string }[];
  expect(profiles.map((p) => p.id)).toEqual(['p1']);
  expect(count(store, 'directories', 'live-1-1')).toBe(0);
  expect(count(store, 'users', 'live-1-1')).toBe(0);
  expect(count(store, 'groups', 'live-1-1')).toBe(0);
  expect(count(store, 'memberships', 'live-1-1')).toBe(0);
  // Nor do the removed users stay findable: the search indexes follow the rows.
  const found = store.reader.prepare(`SELECT count(*) AS n FROM users_fts WHERE users_fts MATCH 'live'`).get() as {
    n: number;
  };
  expect(found.n).toBe(0);
  expect(count(store, 'directories', 'p1')).toBe(1);
  expect(count(store, 'users', 'p1')).toBe(2);
  expect(count(store, 'memberships', 'p1')).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/removed 1 profile\(s\) other than "p1" from the cache \(live-1-1\)/);

  // Nothing else to remove: nothing said.
  removeOtherProfiles(join(t.dir, 'cache.sqlite'), 'p1', (l) => lines.push(l));
  expect(lines).toHaveLength(1);
});
