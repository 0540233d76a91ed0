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
import { listUsers } from '../../../src/main/store/queries/users-query.ts';
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
