/** Compares the cache with the emulator's truth: directories, users (every wire field), groups, memberships. */
import { expect } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { cacheSnapshot } from '../../unit/sync/cache-snapshot.ts';

const byId = (a: { id: unknown }, b: { id: unknown }) => (String(a.id) < String(b.id) ? -1 : 1);

export function expectCacheEqualsTruth(s: Store, e: RunningEmulator): void {
  const truth = e.control.truth();
  const snap = cacheSnapshot(s, 'p1');
  const users = truth.users.map((u) => {
    const { groups: _groups, ...rest } = u;
    return rest;
  });
  expect(snap.directories.map((d) => d.id)).toEqual(truth.directories.map((d) => d.id).sort());
  expect(snap.users).toEqual(users.sort(byId));
  expect(snap.groups).toEqual([...truth.groups].sort(byId));
  expect([...snap.memberships].sort()).toEqual(truth.memberships.map((m) => `${m.group_id}|${m.user_id}`).sort());
}
