import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS } from '../../../src/main/store/connection.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { getProfileRow } from '../../../src/main/store/profiles-table.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { describeSyncError, runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits, WORKOS_RATE_LIMITS } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../store/helpers.ts';
import { cacheSnapshot } from './cache-snapshot.ts';
import { addDirectory, addGroup, addUser, fakeWorld, startFake, type FakeWorld } from './fake-workos.ts';

let store: Store;
let cleanupDir: () => void;
let world: FakeWorld;
let fake: Awaited<ReturnType<typeof startFake>>;

function build(w: FakeWorld, dirs: string[], usersPerDir: number, groupsPerDir: number): void {
  for (const d of dirs) {
    addDirectory(w, d);
    for (let g = 0; g < groupsPerDir; g++) addGroup(w, `${d}_g${g}`, d);
    for (let u = 0; u < usersPerDir; u++) {
      addUser(w, `${d}_u${String(u).padStart(4, '0')}`, d, u % 7 === 0 ? { state: 'inactive' } : {});
      for (let g = 0; g < groupsPerDir; g++)
        if ((u + g) % 3 === 0)
          w.memberships.push({ groupId: `${d}_g${g}`, userId: `${d}_u${String(u).padStart(4, '0')}` });
    }
  }
}

beforeEach(async () => {
  const t = tempDir();
  cleanupDir = t.cleanup;
  store = storeWithProfile(t.dir);
  world = fakeWorld();
  fake = await startFake(world);
});
afterEach(async () => {
  await fake.close();
  store.close();
  cleanupDir();
});

const client = (limits = scaledRateLimits(1000), key = 'sk_test_fake') =>
  new WorkosClient({
    apiKey: key,
    baseUrl: fake.url,
    rateLimits: limits,
    random: () => 0.5,
    retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
  });

function expectCacheEqualsWorld(): void {
  const snap = cacheSnapshot(store, 'p1');
  const strip = (o: Record<string, unknown>) => {
    const copy = { ...o };
    delete copy.groups;
    return copy;
  };
  expect(snap.users).toEqual([...world.users].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)).map(strip));
  expect(snap.groups).toEqual([...world.groups].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)));
  expect([...snap.memberships].sort()).toEqual(world.memberships.map((m) => `${m.groupId}|${m.userId}`).sort());
}

describe('full sync', () => {
  it('mirrors every directory exactly when user.groups is empty (memberships by group)', async () => {
    build(world, ['dir_a', 'dir_b', 'dir_c'], 230, 4);
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.status).toBe('succeeded');
    expect(summary.directories.map((d) => d.strategy)).toEqual(['by_group', 'by_group', 'by_group']);
    expectCacheEqualsWorld();
    expect(world.requests.some((r) => r.includes('group='))).toBe(true);
    expect(world.requests.every((r) => !r.startsWith('/directory_') || r.includes('limit=100'))).toBe(true);
  });

  it('reads memberships per user when that is faster under the rate limits', async () => {
    build(world, ['dir_a'], 50, 120);
    // 120+ member pages at 40/s take 3 s; 50 users on the global bucket take 0.1 s.
    const summary = await runFullSync({
      store,
      client: client({ ...WORKOS_RATE_LIMITS, globalLimit: 600_000, directoryUsersPerSecond: 40 }),
      profileId: 'p1',
    });
    expect(summary.directories[0]!.strategy).toBe('by_user');
    expectCacheEqualsWorld();
  });

  it('reads each user once per user when the size is known up front (first page read back from staging)', async () => {
    build(world, ['dir_a'], 150, 120);
    // The directory's size in `metadata`: by_user is chosen on the first page of users, whose
    // users are then read back from staging while later pages push their own.
    world.directories[0]!.metadata = { users: { active: 150, inactive: 0 }, groups: 120 };
    const summary = await runFullSync({
      store,
      client: client({ ...WORKOS_RATE_LIMITS, globalLimit: 600_000, directoryUsersPerSecond: 40 }),
      profileId: 'p1',
    });
    expect(summary.directories[0]!.strategy).toBe('by_user');
    expectCacheEqualsWorld();
    const perUser = world.requests.filter((r) => r.startsWith('/directory_groups') && r.includes('user='));
    const users = perUser.map((r) => new URL(r, 'http://x').searchParams.get('user'));
    expect(new Set(users).size).toBe(150);
    expect(users.length).toBe(150);
  });

  it('reads a long member list exactly even when the server ignores order=desc', async () => {
    // The fake pages ascending whatever `order` says: the second chain from the end must be
    // recognised as not meeting the first, and the first reads to the end.
    addDirectory(world, 'dir_a');
    addGroup(world, 'dir_a_big', 'dir_a');
    for (let u = 0; u < 750; u++) {
      const id = `dir_a_u${String(u).padStart(4, '0')}`;
      addUser(world, id, 'dir_a');
      world.memberships.push({ groupId: 'dir_a_big', userId: id });
    }
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.status).toBe('succeeded');
    expect(world.requests.some((r) => r.includes('order=desc'))).toBe(true);
    expectCacheEqualsWorld();
  });

  it('uses user.groups when WorkOS populates it, with no membership requests', async () => {
    build(world, ['dir_a'], 120, 3);
    world.populateUserGroups = true;
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.directories[0]!.strategy).toBe('user_groups_field');
    expect(world.requests.some((r) => r.includes('group=') || r.includes('user='))).toBe(false);
    expectCacheEqualsWorld();
  });

  it('converges on a second sync and logs exactly what changed', async () => {
    build(world, ['dir_a'], 20, 2);
    await runFullSync({ store, client: client(), profileId: 'p1' });
    world.users = world.users.filter((u) => u.id !== 'dir_a_u0001');
    world.memberships = world.memberships.filter((m) => m.userId !== 'dir_a_u0001');
    (world.users[2] as Record<string, unknown>).state = 'inactive';
    (world.users[1] as Record<string, unknown>).email = 'new@x.com';
    world.memberships.push({ groupId: 'dir_a_g0', userId: 'dir_a_u0002' });
    const second = await runFullSync({ store, client: client(), profileId: 'p1' });
    expectCacheEqualsWorld();
    const rows = queryAll<{ entity_type: string; kind: string; entity_id: string; field: string | null }>(
      store.reader,
      sql`SELECT entity_type, kind, entity_id, field FROM changes WHERE run_id = ${second.runId} ORDER BY seq`,
    );
    const removedMemberships = rows.filter((r) => r.entity_type === 'membership' && r.kind === 'removed');
    expect(
      rows
        .filter((r) => r.entity_type === 'user')
        .map((r) => `${r.kind}:${r.entity_id}:${r.field}`)
        .sort(),
    ).toEqual(['changed:dir_a_u0002:email', 'removed:dir_a_u0001:null', 'state_changed:dir_a_u0003:state'].sort());
    expect(rows.filter((r) => r.entity_type === 'membership' && r.kind === 'added').map((r) => r.entity_id)).toEqual([
      'dir_a_g0:dir_a_u0002',
    ]);
    expect(removedMemberships.every((r) => r.entity_id.endsWith('dir_a_u0001'))).toBe(true);
  });

  it('marks the profile invalid and leaves the cache untouched when the key is rejected', async () => {
    build(world, ['dir_a'], 5, 1);
    await runFullSync({ store, client: client(), profileId: 'p1' });
    const before = cacheSnapshot(store, 'p1');
    const summary = await runFullSync({
      store,
      client: client(scaledRateLimits(1000), 'sk_test_wrong'),
      profileId: 'p1',
    });
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(/rejected the API key/);
    expect(getProfileRow(store.reader, 'p1')!.status).toBe('invalid_key');
    expect(cacheSnapshot(store, 'p1')).toEqual(before);
  });

  it('tombstones a directory that 404s mid-sync and finishes the others', async () => {
    build(world, ['dir_a', 'dir_b'], 10, 1);
    await runFullSync({ store, client: client(), profileId: 'p1' });
    world.override = (path, q) =>
      path === '/directory_users' && q.get('directory') === 'dir_b'
        ? { status: 404, body: { message: 'Not found' } }
        : null;
    world.users.push({ ...world.users[0]!, id: 'dir_a_new' });
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.status).toBe('succeeded');
    expect(summary.directories.find((d) => d.directoryId === 'dir_b')!.status).toBe('removed');
    const snap = cacheSnapshot(store, 'p1');
    expect(snap.directories.map((d) => d.id)).toEqual(['dir_a']);
    expect(snap.users.some((u) => u.id === 'dir_a_new')).toBe(true);
    const tombs = queryAll<{ entity_type: string; reason: string }>(
      store.reader,
      sql`SELECT entity_type, reason FROM tombstones WHERE directory_id = 'dir_b'`,
    );
    expect(tombs.filter((t) => t.entity_type === 'directory')).toEqual([
      { entity_type: 'directory', reason: 'directory_not_found' },
    ]);
    expect(tombs.filter((t) => t.entity_type === 'user')).toHaveLength(10);
  });

  it('fails only the directory whose response violates the schema, naming the field, keeping its data', async () => {
    build(world, ['dir_a', 'dir_b'], 10, 1);
    await runFullSync({ store, client: client(), profileId: 'p1' });
    const before = cacheSnapshot(store, 'p1').users.filter((u) => u.directory_id === 'dir_b');
    (world.users.find((u) => u.directory_id === 'dir_b') as Record<string, unknown>).state = 42;
    (world.users.find((u) => u.directory_id === 'dir_a') as Record<string, unknown>).email = 'changed@x.com';
    const summary = await runFullSync({ store, client: client(), profileId: 'p1' });
    expect(summary.status).toBe('partial');
    const failed = summary.directories.find((d) => d.directoryId === 'dir_b')!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/data\[0\]\.state/);
    const after = cacheSnapshot(store, 'p1');
    expect(after.users.filter((u) => u.directory_id === 'dir_b')).toEqual(before);
    expect(after.users.some((u) => u.email === 'changed@x.com')).toBe(true);
  });
});

describe('full sync when the disk fills up', () => {
  it('fails the directory with a clear message and keeps the previous data', async () => {
    build(world, ['dir_a'], 30, 2);
    await runFullSync({ store, client: client(), profileId: 'p1' });
    const before = cacheSnapshot(store, 'p1');
    for (let i = 0; i < 400; i++)
      addUser(world, `dir_a_new${i}`, 'dir_a', { custom_attributes: { bio: 'x'.repeat(2000) } });
    // Simulate a full disk: the file may not grow past its current size. max_page_count holds
    // for one connection, so this sync writes inline on store.writer (the writer thread runs the
    // same operations; its errors keep their SQLite code: writer-thread.test.ts).
    const pages = store.writer.pragma('page_count', { simple: true }) as number;
    store.writer.pragma(`max_page_count = ${pages + 2}`);
    const summary = await runFullSync({ store, client: client(), profileId: 'p1', writer: 'inline' });
    store.writer.pragma('max_page_count = 1073741823');
    expect(summary.directories[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/disk is full/) });
    expect(cacheSnapshot(store, 'p1')).toEqual(before);
  });
});

describe('a cache another sync keeps busy', () => {
  it('is described in plain words, not as "database is locked"', () => {
    // Another connection holds the write lock (another profile's sync applying a directory).
    const other = new Database(store.path);
    other.exec('BEGIN IMMEDIATE');
    store.writer.pragma('busy_timeout = 0');
    try {
      let caught: unknown = null;
      try {
        store.writer.exec('BEGIN IMMEDIATE');
      } catch (err) {
        caught = err;
      }
      expect((caught as { code?: string } | null)?.code).toBe('SQLITE_BUSY');
      expect(describeSyncError(caught)).toMatch(/busy with another sync .* next sync continues/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      store.writer.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  });
});
