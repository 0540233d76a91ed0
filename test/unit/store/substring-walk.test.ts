/**
 * A broad substring (past the planner's search drive threshold) walks the name index and tests
 * each row in JavaScript, and its pages are exactly the users holding it; a narrow one, and a
 * substring inside words that no word starts with, still drive from the trigram index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { execute, inTransaction, queryAll } from '../../../src/main/store/exec.ts';
import { planUserList } from '../../../src/main/store/queries/user-list-plan.ts';
import { parseUserSearch } from '../../../src/main/store/queries/user-search.ts';
import { listUsers, userPageQuery } from '../../../src/main/store/queries/users-query.ts';
import { directoryFromWire } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { eventsContext, storeWithProfile, tempDir, wireDirectory } from './helpers.ts';

/** Past SEARCH_DRIVE_BELOW (30,000) Johns, so "john" must walk. */
const USERS = 36_000;

let store: Store;
let cleanup: () => void;

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  const ctx = eventsContext();
  inTransaction(store.writer, () => {
    upsertDirectory(store.writer, ctx, directoryFromWire(wireDirectory('directory_1')));
    // Every user is a John; last names cycle so a substring inside them is narrow or broad.
    execute(
      store.writer,
      sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${USERS})
          INSERT INTO users (profile_id, id, directory_id, idp_id, email, first_name, last_name, state, custom_attributes,
                             raw_json, created_at, updated_at, first_seen_at, state_since, sort_name, search_text)
          SELECT 'p1', printf('u%05d', i), 'directory_1', 'idp' || i, 'john' || i || '@acme.com', 'John',
                 CASE WHEN i % 500 = 0 THEN 'Littlejohnson' ELSE 'Smith' || (i % 97) END, 'active', '{}',
                 '{}', '2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01',
                 printf('john smith%05d', i),
                 'John ' || CASE WHEN i % 500 = 0 THEN 'Littlejohnson' ELSE 'Smith' || (i % 97) END || ' john' || i || '@acme.com'
          FROM n`,
    );
  });
}, 120_000);
afterAll(() => {
  store.close();
  cleanup();
});

const holding = (needle: string): string[] =>
  queryAll<{ id: string }>(
    store.reader,
    sql`SELECT id FROM users WHERE instr(lower(search_text), ${needle}) > 0 ORDER BY sort_name, id`,
  ).map((r) => r.id);

describe('broad and narrow substrings', () => {
  it('walks the name index for a substring most users hold, with exact pages', () => {
    const search = parseUserSearch('john');
    expect(planUserList(store.reader, { profileId: 'p1', search }, true).mode).toBe('walk');
    const expected = holding('john');
    const first = listUsers(store.reader, { profileId: 'p1', search: 'john', sort: 'name', order: 'asc', limit: 100 });
    expect(first.items.map((u) => u.id)).toEqual(expected.slice(0, 100));
    expect(first.totalCapped).toBe(true);
    const second = listUsers(store.reader, {
      profileId: 'p1',
      search: 'john',
      sort: 'name',
      order: 'asc',
      limit: 100,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((u) => u.id)).toEqual(expected.slice(100, 200));
  });

  it('tests the search on the name index entries, reading only the matching users rows', () => {
    const plan = planUserList(store.reader, { profileId: 'p1', search: parseUserSearch('john') }, true);
    expect(plan.entryTest?.text).toContain('w.search_text');
    expect(plan.where.map((w) => w.text).join(' ')).not.toContain('dsync_search_matches');
    const { statement } = userPageQuery(store.reader, {
      profileId: 'p1',
      search: 'john',
      sort: 'name',
      order: 'asc',
      limit: 100,
    });
    const steps = queryAll<{ detail: string }>(store.reader, sql`EXPLAIN QUERY PLAN ${statement}`).map((r) => r.detail);
    expect(steps).toContain('SEARCH users USING COVERING INDEX users_by_name (profile_id=?)');
  });

  it('drives when a broad substring clusters past the walk budget, with exact pages', () => {
    // "john1" is in 11,111 emails (john1, john10-19, john100-199, …); newest names first, the
    // walk meets 16,000 users (john35999 down to john20000) before the first of them.
    const expected = holding('john1').reverse();
    expect(expected.length).toBeGreaterThan(5000);
    const q = { profileId: 'p1', search: 'john1', sort: 'name', order: 'desc', limit: 100 } as const;
    expect(planUserList(store.reader, { profileId: 'p1', search: parseUserSearch('john1') }, true).mode).toBe('walk');
    const first = listUsers(store.reader, q);
    expect(first.items.map((u) => u.id)).toEqual(expected.slice(0, 100));
    const second = listUsers(store.reader, { ...q, cursor: first.nextCursor! });
    expect(second.items.map((u) => u.id)).toEqual(expected.slice(100, 200));
  });

  it('drives an email prefix from the seq-keyed sort keys, not the users rows', () => {
    const q = { profileId: 'p1', search: 'john123@acme', sort: 'name', order: 'asc', limit: 100 } as const;
    expect(userPageQuery(store.reader, q).statement.text).toContain('users_sort_keys_by_seq');
    expect(listUsers(store.reader, q).items.map((u) => u.email)).toEqual(['john123@acme.com']);
    // Another word still tests each candidate's row.
    const both = { ...q, search: 'john123@acme smith' };
    expect(userPageQuery(store.reader, both).statement.text).not.toContain('users_sort_keys_by_seq');
    expect(listUsers(store.reader, both).items.map((u) => u.email)).toEqual(['john123@acme.com']);
    expect(listUsers(store.reader, { ...q, search: 'john123@acme littlejohnson' }).items).toEqual([]);
  });

  it('drives from the trigram index for a substring inside words that few users hold', () => {
    const search = parseUserSearch('tlejohn');
    expect(planUserList(store.reader, { profileId: 'p1', search }, true)).toMatchObject({
      mode: 'drive',
      driver: 'substring',
    });
    const expected = holding('tlejohn');
    expect(expected).toHaveLength(USERS / 500);
    const page = listUsers(store.reader, {
      profileId: 'p1',
      search: 'tlejohn',
      sort: 'name',
      order: 'asc',
      limit: 100,
    });
    expect(page.items.map((u) => u.id)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });
});
