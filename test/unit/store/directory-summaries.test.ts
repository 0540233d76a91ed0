/**
 * Directory figures on the Directories screen: counts per directory, changes of the last day
 * (baseline rows excluded), one directory read on its own, and remembered counts that follow
 * every commit of another connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getDirectorySummary,
  healthSummary,
  listDirectorySummaries,
} from '../../../src/main/store/queries/directories-query.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { addDirectory, addGroup, addUser, fakeWorld, startFake } from '../sync/fake-workos.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

let store: Store;
let cleanup: () => void;
let sync: () => Promise<void>;
const world = fakeWorld();

beforeAll(async () => {
  const t = tempDir();
  store = storeWithProfile(t.dir);
  const fake = await startFake(world);
  cleanup = () => {
    void fake.close();
    store.close();
    t.cleanup();
  };
  const client = new WorkosClient({ apiKey: 'sk_test_fake', baseUrl: fake.url, rateLimits: scaledRateLimits(1000) });
  sync = async () => {
    await runFullSync({ store, client, profileId: 'p1' });
  };
  addDirectory(world, 'dir_a', { name: 'Acme' });
  addDirectory(world, 'dir_b', { name: 'Beta' });
  addGroup(world, 'g_a1', 'dir_a', { name: 'Admins' });
  addGroup(world, 'g_a2', 'dir_a', { name: 'Finance' });
  addGroup(world, 'g_b1', 'dir_b', { name: 'Everyone' });
  for (let i = 0; i < 4; i++) addUser(world, `u_a${i}`, 'dir_a', { name: `A ${i}` });
  for (let i = 0; i < 3; i++) addUser(world, `u_b${i}`, 'dir_b', { name: `B ${i}` });
  world.users.find((u) => u.id === 'u_a3')!.state = 'inactive';
  await sync();
});
afterAll(() => cleanup());

describe('directory summaries', () => {
  it('counts users by state and groups per directory; a first snapshot is no change', () => {
    const [acme, beta] = listDirectorySummaries(store.reader, 'p1');
    expect(acme).toMatchObject({
      id: 'dir_a',
      users: 4,
      activeUsers: 3,
      inactiveUsers: 1,
      groups: 2,
      changesLast24h: 0,
    });
    expect(beta).toMatchObject({
      id: 'dir_b',
      users: 3,
      activeUsers: 3,
      inactiveUsers: 0,
      groups: 1,
      changesLast24h: 0,
    });
    expect(healthSummary(store.reader, 'p1')).toMatchObject({ directories: 2, users: 7, groups: 3 });
  });

  it('follows a later sync: counts, and the changes of the last day per directory', async () => {
    addUser(world, 'u_a4', 'dir_a', { name: 'A 4' });
    world.users.find((u) => u.id === 'u_b0')!.state = 'inactive';
    world.users = world.users.filter((u) => u.id !== 'u_b2');
    await sync();
    const [acme, beta] = listDirectorySummaries(store.reader, 'p1');
    expect(acme).toMatchObject({ users: 5, activeUsers: 4, inactiveUsers: 1 });
    expect(acme!.changesLast24h).toBeGreaterThanOrEqual(1);
    expect(beta).toMatchObject({ users: 2, activeUsers: 1, inactiveUsers: 1 });
    expect(beta!.changesLast24h).toBeGreaterThanOrEqual(2);
    expect(healthSummary(store.reader, 'p1').users).toBe(7);
    // Changes older than a day do not count.
    const tomorrow = Date.now() + 25 * 3600_000;
    expect(listDirectorySummaries(store.reader, 'p1', undefined, tomorrow).map((d) => d.changesLast24h)).toEqual([
      0, 0,
    ]);
  });

  it('reads one directory with the same figures as the list', () => {
    for (const listed of listDirectorySummaries(store.reader, 'p1'))
      expect(getDirectorySummary(store.reader, 'p1', listed.id)).toEqual(listed);
    expect(getDirectorySummary(store.reader, 'p1', 'dir_missing')).toBeNull();
  });

  it('filters by a search over name, domain and ids', () => {
    expect(listDirectorySummaries(store.reader, 'p1', 'bet').map((d) => d.id)).toEqual(['dir_b']);
  });

  it('counts the last day of changes from an index range, never the change rows', () => {
    const plan = (
      store.reader
        .prepare(
          'EXPLAIN QUERY PLAN SELECT count(*) AS n FROM changes WHERE profile_id = ? AND directory_id = ? AND at >= ? AND baseline = 0',
        )
        .all('p1', 'dir_a', '2026-01-01') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/COVERING INDEX changes_by_directory/);
  });
});
