/**
 * The Users list picks its plan from bounded counts: narrow filters drive from their matches,
 * broad ones walk the sort index and test rows (search in JavaScript). Whatever the plan, the
 * pages must be exactly the matching users in sort order, without gaps or repeats, and a broad
 * search's total stops at 1,000 ("1,000+").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/main/store/exec.ts';
import { sortKey } from '../../../src/main/store/records.ts';
import { planUserList, TOTAL_CAP, DRIVE_BELOW } from '../../../src/main/store/queries/user-list-plan.ts';
import { listUsers, type UserListQuery } from '../../../src/main/store/queries/users-query.ts';
import { parseUserSearch } from '../../../src/main/store/queries/user-search.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

interface Synthetic {
  id: string;
  name: string;
  email: string;
  state: string;
  department: string;
  directory: string;
  updatedAt: string;
}

const USERS = DRIVE_BELOW + 3000;
const FIRST = ['John', 'Joan', 'Jorge', 'Mary', 'Zoë'];
const LAST = ['Smith', 'Johnson', 'García', 'Müller', 'Young'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Legal Ops'];

let store: Store;
let cleanup: () => void;
const people: Synthetic[] = [];

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  const T = '2026-01-01T00:00:00.000Z';
  const insertDirectory = store.writer.prepare(
    `INSERT INTO directories (profile_id, id, organization_id, name, type, state, created_at, updated_at, raw_json, first_seen_at, state_since)
     VALUES ('p1', ?, 'org', ?, 'okta scim v2.0', 'linked', ?, ?, '{}', ?, ?)`,
  );
  const insertUser = store.writer.prepare(
    `INSERT INTO users (profile_id, id, directory_id, idp_id, email, first_name, last_name, name, username, state,
                        custom_attributes, raw_json, created_at, updated_at, first_seen_at, state_since, sort_name, search_text)
     VALUES ('p1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)`,
  );
  inTransaction(store.writer, () => {
    for (const d of ['dir_a', 'dir_b']) insertDirectory.run(d, d, T, T, T, T);
    for (let i = 0; i < USERS; i++) {
      // Most users share a "Jo…" token (a broad search); a few hundred are inactive.
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
      const name = `${first} ${last}`;
      const email = `${sortKey(first).normalize('NFC')}.${sortKey(last).normalize('NFC')}${i}@example.com`;
      const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
      const p: Synthetic = {
        id: `u_${String(i).padStart(5, '0')}`,
        name,
        email,
        state: i % 13 === 0 ? 'inactive' : 'active',
        department,
        directory: i % 4 === 0 ? 'dir_b' : 'dir_a',
        updatedAt: new Date(Date.parse(T) + ((i * 7919) % USERS) * 60_000).toISOString(),
      };
      people.push(p);
      insertUser.run(
        p.id,
        p.directory,
        `idp_${i}`,
        email,
        first,
        last,
        name,
        email,
        p.state,
        JSON.stringify({ department }),
        T,
        p.updatedAt,
        T,
        T,
        sortKey(name),
        `${name} ${email} ${department}`,
      );
    }
  });
});
afterAll(() => {
  store.close();
  cleanup();
});

function allPages(q: Omit<UserListQuery, 'profileId' | 'limit'>): {
  ids: string[];
  firstTotal: number | null;
  capped: boolean;
} {
  const ids: string[] = [];
  let cursor: string | undefined;
  let firstTotal: number | null = null;
  let capped = false;
  let first = true;
  do {
    const page = listUsers(store.reader, { profileId: 'p1', limit: 250, ...q, cursor });
    if (first) {
      firstTotal = page.total;
      capped = page.totalCapped === true;
      first = false;
    }
    ids.push(...page.items.map((u) => u.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { ids, firstTotal, capped };
}

const byName = (a: Synthetic, b: Synthetic): number => {
  const ka = sortKey(a.name);
  const kb = sortKey(b.name);
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

describe('users list plans', () => {
  it('pages exactly the matches of a broad search and caps its total', () => {
    const expected = people.filter((p) => /\bjo/i.test(`${p.name} ${p.email}`)).sort(byName);
    expect(expected.length).toBeGreaterThan(DRIVE_BELOW);
    const got = allPages({ search: 'jo', sort: 'name', order: 'asc' });
    expect(got.ids).toEqual(expected.map((p) => p.id));
    expect(got.firstTotal).toBe(TOTAL_CAP);
    expect(got.capped).toBe(true);
  });

  it('walks the name index for a broad filter and pages exactly the matches', () => {
    expect(planUserList(store.reader, { profileId: 'p1', state: 'active' }, true).mode).toBe('walk');
    const got = allPages({ state: 'active', directoryId: 'dir_a', sort: 'name', order: 'desc' });
    expect(got.ids).toEqual(
      people
        .filter((p) => p.state === 'active' && p.directory === 'dir_a')
        .sort(byName)
        .reverse()
        .map((p) => p.id),
    );
  });

  it('drives from the matches of a narrow search and counts them exactly', () => {
    const search = parseUserSearch('zoë mül');
    expect(planUserList(store.reader, { profileId: 'p1', search }, true)).toMatchObject({
      mode: 'drive',
      driver: 'substring',
    });
    const expected = people.filter((p) => p.name === 'Zoë Müller').sort(byName);
    const got = allPages({ search: 'Zoe mul', sort: 'name', order: 'desc' });
    expect(got.ids).toEqual(expected.reverse().map((p) => p.id));
    expect(got.firstTotal).toBe(expected.length);
    expect(got.capped).toBe(false);
  });

  it("counts a drive's matches in the page's own pass: exact, capped, or none", () => {
    const drive = (input: string) =>
      planUserList(store.reader, { profileId: 'p1', search: parseUserSearch(input) }, true);
    // "mary jo": a whole word and a word prefix, driven from both indexes' intersection.
    expect(drive('mary jo').mode).toBe('drive');
    const maryJo = people.filter((p) => /\bmary\b/i.test(p.name) && /\bjo/i.test(`${p.name} ${p.email}`)).sort(byName);
    expect(maryJo.length).toBeGreaterThan(0);
    expect(maryJo.length).toBeLessThan(TOTAL_CAP);
    const exact = allPages({ search: 'mary jo', sort: 'name', order: 'asc' });
    expect(exact).toEqual({ ids: maryJo.map((p) => p.id), firstTotal: maryJo.length, capped: false });

    // More drive matches than the cap: "1,000+", and every match still paged.
    expect(drive('mary').mode).toBe('drive');
    const marys = people.filter((p) => /mary/i.test(`${p.name} ${p.email}`)).sort(byName);
    expect(marys.length).toBeGreaterThan(TOTAL_CAP);
    expect(allPages({ search: 'mary', sort: 'name', order: 'asc' })).toEqual({
      ids: marys.map((p) => p.id),
      firstTotal: TOTAL_CAP,
      capped: true,
    });

    expect(drive('zqxv').mode).toBe('drive');
    expect(allPages({ search: 'zqxv', sort: 'name', order: 'asc' })).toEqual({ ids: [], firstTotal: 0, capped: false });
  });

  const folded = (p: Synthetic): string =>
    `${p.name} ${p.email} ${p.department}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '');

  it('matches a substring inside words, driven from the trigram index or tested on each row', () => {
    // "ohnso" is inside Johnson only: no word starts with it.
    const inside = people.filter((p) => folded(p).includes('ohnso')).sort(byName);
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((p) => p.name.includes('Johnson'))).toBe(true);
    expect(allPages({ search: 'OHNSO', sort: 'name', order: 'asc' }).ids).toEqual(inside.map((p) => p.id));

    // Diacritics fold on both sides: "arci" and "arcí" both find García.
    const garcia = people.filter((p) => p.name.endsWith('García')).sort(byName);
    expect(allPages({ search: 'arci', sort: 'name', order: 'asc' }).ids).toEqual(garcia.map((p) => p.id));
    expect(allPages({ search: 'arcí', sort: 'name', order: 'asc' }).ids).toEqual(garcia.map((p) => p.id));

    // A narrower state is walked in name order; the substring is then tested on each row in
    // JavaScript.
    const search = parseUserSearch('ohn');
    const plan = planUserList(store.reader, { profileId: 'p1', state: 'inactive', search }, true);
    expect([plan.mode, plan.driver]).toEqual(['walk', null]);
    const inactive = people.filter((p) => p.state === 'inactive' && folded(p).includes('ohn')).sort(byName);
    expect(allPages({ search: 'ohn', state: 'inactive', sort: 'name', order: 'asc' }).ids).toEqual(
      inactive.map((p) => p.id),
    );

    // A word prefix (two characters) and a substring together: each index answers its part.
    const both = people.filter((p) => /\bjo/.test(folded(p)) && folded(p).includes('ller')).sort(byName);
    expect(both.length).toBeGreaterThan(0);
    expect(allPages({ search: 'jo ller', sort: 'name', order: 'asc' }).ids).toEqual(both.map((p) => p.id));
  });

  it('finds nothing for a substring no user holds, and none across two fields', () => {
    expect(allPages({ search: 'zqxv', sort: 'name', order: 'asc' }).ids).toEqual([]);
    // Two words run together occur in no text ("Smith" and "John" are apart in every user).
    expect(allPages({ search: 'smithjohn', sort: 'name', order: 'asc' }).ids).toEqual([]);
  });

  it('filters by state, directory and custom attribute with either plan', () => {
    const inactive = allPages({ state: 'inactive', sort: 'name', order: 'asc' });
    expect(inactive.ids).toEqual(
      people
        .filter((p) => p.state === 'inactive')
        .sort(byName)
        .map((p) => p.id),
    );
    // Walked from the state's name-ordered index, both ways, and with another filter on top.
    expect(planUserList(store.reader, { profileId: 'p1', state: 'inactive' }, true).mode).toBe('walk');
    expect(allPages({ state: 'inactive', sort: 'name', order: 'desc' }).ids).toEqual([...inactive.ids].reverse());
    expect(
      allPages({
        state: 'inactive',
        customAttribute: { key: 'department', value: 'Legal Ops' },
        sort: 'name',
        order: 'asc',
      }).ids,
    ).toEqual(
      people
        .filter((p) => p.state === 'inactive' && p.department === 'Legal Ops')
        .sort(byName)
        .map((p) => p.id),
    );
    const legal = allPages({
      directoryId: 'dir_b',
      customAttribute: { key: 'department', value: 'Legal Ops' },
      sort: 'name',
      order: 'asc',
    });
    expect(legal.ids).toEqual(
      people
        .filter((p) => p.directory === 'dir_b' && p.department === 'Legal Ops')
        .sort(byName)
        .map((p) => p.id),
    );
    expect(legal.firstTotal).toBe(legal.ids.length);
  });

  it('pages by updated time through its index, newest first', () => {
    expect(planUserList(store.reader, { profileId: 'p1' }, false).mode).toBe('walk');
    const got = allPages({ sort: 'updatedAt', order: 'desc' });
    const expected = [...people]
      .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1))
      .map((p) => p.id);
    expect(got.ids).toEqual(expected);
    expect(got.firstTotal).toBe(USERS);
  });

  it('uses its indexes for the page reads (no scan of every user)', () => {
    const plan = (text: string, ...params: unknown[]): string =>
      (store.reader.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(
      plan(
        `SELECT seq FROM users INDEXED BY users_by_updated WHERE profile_id = ? ORDER BY updated_at DESC, id DESC LIMIT 10`,
        'p1',
      ),
    ).toMatch(/COVERING INDEX users_by_updated/);
    expect(
      plan(
        `SELECT seq FROM users INDEXED BY users_by_email WHERE profile_id = ? AND lower(email) >= ? AND lower(email) < ?`,
        'p1',
        'a',
        'b',
      ),
    ).toMatch(/INDEX users_by_email \(profile_id=\? AND <expr>>\? AND <expr><\?\)/);
  });
});
