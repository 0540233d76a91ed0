/**
 * History that reads like a story: names (also of deleted users and groups) on timelines,
 * one entry per sync and entity, mirrored attributes once, groups labelled with their
 * directory, the newest interval with changes, runs with their directories, members at a
 * moment compared with now, and the same person in other directories.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupTimeline, listChanges, userTimeline } from '../../../src/main/store/queries/changes-query.ts';
import { diffBetween, groupMembersAt } from '../../../src/main/store/queries/history-query.ts';
import { latestChanges, withRunDirectories } from '../../../src/main/store/queries/runs-query.ts';
import { sameEmailElsewhere } from '../../../src/main/store/queries/same-person.ts';
import { getSyncRun } from '../../../src/main/store/sync-runs.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { toSyncRun } from '../../../src/main/store/sync-runs.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { addDirectory, addGroup, addUser, fakeWorld, startFake } from '../sync/fake-workos.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

let store: Store;
let cleanup: () => void;
const runs: string[] = [];
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
  const sync = async () => runs.push((await runFullSync({ store, client, profileId: 'p1' })).runId);
  addDirectory(world, 'dir_a', { name: 'Acme' });
  addDirectory(world, 'dir_b', { name: 'Beta' });
  addGroup(world, 'g_eng_a', 'dir_a', { name: 'Engineering' });
  addGroup(world, 'g_eng_b', 'dir_b', { name: 'Engineering' });
  addGroup(world, 'g_old', 'dir_a', { name: 'Old Guard' });
  addUser(world, 'u_ann', 'dir_a', {
    name: 'Ann Lee',
    email: 'Ann.Lee@Example.com',
    job_title: 'Engineer',
    custom_attributes: { department: 'Eng', job_title: 'Engineer' },
  });
  addUser(world, 'u_ann_b', 'dir_b', { name: 'Ann Lee (Beta)', email: 'ann.lee@example.COM' });
  addUser(world, 'u_dee', 'dir_a', { name: 'Dee Parted', email: 'dee@example.com' });
  addUser(world, 'u_bo', 'dir_b', { name: 'Bo Brown', email: 'bo@example.com' });
  world.memberships.push(
    { groupId: 'g_eng_a', userId: 'u_ann' },
    { groupId: 'g_eng_a', userId: 'u_dee' },
    { groupId: 'g_old', userId: 'u_dee' },
    { groupId: 'g_eng_b', userId: 'u_ann_b' },
  );
  await sync(); // runs[0]: the first snapshot
  // A reorg: Ann's title (mirrored) and department change in one sync; Dee leaves Engineering,
  // Bo joins Beta's Engineering.
  const ann = world.users.find((u) => u.id === 'u_ann')!;
  ann.job_title = 'Staff Engineer';
  ann.custom_attributes = { department: 'Platform', job_title: 'Staff Engineer' };
  world.memberships = world.memberships.filter((m) => !(m.groupId === 'g_eng_a' && m.userId === 'u_dee'));
  world.memberships.push({ groupId: 'g_eng_b', userId: 'u_bo' });
  await sync(); // runs[1]
  // Dee is deleted at WorkOS, and so is the group Old Guard.
  world.users = world.users.filter((u) => u.id !== 'u_dee');
  world.groups = world.groups.filter((g) => g.id !== 'g_old');
  world.memberships = world.memberships.filter((m) => m.userId !== 'u_dee' && m.groupId !== 'g_old');
  await sync(); // runs[2]
  await sync(); // runs[3]: nothing changed
  await fake.close();
});
afterAll(() => cleanup());

describe('names in history', () => {
  it('names the user and group of every membership row, a deleted user by its last name', () => {
    const items = groupTimeline(store.reader, 'p1', 'g_eng_a', undefined, 50).items;
    const rows = items.filter((c) => c.entityType === 'membership');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.group).toEqual({ id: 'g_eng_a', name: 'Engineering', deleted: false });
      expect(r.user?.name).not.toBeNull();
      expect(r.user?.name).not.toMatch(/^u_/);
    }
    const dee = rows.find((r) => r.userId === 'u_dee' && r.kind === 'removed')!;
    expect(dee.user).toEqual({ id: 'u_dee', name: 'Dee Parted', deleted: true });
    expect(dee.directory).toEqual({ id: 'dir_a', name: 'Acme', deleted: false });
  });

  it('keeps a deleted group’s last name on the timeline of a user who was in it', () => {
    const items = userTimeline(store.reader, 'p1', 'u_dee', undefined, 50).items;
    const leftOld = items.find((c) => c.groupId === 'g_old' && c.kind === 'removed')!;
    expect(leftOld.group).toEqual({ id: 'g_old', name: 'Old Guard', deleted: true });
    const deleted = items.find((c) => c.entityType === 'user' && c.kind === 'removed')!;
    expect(deleted.entity).toEqual({ id: 'u_dee', name: 'Dee Parted', deleted: true });
  });

  it('names entities in the change feed the CLI reads', () => {
    const feed = listChanges(store.reader, { profileId: 'p1', includeBaseline: false, limit: 100 }).items;
    const removedGroup = feed.find((c) => c.entityType === 'group' && c.kind === 'removed')!;
    expect(removedGroup.entity).toEqual({ id: 'g_old', name: 'Old Guard', deleted: true });
  });
});

describe('timeline entries', () => {
  it('groups one sync’s field changes of a user into one entry, mirrored title once with both sources', () => {
    const items = userTimeline(store.reader, 'p1', 'u_ann', undefined, 50).items;
    const edits = items.filter((c) => c.entityType === 'user' && c.kind !== 'added');
    expect(edits).toHaveLength(1);
    const entry = edits[0]!;
    expect(entry.runId).toBe(runs[1]);
    expect(entry.fields!.map((f) => [f.field, f.before, f.after, f.alsoAs])).toEqual([
      ['custom_attributes.department', 'Eng', 'Platform', []],
      ['job_title', 'Engineer', 'Staff Engineer', ['custom_attributes.job_title']],
    ]);
  });

  it('never ends a page inside an entry', () => {
    // One row per page: the entry's rows come together on one page, and paging still ends.
    const seen: number[] = [];
    let cursor: string | undefined;
    let entries = 0;
    do {
      const page = userTimeline(store.reader, 'p1', 'u_ann', cursor, 1);
      entries += page.items.length;
      seen.push(...page.items.map((c) => c.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(entries).toBe(userTimeline(store.reader, 'p1', 'u_ann', undefined, 50).items.length);
  });
});

describe('Changes', () => {
  it('labels membership sections with their directory and folds mirrored attributes', () => {
    const diff = diffBetween(store.reader, 'p1', { runId: runs[0]! }, { runId: runs[1]! });
    const eng = diff.memberships.filter((m) => m.groupName === 'Engineering');
    expect(eng.map((m) => m.directoryName).sort()).toEqual(['Acme', 'Beta']);
    const ann = diff.fieldChanges.filter((f) => f.entityId === 'u_ann');
    expect(ann.map((f) => [f.field, f.alsoAs ?? []])).toEqual([
      ['custom_attributes.department', []],
      ['job_title', ['custom_attributes.job_title']],
    ]);
    expect(diff.counts!.fieldChanges).toBe(diff.fieldChanges.length);
  });

  it('opens on the newest run with changes, not the last (empty) run', () => {
    const latest = latestChanges(store.reader, 'p1', undefined).interval!;
    expect(latest.run!.id).toBe(runs[2]);
    const diff = diffBetween(store.reader, 'p1', { at: latest.from }, { at: latest.to });
    expect(diff.counts!.usersRemoved).toBe(1);
    expect(diff.counts!.groupsRemoved).toBe(1);
    // The last run changed nothing: comparing it with the one before shows nothing.
    const last = diffBetween(store.reader, 'p1', { runId: runs[2]! }, { runId: runs[3]! });
    expect(Object.values(last.counts!).every((n) => n === 0)).toBe(true);
    // Scoped to Beta, the newest change is Bo joining in runs[1].
    expect(latestChanges(store.reader, 'p1', 'dir_b').interval!.run!.id).toBe(runs[1]);
  });

  it('lists the directories each run touched with its change counts', () => {
    const listed = withRunDirectories(
      store.reader,
      'p1',
      runs.map((id) => toSyncRun(getSyncRun(store.reader, id)!)),
    );
    const dirs = (i: number) => listed[i]!.directories!.map((d) => [d.name, d.changes]);
    expect(dirs(0)).toEqual([]); // the first snapshot is not a change
    expect(
      dirs(1)
        .map((d) => d[0])
        .sort(),
    ).toEqual(['Acme', 'Beta']);
    expect(dirs(1).find((d) => d[0] === 'Beta')![1]).toBe(1);
    expect(dirs(3)).toEqual([]);
  });
});

describe('members on a date', () => {
  it('defaults to just before the group’s last change and compares with now', () => {
    const r = groupMembersAt(store.reader, 'p1', 'g_eng_a', undefined, { compareWithNow: true });
    expect(r.lastChangeAt).not.toBeNull();
    expect(Date.parse(r.at)).toBe(Date.parse(r.lastChangeAt!) - 1);
    expect(r.members.map((m) => [m.displayName, m.email, m.directoryName, m.deleted])).toEqual([
      ['Ann Lee', 'Ann.Lee@Example.com', 'Acme', false],
      ['Dee Parted', 'dee@example.com', 'Acme', true],
    ]);
    expect(r.members[0]!.state).toBe('active');
    expect(r.leftSince!.map((m) => m.id)).toEqual(['u_dee']);
    expect(r.joinedSince).toEqual([]);
    expect(r.counts).toEqual({ members: 2, joinedSince: 0, leftSince: 1 });
  });

  it('sends the first `limit` of each list in name order and counts them whole', () => {
    const all = groupMembersAt(store.reader, 'p1', 'g_eng_a', undefined, { compareWithNow: true });
    const one = groupMembersAt(store.reader, 'p1', 'g_eng_a', all.at, { compareWithNow: true, limit: 1 });
    expect(one.members).toEqual(all.members.slice(0, 1));
    expect(one.leftSince).toEqual(all.leftSince);
    expect(one.counts).toEqual({ members: 2, joinedSince: 0, leftSince: 1 });
    // Before Beta's history begins nobody was a member: both of its members now joined since.
    const before = groupMembersAt(store.reader, 'p1', 'g_eng_b', '2000-01-01T00:00:00Z', {
      compareWithNow: true,
      limit: 1,
    });
    expect(before.counts).toEqual({ members: 0, joinedSince: 2, leftSince: 0 });
    expect(before.joinedSince).toHaveLength(1);
    const plain = groupMembersAt(store.reader, 'p1', 'g_eng_a', all.at, { limit: 1 });
    expect(plain.counts).toEqual({ members: 2 });
    expect(plain.joinedSince).toBeUndefined();
  });
});

describe('same person across directories', () => {
  it('finds the records with the same email in other directories, case-insensitively', () => {
    const same = sameEmailElsewhere(store.reader, 'p1', {
      id: 'u_ann',
      email: 'ann.lee@EXAMPLE.com',
      directoryId: 'dir_a',
    });
    expect(same.map((u) => [u.id, u.directoryName])).toEqual([['u_ann_b', 'Beta']]);
    expect(
      sameEmailElsewhere(store.reader, 'p1', { id: 'u_bo', email: 'bo@example.com', directoryId: 'dir_b' }),
    ).toEqual([]);
  });

  it('looks the email up through users_by_email, not a scan', () => {
    const plan = store.reader
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM users WHERE profile_id = ? AND lower(email) = lower(?)`)
      .all('p1', 'x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/users_by_email/);
  });
});
