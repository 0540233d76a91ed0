/**
 * A first page's total says "1,000+" only when more than 1,000 users match, or when counting
 * stopped at 1,000 with candidates left; exactly 1,000 matches show as 1,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, inTransaction } from '../../../src/main/store/exec.ts';
import { pageTotal, TOTAL_CAP } from '../../../src/main/store/queries/user-list-plan.ts';
import { listUsers, type UserListQuery } from '../../../src/main/store/queries/users-query.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { storeWithNamedUsers } from './helpers.ts';

describe('pageTotal', () => {
  it('tells exactly the cap apart from more, and a counted prefix from a complete count', () => {
    expect(pageTotal(TOTAL_CAP, true)).toEqual({ total: TOTAL_CAP, capped: false });
    expect(pageTotal(TOTAL_CAP + 1, true)).toEqual({ total: TOTAL_CAP, capped: true });
    expect(pageTotal(TOTAL_CAP, false)).toEqual({ total: TOTAL_CAP, capped: true });
    expect(pageTotal(TOTAL_CAP - 1, false)).toEqual({ total: null, capped: false });
    expect(pageTotal(0, true)).toEqual({ total: 0, capped: false });
  });
});

describe('first-page totals around the cap', () => {
  let store: Store;
  let cleanup: () => void;
  beforeAll(() => {
    ({ store, cleanup } = storeWithNamedUsers([
      ['Ann', TOTAL_CAP],
      ['Bob', TOTAL_CAP + 1],
    ]));
    // Exactly TOTAL_CAP inactive users: every Ann.
    inTransaction(store.writer, () =>
      execute(store.writer, sql`UPDATE users SET state = 'inactive' WHERE first_name = 'Ann'`),
    );
  });
  afterAll(() => cleanup());

  const first = (q: Partial<UserListQuery>) =>
    listUsers(store.reader, { profileId: 'p1', sort: 'name', order: 'asc', limit: 50, ...q });

  it('exactly 1,000 matches of a search: 1,000, not 1,000+', () => {
    const page = first({ search: 'ann' });
    expect([page.total, page.totalCapped]).toEqual([TOTAL_CAP, undefined]);
  });

  it('1,001 matches of a search: 1,000+', () => {
    const page = first({ search: 'bob' });
    expect([page.total, page.totalCapped]).toEqual([TOTAL_CAP, true]);
  });

  it('exactly 1,000 users in a state: 1,000, not 1,000+', () => {
    const page = first({ state: 'inactive' });
    expect(page.items.every((u) => u.firstName === 'Ann')).toBe(true);
    expect([page.total, page.totalCapped]).toEqual([TOTAL_CAP, undefined]);
  });
});
