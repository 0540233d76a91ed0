/**
 * A search of a whole word and a word prefix ("Thiago Sa") is driven from the word index for
 * the users whose words start with the word, plus the few trigram matches holding it only
 * inside a word, whose rows are tested for the prefix. Both parts must be found, exactly once,
 * and nobody else: the two-index INTERSECT it replaces was exact by construction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, queryAll } from '../../../src/main/store/exec.ts';
import { planUserList } from '../../../src/main/store/queries/user-list-plan.ts';
import { parseUserSearch } from '../../../src/main/store/queries/user-search.ts';
import { listUsers, userPageQuery, type UserListQuery } from '../../../src/main/store/queries/users-query.ts';
import { userFromWire } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { upsertUser } from '../../../src/main/store/user-writes.ts';
import { eventsContext, storeWithDirectory, wireUser } from './helpers.ts';

let store: Store;
let cleanup: () => void;

/** [id, first name, last name, email]: who holds "thiago" where, and "sa" as a word's start or not. */
const PEOPLE: [string, string, string, string][] = [
  ['u_word', 'Thiago', 'Santos', 'ts@acme.com'], // both as word starts
  ['u_twice', 'Thiago', 'Sá', 'thiago.sa@acme.com'], // both, in two fields (found once)
  ['u_inside', 'Ana', 'Sampaio', 'luthiagor@acme.com'], // "thiago" only inside a word
  ['u_inside_both', 'Luthiago', 'Sousa', 'ls@acme.com'], // inside a word, "sa" only inside one: no
  ['u_no_prefix', 'Thiago', 'Lima', 'tl@acme.com'], // no word starts with "sa"
  ['u_inside_no_prefix', 'Luthiago', 'Lima', 'll@acme.com'], // inside a word, no "sa" word
  ['u_prefix_only', 'Sara', 'Souza', 'ss@acme.com'], // "sa" but no "thiago"
  ['u_split', 'Thia', 'Go Salas', 'tg@acme.com'], // "thia go": not the substring
];

beforeAll(() => {
  ({ store, cleanup } = storeWithDirectory((s) => {
    for (const [id, first, last, email] of PEOPLE) {
      upsertUser(
        s.writer,
        eventsContext(),
        userFromWire(wireUser(id, { first_name: first, last_name: last, email })),
        null,
      );
    }
  }));
});
afterAll(() => {
  store.close();
  cleanup();
});

/** The first page of a name-ordered search, as the Users screen asks for it. */
const firstPage = (search: string, order: 'asc' | 'desc' = 'asc'): UserListQuery => ({
  profileId: 'p1',
  search,
  sort: 'name',
  order,
  limit: 50,
});

describe('a whole word and a word prefix together', () => {
  it('finds those with the word at a word start and those with it inside a word, once each', () => {
    const search = parseUserSearch('Thiago Sa');
    expect(search?.substrings).toEqual(['thiago']);
    expect(planUserList(store.reader, { profileId: 'p1', search }, true)).toMatchObject({
      mode: 'drive',
      driver: 'search',
    });
    // The drive reads the word index and the trigram matches outside it, not their intersection.
    const { statement } = userPageQuery(store.reader, firstPage('Thiago Sa'));
    expect(statement.text).toContain('EXCEPT');
    expect(statement.text).not.toContain('INTERSECT');

    // Ana Sampaio, Thiago Sá and Thiago Santos, in the name index's order.
    const expected = queryAll<{ id: string }>(
      store.reader,
      sql`SELECT id FROM users WHERE id IN ('u_word', 'u_twice', 'u_inside') ORDER BY sort_name, id`,
    ).map((r) => r.id);
    for (const order of ['asc', 'desc'] as const) {
      const page = listUsers(store.reader, firstPage('Thiago Sa', order));
      expect(page.items.map((u) => u.id)).toEqual(order === 'asc' ? expected : [...expected].reverse());
      expect(page.total).toBe(3);
    }
  });

  it('asks the word index alone when every match of the word starts a word', () => {
    // "santos" starts a word wherever it is: no row is read or tested.
    const { statement } = userPageQuery(store.reader, firstPage('Santos Th'));
    expect(statement.text).not.toContain('EXCEPT');
    expect(statement.text).not.toContain('INTERSECT');
    const page = listUsers(store.reader, firstPage('Santos Th'));
    expect(page.items.map((u) => u.id)).toEqual(['u_word']);
    expect(page.total).toBe(1);
  });

  it('intersects the indexes when more than 1,000 users hold the word only inside a word', () => {
    // 1,001 more "Luthiago …": testing each of their rows would cost more than intersecting.
    const many = 1001;
    inTransaction(store.writer, () => {
      for (let i = 0; i < many; i++) {
        const id = `u_many_${String(i).padStart(4, '0')}`;
        const wire = wireUser(id, {
          first_name: 'Luthiago',
          last_name: i % 2 ? 'Sales' : 'Lima',
          email: `${id}@acme.com`,
        });
        upsertUser(store.writer, eventsContext(), userFromWire(wire), null);
      }
    });
    try {
      const { statement } = userPageQuery(store.reader, firstPage('Thiago Sa'));
      expect(statement.text).toContain('INTERSECT');
      const page = listUsers(store.reader, firstPage('Thiago Sa'));
      // The three above and the 500 Luthiago Sales: "1,000+" is not reached, so exact.
      expect(page.total).toBe(3 + 500);
    } finally {
      inTransaction(store.writer, () => {
        store.writer.prepare(`DELETE FROM users WHERE id LIKE 'u_many_%'`).run();
      });
    }
  });

  it('keeps the intersection when a substring is not a whole word of its own', () => {
    // "thia-go" is two tokens: the word index cannot stand in for its substring matches.
    const { statement } = userPageQuery(store.reader, firstPage('thia-go sa'));
    expect(statement.text).not.toContain('EXCEPT');
  });
});
