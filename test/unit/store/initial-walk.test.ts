/**
 * A search that is a single letter (a name initial) has no index to drive from. When its walk
 * read the whole budget without filling the page, the forced drive found nothing to drive
 * either and listUsers threw ("q" or "x" at 1M users). It now walks on, testing the initial on
 * the name index's entries: exact pages, and a total counted as far as TOTAL_SCAN_LIMIT entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALK_BUDGET } from '../../../src/main/store/queries/user-list-walk.ts';
import { listUsers } from '../../../src/main/store/queries/users-query.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { storeWithNamedUsers } from './helpers.ts';

/** More Aarons than a walk's budget, then a few Quinns. */
const AARONS = WALK_BUDGET + 1_000;
const QUINNS = 12;

let store: Store;
let cleanup: () => void;

beforeAll(() => {
  ({ store, cleanup } = storeWithNamedUsers([
    ['Aaron', AARONS],
    ['Quinn', QUINNS],
  ]));
}, 120_000);
afterAll(() => cleanup());

const search = (term: string, cursor?: string) =>
  listUsers(store.reader, {
    profileId: 'p1',
    search: term,
    sort: 'name',
    order: 'asc',
    limit: 5,
    ...(cursor ? { cursor } : {}),
  });

describe('a name initial alone', () => {
  it('finds the users past the walk budget, page by page, with their exact total', () => {
    const first = search('q');
    expect(first.items.map((u) => u.firstName)).toEqual(Array(5).fill('Quinn'));
    expect(first.total).toBe(QUINNS);
    const ids = [...first.items.map((u) => u.id)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = search('q', cursor);
      ids.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    }
    expect(ids).toEqual(Array.from({ length: QUINNS }, (_, i) => `u${String(AARONS + i + 1).padStart(6, '0')}`));
  });

  it('answers an empty page, not an error, for an initial no name has', () => {
    const page = search('x');
    expect(page.items).toEqual([]);
    expect(page.nextCursor).toBeNull();
  });
});

describe('a name initial alone, in descending order past the budget', () => {
  // 12 Bobs, then more Zoes than a walk's budget: from the end, "b" is found only past it.
  let desc: { store: Store; cleanup: () => void };
  beforeAll(() => {
    desc = storeWithNamedUsers([
      ['Bob', QUINNS],
      ['Zoe', AARONS],
    ]);
  }, 120_000);
  afterAll(() => desc.cleanup());

  it('pages from the last Bob down', () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = listUsers(desc.store.reader, {
        profileId: 'p1',
        search: 'b',
        sort: 'name',
        order: 'desc',
        limit: 5,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(Array.from({ length: QUINNS }, (_, i) => `u${String(QUINNS - i).padStart(6, '0')}`));
  });
});
