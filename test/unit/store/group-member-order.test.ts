/**
 * A group's pages from its kept member order (group-member-order.ts) are exactly the pages SQL
 * gives: the writer's connection never keeps an order, so listing there is the reference.
 * A commit by another connection drops the kept order; a cursor naming a row that moved is
 * answered by SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/main/store/exec.ts';
import { groupMemberOrder } from '../../../src/main/store/queries/group-member-order.ts';
import { planUserList } from '../../../src/main/store/queries/user-list-plan.ts';
import { listUsers, type UserListQuery } from '../../../src/main/store/queries/users-query.ts';
import { sortKey } from '../../../src/main/store/records.ts';
import type { ReadableDB } from '../../../src/main/store/db-types.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

const T = '2026-01-01T00:00:00.000Z';
const NAMES = ['Ana Silva', 'Zoë Young', 'Émile Roux', 'ana silva', 'Bo Li', '李 伟', 'Ångström Ek'];
let store: Store;
let cleanup: () => void;

function addUser(i: number, name: string): void {
  store.writer
    .prepare(
      `INSERT INTO users (profile_id, id, directory_id, idp_id, state, raw_json, created_at, updated_at,
                          first_seen_at, state_since, sort_name, search_text)
       VALUES ('p1', ?, 'dir_a', ?, 'active', '{}', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      `u_${String(i).padStart(4, '0')}`,
      `idp_${i}`,
      T,
      // Shared update times too, so the id decides between them.
      new Date(Date.parse(T) + (i % 17) * 60_000).toISOString(),
      T,
      T,
      sortKey(name),
      name,
    );
}

function addMember(group: string, i: number): void {
  store.writer
    .prepare(
      `INSERT INTO memberships (profile_id, group_id, user_id, directory_id, since) VALUES ('p1', ?, ?, 'dir_a', ?)`,
    )
    .run(group, `u_${String(i).padStart(4, '0')}`, T);
}

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  store.writer
    .prepare(
      `INSERT INTO directories (profile_id, id, organization_id, name, type, state, created_at, updated_at, raw_json, first_seen_at, state_since)
       VALUES ('p1', 'dir_a', 'org', 'A', 'okta scim v2.0', 'linked', ?, ?, '{}', ?, ?)`,
    )
    .run(T, T, T, T);
  store.writer
    .prepare(
      `INSERT INTO groups (profile_id, id, directory_id, idp_id, name, raw_json, created_at, updated_at, first_seen_at, sort_name)
       VALUES ('p1', 'g_big', 'dir_a', 'idp_g', 'Big', '{}', ?, ?, ?, 'big')`,
    )
    .run(T, T, T);
  inTransaction(store.writer, () => {
    for (let i = 0; i < 300; i++) addUser(i, NAMES[i % NAMES.length]!);
    for (let i = 0; i < 300; i++) if (i % 3 !== 0) addMember('g_big', i);
  });
});

afterAll(() => {
  store.close();
  cleanup();
});

type Sort = Pick<UserListQuery, 'sort' | 'order'>;

/** The group's kept order, planned as `listUsers` plans a page of it. */
function orderOf(db: ReadableDB, sortByName = true) {
  const filters = { profileId: 'p1', groupId: 'g_big' };
  return groupMemberOrder(db, 'p1', 'g_big', planUserList(db, filters, sortByName), sortByName);
}

/** Every page of the group, each page's ids, and the first page's total. */
function allPages(db: ReadableDB, sort: Sort, limit = 7): { pages: string[][]; total: number | null } {
  const base: UserListQuery = { profileId: 'p1', groupId: 'g_big', limit, ...sort };
  const pages: string[][] = [];
  let cursor: string | undefined;
  let total: number | null = null;
  do {
    const page = listUsers(db, { ...base, cursor });
    if (cursor === undefined) total = page.total;
    pages.push(page.items.map((u) => u.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { pages, total };
}

const SORTS: Sort[] = [
  { sort: 'name', order: 'asc' },
  { sort: 'name', order: 'desc' },
  { sort: 'updatedAt', order: 'asc' },
  { sort: 'updatedAt', order: 'desc' },
];

describe("a group's kept member order", () => {
  it.each(SORTS)('pages exactly as SQL does ($sort $order), with the exact total', (sort) => {
    const reference = allPages(store.writer, sort);
    const kept = allPages(store.reader, sort);
    expect(kept.pages).toEqual(reference.pages);
    expect(kept.pages.flat()).toHaveLength(200);
    expect(new Set(kept.pages.flat()).size).toBe(200);
    expect(kept.total).toBe(200);
    expect(orderOf(store.reader, sort.sort === 'name')).not.toBeNull();
  });

  it('is read again after another connection commits', () => {
    const before = orderOf(store.reader)!;
    expect(orderOf(store.reader)).toBe(before);
    addMember('g_big', 0);
    const after = orderOf(store.reader)!;
    expect(after).not.toBe(before);
    expect(after.positionOf.has('u_0000')).toBe(true);
    expect(allPages(store.reader, { sort: 'name', order: 'asc' }).pages).toEqual(
      allPages(store.writer, { sort: 'name', order: 'asc' }).pages,
    );
  });

  it('answers a cursor whose row left the group by SQL, from where the cursor points', () => {
    const sort: Sort = { sort: 'name', order: 'asc' };
    const first = listUsers(store.reader, { profileId: 'p1', groupId: 'g_big', limit: 10, ...sort });
    const lastId = first.items.at(-1)!.id;
    store.writer
      .prepare(`DELETE FROM memberships WHERE profile_id = 'p1' AND group_id = 'g_big' AND user_id = ?`)
      .run(lastId);
    const next = listUsers(store.reader, {
      profileId: 'p1',
      groupId: 'g_big',
      limit: 10,
      cursor: first.nextCursor!,
      ...sort,
    });
    const reference = listUsers(store.writer, {
      profileId: 'p1',
      groupId: 'g_big',
      limit: 10,
      cursor: first.nextCursor!,
      ...sort,
    });
    expect(next.items.map((u) => u.id)).toEqual(reference.items.map((u) => u.id));
    expect(next.items.map((u) => u.id)).not.toContain(lastId);
    expect(next.items).toHaveLength(10);
  });

  it('is never kept on a connection that writes', () => {
    expect(orderOf(store.writer)).toBeNull();
  });
});
