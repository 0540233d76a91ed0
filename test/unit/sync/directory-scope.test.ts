/**
 * Directory scoping against a stand-in server that ignores `?directory=` (as the official
 * `workos emulate` does): a full sync stores each record only under its own directory, the
 * per-directory counts are the true ones, the run carries a warning with counts (summary,
 * stored run, `sync --json`), and `--directory A` into a fresh cache leaves B untouched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncSummaryJson } from '../../../src/main/cli/commands/sync.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { listDirectorySummaries } from '../../../src/main/store/queries/directories-query.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { listSyncRuns } from '../../../src/main/store/sync-runs.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { toSyncRun } from '../../../src/main/store/sync-runs.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../store/helpers.ts';
import { addDirectory, addGroup, addUser, fakeWorld, startFake, type FakeWorld } from './fake-workos.ts';

let store: Store;
let cleanup: () => void;
let world: FakeWorld;
let fake: Awaited<ReturnType<typeof startFake>>;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  world = fakeWorld();
  // A: 5 users, 2 groups; B: 3 users, 1 group (with 2 members).
  addDirectory(world, 'dir_A', { name: 'Acme' });
  addDirectory(world, 'dir_B', { name: 'Beta' });
  for (const g of ['A_g1', 'A_g2']) addGroup(world, g, 'dir_A');
  addGroup(world, 'B_g1', 'dir_B');
  for (let i = 1; i <= 5; i++) addUser(world, `A_u${i}`, 'dir_A');
  for (let i = 1; i <= 3; i++) addUser(world, `B_u${i}`, 'dir_B');
  world.memberships.push(
    { groupId: 'A_g1', userId: 'A_u1' },
    { groupId: 'A_g1', userId: 'A_u2' },
    { groupId: 'A_g2', userId: 'A_u3' },
    { groupId: 'B_g1', userId: 'B_u1' },
    { groupId: 'B_g1', userId: 'B_u2' },
  );
  world.ignoreDirectoryFilter = true;
  fake = await startFake(world);
});
afterEach(async () => {
  await fake.close();
  store.close();
  cleanup();
});

const client = () =>
  new WorkosClient({ apiKey: 'sk_test_fake', baseUrl: fake.url, rateLimits: scaledRateLimits(1000) });
const counts = () =>
  Object.fromEntries(
    listDirectorySummaries(store.reader, 'p1').map((d) => [d.id, { users: d.users, groups: d.groups }]),
  );
const rows = <T>(q: ReturnType<typeof sql>) => queryAll<T>(store.reader, q);

describe('records of another directory', () => {
  it('a full sync stores only true records, with true counts, and warns with counts', async () => {
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.status).toBe('succeeded');
    expect(counts()).toEqual({ dir_A: { users: 5, groups: 2 }, dir_B: { users: 3, groups: 1 } });
    const byDir = rows<{ id: string; directory_id: string }>(sql`SELECT id, directory_id FROM users ORDER BY id`);
    expect(byDir.every((u) => u.directory_id === (u.id.startsWith('A_') ? 'dir_A' : 'dir_B'))).toBe(true);
    const members = rows<{ group_id: string; user_id: string }>(
      sql`SELECT group_id, user_id FROM memberships ORDER BY group_id, user_id`,
    );
    expect(members.map((m) => `${m.group_id}|${m.user_id}`)).toEqual([
      'A_g1|A_u1',
      'A_g1|A_u2',
      'A_g2|A_u3',
      'B_g1|B_u1',
      'B_g1|B_u2',
    ]);
    const expected = [
      'WorkOS returned 3 users of another directory for directory Acme (dir_A); ignored.',
      'WorkOS returned 1 group of another directory for directory Acme (dir_A); ignored.',
      'WorkOS returned 5 users of another directory for directory Beta (dir_B); ignored.',
      'WorkOS returned 2 groups of another directory for directory Beta (dir_B); ignored.',
    ];
    expect([...summary.warnings].sort()).toEqual([...expected].sort());
    expect(summary.directories.find((d) => d.directoryId === 'dir_A')?.warnings).toHaveLength(2);
    // Stored with the run (what the sync runs tab shows) and in `sync --json`.
    const run = toSyncRun(listSyncRuns(store.reader, 'p1', 1)[0]!);
    expect([...run.warnings].sort()).toEqual([...expected].sort());
    const json = syncSummaryJson({ id: 'p1', name: 'p1' }, { full: summary, events: null }, 0) as {
      warnings: string[];
      full: { directories: { id: string; warnings: string[]; users: number }[] };
    };
    expect([...json.warnings].sort()).toEqual([...expected].sort());
    expect(json.full.directories.find((d) => d.id === 'dir_B')).toMatchObject({ users: 3 });
  });

  it('sync --directory A into a fresh cache leaves B untouched', async () => {
    const summary = await runFullSync({ store, client: client(), profileId: 'p1', directoryIds: ['dir_A'] });
    expect(summary.status).toBe('succeeded');
    expect(rows<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE directory_id = 'dir_B'`)[0]!.n).toBe(0);
    expect(rows<{ n: number }>(sql`SELECT count(*) AS n FROM groups WHERE directory_id = 'dir_B'`)[0]!.n).toBe(0);
    expect(counts().dir_A).toEqual({ users: 5, groups: 2 });
    expect(summary.warnings).toHaveLength(2);
  });

  it('a server that honours the filter produces no warning', async () => {
    world.ignoreDirectoryFilter = false;
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.warnings).toEqual([]);
    expect(toSyncRun(listSyncRuns(store.reader, 'p1', 1)[0]!).warnings).toEqual([]);
  });
});
