import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChanges, userTimeline, groupTimeline } from '../../../src/main/store/queries/changes-query.ts';
import { healthSummary, listDirectorySummaries } from '../../../src/main/store/queries/directories-query.ts';
import { listGroups, getGroupDetail } from '../../../src/main/store/queries/groups-query.ts';
import { diffBetween, groupMembersAt } from '../../../src/main/store/queries/history-query.ts';
import { listInactiveUsers } from '../../../src/main/store/queries/inactive-query.ts';
import { getUserDetail, listUsers } from '../../../src/main/store/queries/users-query.ts';
import { getSyncRun } from '../../../src/main/store/sync-runs.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { addDirectory, addGroup, addUser, fakeWorld, startFake } from '../sync/fake-workos.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

let store: Store;
let cleanup: () => void;
let run1: string;
let run2: string;
const world = fakeWorld();

beforeAll(async () => {
  const t = tempDir();
  store = storeWithProfile(t.dir);
  const fake = await startFake(world);
  cleanup = () => {
    store.close();
    t.cleanup();
  };
  const client = new WorkosClient({ apiKey: 'sk_test_fake', baseUrl: fake.url, rateLimits: scaledRateLimits(1000) });
  addDirectory(world, 'dir_a', { name: 'Acme' });
  addDirectory(world, 'dir_b', { name: 'Beta', state: 'invalid_credentials' });
  addGroup(world, 'g_admin', 'dir_a', { name: 'Admins' });
  addGroup(world, 'g_fin', 'dir_a', { name: 'Finance-EU' });
  addUser(world, 'u_priya', 'dir_a', {
    first_name: 'Priya',
    last_name: 'Sharma',
    name: 'Priya Sharma',
    email: 'priya@acme.com',
    custom_attributes: { department: 'Finance' },
  });
  addUser(world, 'u_bob', 'dir_a', { first_name: 'Bob', last_name: 'Jones', name: 'Bob Jones', email: 'bob@acme.com' });
  addUser(world, 'u_carol', 'dir_a', {
    first_name: 'Carol',
    last_name: 'King',
    name: 'Carol King',
    email: 'carol@acme.com',
  });
  for (let i = 0; i < 25; i++)
    addUser(world, `u_b${String(i).padStart(2, '0')}`, 'dir_b', { name: `Beta User ${String(i).padStart(2, '0')}` });
  world.memberships.push(
    { groupId: 'g_fin', userId: 'u_priya' },
    { groupId: 'g_fin', userId: 'u_bob' },
    { groupId: 'g_admin', userId: 'u_bob' },
  );
  run1 = (await runFullSync({ store, client, profileId: 'p1' })).runId;

  // Sunday night: Priya leaves Finance-EU, Carol joins it, Bob (an admin) goes inactive then is
  // deleted by WorkOS, Priya moves department.
  world.memberships = [
    { groupId: 'g_fin', userId: 'u_carol' },
    { groupId: 'g_admin', userId: 'u_bob' },
  ];
  const priya = world.users.find((u) => u.id === 'u_priya')!;
  priya.custom_attributes = { department: 'Sales' };
  world.users.find((u) => u.id === 'u_carol')!.state = 'inactive';
  run2 = (await runFullSync({ store, client, profileId: 'p1' })).runId;
  world.users = world.users.filter((u) => u.id !== 'u_bob');
  world.memberships = world.memberships.filter((m) => m.userId !== 'u_bob');
  await runFullSync({ store, client, profileId: 'p1' });
  await fake.close();
});
afterAll(() => cleanup());

describe('query API', () => {
  it('searches users across directories by name prefix, email and attribute value', () => {
    const q = (search: string) =>
      listUsers(store.reader, { profileId: 'p1', search, sort: 'name', order: 'asc', limit: 50 }).items.map(
        (u) => u.id,
      );
    expect(q('pri')).toEqual(['u_priya']);
    expect(q('priya@acme')).toEqual(['u_priya']);
    expect(q('sales')).toEqual(['u_priya']);
    expect(q('"; DROP TABLE users; --')).toEqual([]);
  });

  it('pages users by keyset without gaps or repeats, with a total on the first page', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let first = true;
    do {
      const page = listUsers(store.reader, {
        profileId: 'p1',
        directoryId: 'dir_b',
        sort: 'name',
        order: 'asc',
        limit: 7,
        cursor,
      });
      if (first) expect(page.total).toBe(25);
      first = false;
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `u_b${String(i).padStart(2, '0')}`));
  });

  it('filters users by state, group and custom attribute', () => {
    const base = { profileId: 'p1', sort: 'name' as const, order: 'asc' as const, limit: 50 };
    expect(listUsers(store.reader, { ...base, state: 'inactive' }).items.map((u) => u.id)).toEqual(['u_carol']);
    expect(listUsers(store.reader, { ...base, groupId: 'g_fin' }).items.map((u) => u.id)).toEqual(['u_carol']);
    expect(
      listUsers(store.reader, { ...base, customAttribute: { key: 'department', value: 'Sales' } }).items.map(
        (u) => u.id,
      ),
    ).toEqual(['u_priya']);
    // Attribute values match case-insensitively, like search.
    for (const value of ['sales', 'SALES'])
      expect(
        listUsers(store.reader, { ...base, customAttribute: { key: 'department', value } }).items.map((u) => u.id),
      ).toEqual(['u_priya']);
  });

  it('lists groups with member counts and search', () => {
    const page = listGroups(store.reader, { profileId: 'p1', search: 'finance', limit: 10 });
    expect(page.items.map((g) => [g.name, g.members])).toEqual([['Finance-EU', 1]]);
    const names = (search: string) =>
      listGroups(store.reader, { profileId: 'p1', search, limit: 10 }).items.map((g) => g.name);
    // Substrings inside the name, punctuation included; two characters match word starts only.
    for (const search of ['FINANCE', 'nance', 'ance-e', 'fi eu', 'nan EU'])
      expect(names(search), search).toEqual(['Finance-EU']);
    expect(names('in')).toEqual([]);
    expect(names('nance-x')).toEqual([]);
    expect(names('"nance" OR *')).toEqual([]);
    expect(getGroupDetail(store.reader, 'p1', 'g_admin').group!.members).toBe(0);
  });

  it('answers who was in a group at a point in time', () => {
    const t1 = getSyncRun(store.reader, run1)!.finished_at!;
    const t2 = getSyncRun(store.reader, run2)!.finished_at!;
    expect(
      groupMembersAt(store.reader, 'p1', 'g_fin', t1)
        .members.map((m) => m.id)
        .sort(),
    ).toEqual(['u_bob', 'u_priya']);
    expect(groupMembersAt(store.reader, 'p1', 'g_fin', t2).members.map((m) => m.id)).toEqual(['u_carol']);
    const before = groupMembersAt(store.reader, 'p1', 'g_fin', '2000-01-01T00:00:00Z');
    expect(before.members).toEqual([]);
    expect(before.knownFrom).not.toBeNull();
  });

  it('diffs two sync runs: members added/removed per group and attribute/state changes', () => {
    const diff = diffBetween(store.reader, 'p1', { runId: run1 }, { runId: run2 });
    const fin = diff.memberships.find((m) => m.groupName === 'Finance-EU')!;
    expect(fin.added.map((u) => u.displayName)).toEqual(['Carol King']);
    expect(fin.removed.map((u) => u.displayName).sort()).toEqual(['Bob Jones', 'Priya Sharma']);
    expect(diff.fieldChanges.map((c) => [c.name, c.field, c.before, c.after]).sort()).toEqual([
      ['Carol King', 'state', 'active', 'inactive'],
      ['Priya Sharma', 'custom_attributes.department', 'Finance', 'Sales'],
    ]);
    expect(diff.usersRemoved).toEqual([]);
  });

  it('keeps deleted users with their last record, deletion time and the groups they held', () => {
    const page = listInactiveUsers(store.reader, { profileId: 'p1', includeDeleted: true, limit: 50 });
    const byId = Object.fromEntries(page.items.map((u) => [u.id, u]));
    expect(byId.u_carol).toMatchObject({ status: 'inactive', inactiveSinceObserved: true, groups: ['Finance-EU'] });
    expect(byId.u_bob).toMatchObject({
      status: 'deleted',
      displayName: 'Bob Jones',
      email: 'bob@acme.com',
      groups: ['Admins'],
    });
    expect(byId.u_bob!.deletedAt).not.toBeNull();
    const admins = listInactiveUsers(store.reader, {
      profileId: 'p1',
      includeDeleted: true,
      groupId: 'g_admin',
      limit: 50,
    });
    expect(admins.items.map((u) => u.id)).toEqual(['u_bob']);
    const detail = getUserDetail(store.reader, 'p1', 'u_bob');
    expect(detail.user).toBeNull();
    expect(detail.tombstone).toMatchObject({ reason: 'missing_from_full_sync', lastRecord: { email: 'bob@acme.com' } });
  });

  it('gives per-user and per-group timelines, newest first', () => {
    const priya = userTimeline(store.reader, 'p1', 'u_priya', undefined, 50).items;
    expect(priya.map((c) => `${c.entityType}:${c.kind}:${c.field ?? c.groupId ?? ''}`).sort()).toEqual([
      'membership:removed:g_fin',
      'user:added:',
      'user:changed:custom_attributes.department',
    ]);
    const times = priya.map((c) => c.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(priya[priya.length - 1]!.baseline).toBe(true);
    const fin = groupTimeline(store.reader, 'p1', 'g_fin', undefined, 50).items;
    expect(fin.filter((c) => !c.baseline && c.entityType === 'membership').length).toBe(3);
  });

  it('lists changes without the baseline by default', () => {
    const all = listChanges(store.reader, { profileId: 'p1', includeBaseline: false, limit: 500 });
    expect(all.items.every((c) => !c.baseline)).toBe(true);
    expect(all.items.some((c) => c.entityId === 'u_bob' && c.kind === 'removed')).toBe(true);
  });

  it('judges directory health with reasons', () => {
    const dirs = listDirectorySummaries(store.reader, 'p1');
    const beta = dirs.find((d) => d.id === 'dir_b')!;
    expect(beta.verdict).toBe('critical');
    // In words, with what to do, never the raw enum.
    expect(beta.reasons[0]).toMatch(/^The directory's credentials are no longer valid since /);
    expect(beta.reasons.join(' ')).not.toMatch(/invalid_credentials/);
    expect(beta.advice[0]).toMatch(/re-authorizes the directory in the WorkOS Admin Portal/);
    expect(dirs.find((d) => d.id === 'dir_a')).toMatchObject({
      verdict: 'healthy',
      users: 2,
      activeUsers: 1,
      inactiveUsers: 1,
      groups: 2,
    });
    expect(healthSummary(store.reader, 'p1')).toMatchObject({
      directories: 2,
      users: 27,
      source: 'cache',
      byVerdict: { healthy: 1, critical: 1 },
    });
  });
});
