/**
 * A name walk whose 2,000-entry probe finds some matches but not a page goes on with the whole
 * budget from the same place: the page, the next one and the descending order are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAll } from '../../../src/main/store/exec.ts';
import { planUserList } from '../../../src/main/store/queries/user-list-plan.ts';
import { PROBE_BUDGET, WALK_BUDGET } from '../../../src/main/store/queries/user-list-walk.ts';
import { parseUserSearch } from '../../../src/main/store/queries/user-search.ts';
import { listUsers } from '../../../src/main/store/queries/users-query.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { numbersBound, storeWithNamedUsers } from './helpers.ts';

// In name order: 1,995 Aarons, 5 Bobs (inside the probe), then 5,000 Bobbys (past it).
let store: Store;
let cleanup: () => void;
beforeAll(() => {
  ({ store, cleanup } = storeWithNamedUsers([
    ['Aaron', PROBE_BUDGET - 5],
    ['Bob', 5],
    ['Bobby', 5_000],
  ]));
}, 120_000);
afterAll(() => cleanup());

const page = (order: 'asc' | 'desc', cursor?: string) =>
  listUsers(store.reader, {
    profileId: 'p1',
    search: 'bob',
    sort: 'name',
    order,
    limit: 50,
    ...(cursor ? { cursor } : {}),
  });

const expected = (order: 'asc' | 'desc'): string[] =>
  queryAll<{ id: string }>(
    store.reader,
    order === 'asc'
      ? sql`SELECT id FROM users WHERE first_name IN ('Bob', 'Bobby') ORDER BY sort_name, id`
      : sql`SELECT id FROM users WHERE first_name IN ('Bob', 'Bobby') ORDER BY sort_name DESC, id DESC`,
  ).map((r) => r.id);

describe('a probe with some matches', () => {
  it('walks on with the whole budget from the same place', () => {
    expect(planUserList(store.reader, { profileId: 'p1', search: parseUserSearch('bob') }, true).mode).toBe('walk');
    let first: ReturnType<typeof page> | undefined;
    const bound = numbersBound(store, () => {
      first = page('asc');
    });
    expect(bound).toContain(PROBE_BUDGET);
    expect(bound).toContain(WALK_BUDGET);
    const all = expected('asc');
    expect(first!.items.map((u) => u.id)).toEqual(all.slice(0, 50));
    expect(first!.items.slice(0, 5).map((u) => u.firstName)).toEqual(Array(5).fill('Bob'));
    expect(page('asc', first!.nextCursor!).items.map((u) => u.id)).toEqual(all.slice(50, 100));
  });

  it('answers the descending order exactly', () => {
    expect(page('desc').items.map((u) => u.id)).toEqual(expected('desc').slice(0, 50));
  });
});
