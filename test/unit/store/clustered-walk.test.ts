/**
 * A broad search whose matches cluster late in name order (a first name) is driven after a short
 * probe of the name index finds none of them, instead of after testing the walk's whole budget;
 * a search with matches near the start still walks. Pages are exact either way.
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

/** Aarons first in name order, then Zoes: enough of each that both walk (ENTRY_WALK_DRIVE_BELOW is 5,000). */
const AARONS = 5_500;
const ZOES = 6_000;

let store: Store;
let cleanup: () => void;

beforeAll(() => {
  ({ store, cleanup } = storeWithNamedUsers([
    ['Aaron', AARONS],
    ['Zoe', ZOES],
  ]));
}, 120_000);
afterAll(() => cleanup());

const firstPage = (term: string) =>
  listUsers(store.reader, { profileId: 'p1', search: term, sort: 'name', order: 'asc', limit: 50 });

const expectedIds = (first: string): string[] =>
  queryAll<{ id: string }>(
    store.reader,
    sql`SELECT id FROM users WHERE first_name = ${first} ORDER BY sort_name, id LIMIT 50`,
  ).map((r) => r.id);

describe('walks of the name index by search', () => {
  it('drives a first name that sits past the probe, without walking the whole budget', () => {
    expect(planUserList(store.reader, { profileId: 'p1', search: parseUserSearch('zoe') }, true).mode).toBe('walk');
    let page: ReturnType<typeof firstPage> | undefined;
    const bound = numbersBound(store, () => {
      page = firstPage('zoe');
    });
    expect(page!.items.map((u) => u.id)).toEqual(expectedIds('Zoe'));
    expect(bound).toContain(PROBE_BUDGET);
    expect(bound).not.toContain(WALK_BUDGET);
  });

  it('still walks a first name found within the probe', () => {
    expect(planUserList(store.reader, { profileId: 'p1', search: parseUserSearch('aaron') }, true).mode).toBe('walk');
    let page: ReturnType<typeof firstPage> | undefined;
    const bound = numbersBound(store, () => {
      page = firstPage('aaron');
    });
    expect(page!.items.map((u) => u.id)).toEqual(expectedIds('Aaron'));
    // The probe's walk filled the page.
    expect(bound).toContain(PROBE_BUDGET);
    expect(bound).not.toContain(WALK_BUDGET);
  });
});
