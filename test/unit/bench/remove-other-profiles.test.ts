import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { removeOtherProfiles } from '../../../bench/lib/big-cache.ts';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { insertProfileRow } from '../../../src/main/store/profiles-table.ts';
import { directoryFromWire } from '../../../src/main/store/records.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { applySnapshot, storeWithProfile, T0, tempDir, wireDirectory, wireGroup, wireUser } from '../store/helpers.ts';

let cleanup = (): void => {};
afterEach(() => cleanup());

function count(store: Store, table: string, profileId: string): number {
  return (
    store.reader.prepare(`SELECT count(*) AS n FROM ${table} WHERE profile_id = ?`).get(profileId) as { n: number }
  ).n;
}

test("the bench cache keeps only its own profile: a sync writer's profiles go with their rows", () => {
  const t = tempDir();
  const store = storeWithProfile(t.dir, 'p1');
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
  upsertDirectory(
    store.writer,
    { profileId: 'live-1-1', at: T0, source: 'full_sync', runId: null, eventId: null, baseline: true },
    directoryFromWire(wireDirectory('directory_live')),
  );
  expect(count(store, 'directories', 'live-1-1')).toBe(1);

  const lines: string[] = [];
  removeOtherProfiles(join(t.dir, 'cache.sqlite'), 'p1', (l) => lines.push(l));

  const profiles = store.reader.prepare('SELECT id FROM profiles').all() as { id: string }[];
  expect(profiles.map((p) => p.id)).toEqual(['p1']);
  expect(count(store, 'directories', 'live-1-1')).toBe(0);
  expect(count(store, 'directories', 'p1')).toBe(1);
  expect(count(store, 'users', 'p1')).toBe(2);
  expect(count(store, 'memberships', 'p1')).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/removed 1 profile\(s\) other than "p1" from the cache \(live-1-1\)/);

  // Nothing else to remove: nothing said.
  removeOtherProfiles(join(t.dir, 'cache.sqlite'), 'p1', (l) => lines.push(l));
  expect(lines).toHaveLength(1);
});
