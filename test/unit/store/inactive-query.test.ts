/**
 * The inactive audit merges three sources (inactive users, suspended users, users WorkOS
 * deleted), each read newest first up to one page: paging must still give every one of them
 * exactly once, newest first, with the filters applied to all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/main/store/exec.ts';
import { listInactiveUsers, type InactiveQuery } from '../../../src/main/store/queries/inactive-query.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

let store: Store;
let cleanup: () => void;
const expected: { id: string; since: string; directory: string }[] = [];

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  const T = '2026-01-01T00:00:00.000Z';
  const at = (i: number): string => new Date(Date.parse(T) + i * 3_600_000).toISOString();
  const w = store.writer;
  inTransaction(w, () => {
    for (const d of ['dir_a', 'dir_b'])
      w.prepare(
        `INSERT INTO directories (profile_id, id, organization_id, name, type, state, created_at, updated_at, raw_json, first_seen_at, state_since)
         VALUES ('p1', ?, 'org', ?, 'okta scim v2.0', 'linked', ?, ?, '{}', ?, ?)`,
      ).run(d, d, T, T, T, T);
    const user = w.prepare(
      `INSERT INTO users (profile_id, id, directory_id, idp_id, email, name, state, raw_json, created_at, updated_at,
                          first_seen_at, state_since, sort_name, search_text)
       VALUES ('p1', ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 30; i++) {
      const state = i % 3 === 0 ? 'active' : i % 3 === 1 ? 'inactive' : 'suspended';
      const directory = i % 2 === 0 ? 'dir_a' : 'dir_b';
      // Several users share a "since" so the id tie-break is exercised across pages.
      const since = at(Math.floor(i / 4));
      user.run(
        `u${i}`,
        directory,
        `i${i}`,
        `u${i}@x.com`,
        `User ${i}`,
        state,
        T,
        T,
        T,
        since,
        `user ${i}`,
        `User ${i}`,
      );
      if (state !== 'active') expected.push({ id: `u${i}`, since, directory });
    }
    const tomb = w.prepare(
      `INSERT INTO tombstones (profile_id, entity_type, entity_id, directory_id, last_record_json, removed_at, reason, source)
       VALUES ('p1', 'user', ?, ?, ?, ?, 'missing_from_full_sync', 'full_sync')`,
    );
    for (let i = 0; i < 6; i++) {
      const directory = i % 2 === 0 ? 'dir_a' : 'dir_b';
      tomb.run(`gone${i}`, directory, JSON.stringify({ name: `Gone ${i}`, email: `g${i}@x.com` }), at(2 * i + 1));
      expected.push({ id: `gone${i}`, since: at(2 * i + 1), directory });
    }
  });
  expected.sort((a, b) => (a.since === b.since ? (a.id < b.id ? 1 : -1) : a.since < b.since ? 1 : -1));
});
afterAll(() => {
  store.close();
  cleanup();
});

function allPages(q: Omit<InactiveQuery, 'profileId' | 'limit' | 'cursor'>): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = listInactiveUsers(store.reader, { profileId: 'p1', limit: 4, ...q, cursor });
    ids.push(...page.items.map((u) => u.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('inactive audit paging', () => {
  it('gives inactive, suspended and deleted users once each, newest first', () => {
    expect(allPages({ includeDeleted: true })).toEqual(expected.map((e) => e.id));
    expect(allPages({ includeDeleted: false })).toEqual(
      expected.filter((e) => !e.id.startsWith('gone')).map((e) => e.id),
    );
  });

  it('applies directory and time filters to every source', () => {
    const cut = '2026-01-01T05:00:00.000Z';
    expect(allPages({ includeDeleted: true, directoryId: 'dir_b', inactiveBefore: cut })).toEqual(
      expected.filter((e) => e.directory === 'dir_b' && e.since <= cut).map((e) => e.id),
    );
    expect(allPages({ includeDeleted: true, inactiveAfter: cut })).toEqual(
      expected.filter((e) => e.since >= cut).map((e) => e.id),
    );
  });
});
