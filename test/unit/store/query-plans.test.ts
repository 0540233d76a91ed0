/**
 * Hot queries must use their indexes (EXPLAIN QUERY PLAN), so they stay fast on big caches. Every
 * plan here is of the statement the production code builds (its builder is exported for this),
 * never of SQL copied into the test: a change to a query changes what is checked. The cache is
 * seeded past the list planner's thresholds, so both of its modes (a walk of the sort order and
 * a drive from a filter's own index) are checked where a filter can take either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { groupIdsOfUserQuery } from '../../../src/main/store/entity-reads.ts';
import { execute, inTransaction } from '../../../src/main/store/exec.ts';
import { upsertGroup } from '../../../src/main/store/group-writes.ts';
import { changesPageQuery, userTimelineSeqs } from '../../../src/main/store/queries/changes-query.ts';
import { intervalNetQuery } from '../../../src/main/store/queries/diff-query.ts';
import { groupsPageQuery } from '../../../src/main/store/queries/groups-query.ts';
import { groupNamesHeldQuery, inactivePageQuery } from '../../../src/main/store/queries/inactive-query.ts';
import { userGroupsQuery, userPageQuery, type UserListQuery } from '../../../src/main/store/queries/users-query.ts';
import { directoryFromWire, groupFromWire } from '../../../src/main/store/records.ts';
import { sql, type SqlFragment } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { eventsContext, storeWithProfile, tempDir, wireDirectory, wireGroup } from './helpers.ts';

let store: Store;
let cleanup: () => void;

/** Users past every drive threshold of the list planner (DRIVE_BELOW 4,000, groups 8,000). */
const USERS = 9000;

/**
 * 9,000 users over two directories: 4,500 inactive (a broad state), 30 suspended (a narrow one),
 * every one in group `g_big`, every 100th in `g_small`; department Engineering for all but every
 * 100th (Sales).
 */
function seed(): void {
  const ctx = eventsContext();
  inTransaction(store.writer, () => {
    for (const d of ['directory_1', 'directory_2'])
      upsertDirectory(store.writer, ctx, directoryFromWire(wireDirectory(d)));
    upsertGroup(store.writer, ctx, groupFromWire(wireGroup('g_big')));
    upsertGroup(store.writer, ctx, groupFromWire(wireGroup('g_small')));
    execute(
      store.writer,
      sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${USERS})
          INSERT INTO users (profile_id, id, directory_id, idp_id, email, first_name, last_name, state, custom_attributes,
                             raw_json, created_at, updated_at, first_seen_at, state_since, sort_name, search_text)
          SELECT 'p1', 'u' || i, 'directory_' || (1 + i % 2), 'idp' || i, 'user' || i || '@acme.com', 'First' || (i % 50),
                 'Last' || i, CASE WHEN i % 300 = 7 THEN 'suspended' WHEN i % 2 = 0 THEN 'inactive' ELSE 'active' END,
                 json_object('department', CASE WHEN i % 100 = 0 THEN 'Sales' ELSE 'Engineering' END),
                 '{}', '2026-01-01', printf('2026-01-%02d', 1 + i % 28), '2026-01-01', printf('2026-01-%02d', 1 + i % 28),
                 'last' || i, 'first' || (i % 50) || ' last' || i || ' user' || i || '@acme.com '
                   || CASE WHEN i % 100 = 0 THEN 'sales' ELSE 'engineering' END
          FROM n`,
    );
    execute(
      store.writer,
      sql`INSERT INTO memberships (profile_id, group_id, user_id, directory_id, since)
          SELECT 'p1', 'g_big', id, directory_id, '2026-01-01' FROM users
          UNION ALL SELECT 'p1', 'g_small', id, directory_id, '2026-01-01' FROM users WHERE seq % 100 = 0`,
    );
  });
}

beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  seed();
});
afterAll(() => {
  store.close();
  cleanup();
});

/** The plan of a production builder's statement, one step per `|`. */
function planOf(q: SqlFragment): string {
  const rows = store.reader.prepare(`EXPLAIN QUERY PLAN ${q.text}`).all(...q.params) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

/** A full read of every user (a table scan, not an index walk or seek). */
const FULL_USER_SCAN = /SCAN (u|u2|users)( |$)(?!USING)|SCAN (u|u2|users)$/;

/**
 * The part of a page's plan that picks its limit + 1 users (before the outer query re-reads and
 * orders those few rows): a walk must not sort there, or it would read its whole budget.
 */
const innerPart = (plan: string): string => plan.split(' | SCAN page')[0]!;

const page = (over: Partial<UserListQuery>): UserListQuery => ({
  profileId: 'p1',
  sort: 'name',
  order: 'asc',
  limit: 100,
  ...over,
});

/** The first page and a page after a cursor, both as `listUsers` would run them. */
function userPagePlans(over: Partial<UserListQuery>, forceDrive = false): { mode: string; plan: string }[] {
  return [undefined, Buffer.from(JSON.stringify(['m', 'u5000'])).toString('base64url')].map((cursor) => {
    const built = userPageQuery(store.reader, page({ ...over, cursor }), forceDrive);
    return { mode: built.mode, plan: planOf(built.statement) };
  });
}

describe('query plans of the Users screen’s keyset pages', () => {
  it('walks the name index for all users, and the directory’s name index for one directory', () => {
    for (const { mode, plan } of userPagePlans({})) {
      expect(mode).toBe('walk');
      expect(plan).toMatch(
        /SEARCH users USING (COVERING )?INDEX users_by_name \(profile_id=\?( AND \(sort_name,id\)>\(\?,\?\))?\)/,
      );
      expect(innerPart(plan)).not.toMatch(/TEMP B-TREE|users_fts/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    for (const { mode, plan } of userPagePlans({ directoryId: 'directory_1' })) {
      expect(mode).toBe('walk');
      expect(plan).toMatch(
        /SEARCH users USING (COVERING )?INDEX users_by_directory_name \(profile_id=\? AND directory_id=\?/,
      );
      expect(innerPart(plan)).not.toMatch(/TEMP B-TREE/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
  });

  it('walks the state’s own name-ordered index for a state, broad or narrow', () => {
    for (const state of ['suspended', 'inactive']) {
      for (const { mode, plan } of userPagePlans({ state })) {
        expect(mode).toBe('walk');
        // Index-only: the walk reads the page's entries of that state and nothing else.
        expect(plan).toMatch(
          /SEARCH users USING COVERING INDEX users_by_state_name \(profile_id=\? AND state=\?( AND \(sort_name,id\)>\(\?,\?\))?\)/,
        );
        expect(innerPart(plan)).not.toMatch(/TEMP B-TREE/);
        expect(plan).not.toMatch(FULL_USER_SCAN);
      }
    }
    // With a directory, the directory's indexes serve (its users are few).
    for (const { plan } of userPagePlans({ state: 'inactive', directoryId: 'directory_1' })) {
      expect(plan).toMatch(/users_by_directory_(name|state) \(profile_id=\? AND directory_id=\?/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    // After a walk that read its budget, the state's seqs can still drive.
    for (const { plan } of userPagePlans({ state: 'inactive' }, true)) {
      expect(plan).toMatch(/users_by_state \(profile_id=\? AND state=\?\)/);
    }
  });

  it('filters a group’s members from the membership primary key, small or large', () => {
    for (const { mode, plan } of userPagePlans({ groupId: 'g_small' })) {
      expect(mode).toBe('drive');
      expect(plan).toMatch(/SEARCH m USING PRIMARY KEY \(profile_id=\? AND group_id=\?\)/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    for (const { mode, plan } of userPagePlans({ groupId: 'g_big' })) {
      expect(mode).toBe('walk');
      // Each walked index entry is tested by one probe of the pair's primary key.
      expect(plan).toMatch(/SEARCH m EXISTS USING PRIMARY KEY \(profile_id=\? AND group_id=\? AND user_id=\?\)/);
      expect(innerPart(plan)).not.toMatch(/TEMP B-TREE/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
  });

  it('filters by a custom attribute from the full-text index, or walks when the value is common', () => {
    for (const { mode, plan } of userPagePlans({ customAttribute: { key: 'department', value: 'Sales' } })) {
      expect(mode).toBe('drive');
      expect(plan).toMatch(/SCAN users_fts VIRTUAL TABLE INDEX/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    for (const { mode, plan } of userPagePlans({ customAttribute: { key: 'department', value: 'Engineering' } })) {
      expect(mode).toBe('walk');
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
  });

  it('sorts by last update through its index', () => {
    for (const { plan } of userPagePlans({ sort: 'updatedAt', order: 'desc' })) {
      expect(plan).toMatch(/users_by_updated/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
  });

  it('finds a substring from the trigram index, index-only, and intersects it with word prefixes', () => {
    // "ast12" starts inside the word last12…: only the trigram index can answer it.
    for (const { mode, plan } of userPagePlans({ search: 'ast12' })) {
      expect(mode).toBe('drive');
      expect(plan).toMatch(/SCAN users_trigram_fts VIRTUAL TABLE INDEX/);
      expect(plan).toMatch(/USING (COVERING )?INDEX users_sort_keys_by_seq/);
      expect(plan).not.toMatch(/users_fts VIRTUAL/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    // A two-character word prefix with it: the word index answers both where the substring
    // starts a word; the trigram matches outside those are the only rows read (by seq).
    for (const { mode, plan } of userPagePlans({ search: 'ast12 us' })) {
      expect(mode).toBe('drive');
      expect(plan).toMatch(/SCAN users_trigram_fts VIRTUAL TABLE INDEX/);
      expect(plan).toMatch(/SCAN users_fts VIRTUAL TABLE INDEX/);
      expect(plan).toMatch(/EXCEPT/);
      expect(plan).not.toMatch(/INTERSECT/);
      expect(plan).toMatch(/SEARCH u USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    // A substring shorter than a word the word index could stand in for: both indexes,
    // intersected before any row.
    for (const { mode, plan } of userPagePlans({ search: 'st1 us' })) {
      expect(mode).toBe('drive');
      expect(plan).toMatch(/INTERSECT/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
    // With a narrower state, its name-ordered index is walked and the substring is tested on
    // that state's rows.
    for (const { mode, plan } of userPagePlans({ search: 'ast12', state: 'suspended' })) {
      expect(mode).toBe('walk');
      expect(plan).toMatch(/users_by_state_name \(profile_id=\? AND state=\?/);
      expect(plan).not.toMatch(/users_trigram_fts/);
      expect(plan).not.toMatch(FULL_USER_SCAN);
    }
  });

  it('searches as you type without reading every user', () => {
    // Whatever the search's internals, no term reads the users table in full.
    for (const search of ['first1', 'last12', 'first1 la', 'user77@', 'zqxv', 'eng', 'ser77@acm', 'irst1 la']) {
      for (const { plan } of userPagePlans({ search })) expect(plan).not.toMatch(FULL_USER_SCAN);
    }
  });
});

describe('query plans of the other hot reads', () => {
  it('reads the inactive audit’s first page from the state index, newest first, without a sort', () => {
    for (const q of [
      { profileId: 'p1', includeDeleted: true, limit: 100 },
      { profileId: 'p1', directoryId: 'directory_2', includeDeleted: false, limit: 100 },
    ]) {
      const plan = planOf(inactivePageQuery(store.reader, q));
      expect(plan).toMatch(
        /SEARCH u USING INDEX users_by_(directory_)?state \(profile_id=\? AND (directory_id=\? AND )?state=\?\)/,
      );
      expect(plan).not.toMatch(FULL_USER_SCAN);
      expect(plan).not.toMatch(/SCAN m\b|SCAN c\b|SCAN changes\b/);
    }
  });

  it('finds a page of inactive users’ groups with one seek per user in its directory', () => {
    const users = [
      { id: 'u1', directoryId: 'directory_2' },
      { id: 'u2', directoryId: 'directory_1' },
      { id: 'u3', directoryId: 'directory_2' },
    ];
    const plan = planOf(groupNamesHeldQuery('p1', users));
    expect(plan).toMatch(
      /^SEARCH m USING COVERING INDEX memberships_by_directory_user \(profile_id=\? AND directory_id=\? AND user_id=\?\) \| LIST SUBQUERY \d+ \| SCAN 3-ROW VALUES CLAUSE/,
    );
    expect(plan).not.toMatch(/ d USING|SCAN d\b|SCAN m\b/);
  });

  it('finds one user’s memberships with one seek in the user’s own directory, not one per directory', () => {
    // removeUser (every dsync.user.deleted) reads them with this query.
    expect(planOf(groupIdsOfUserQuery('p1', { id: 'u1', directoryId: 'directory_2' }))).toBe(
      'SEARCH m USING COVERING INDEX memberships_by_directory_user (profile_id=? AND directory_id=? AND user_id=?)',
    );
    // The detail page and the groups filter know the user by id: its row gives the directory.
    for (const q of [userGroupsQuery('p1', 'u1'), groupsPageQuery({ profileId: 'p1', userId: 'u1', limit: 10 })]) {
      const plan = planOf(q);
      expect(
        plan.match(/memberships_by_directory_user \(profile_id=\? AND directory_id=\? AND user_id=\?\)/g),
      ).toHaveLength(1);
      expect(plan).toMatch(/SEARCH u USING INDEX sqlite_autoindex_users_1 \(profile_id=\? AND id=\?\)/);
      // Not the directories of the profile (the per-directory loop), nor a walk of memberships.
      expect(plan).not.toMatch(/(SCAN|SEARCH) d USING [A-Z ]+\(profile_id=\?\)|SCAN d\b|SCAN m\b/);
    }
  });

  it('builds a user timeline from the entity and user indexes of the change log', () => {
    const plan = planOf(changesPageQuery([sql`seq IN (${userTimelineSeqs('p1', 'u1')})`], undefined, 100));
    expect(plan).toMatch(/SEARCH changes USING INDEX changes_by_entity \(profile_id=\? AND entity_id=\?\)/);
    expect(plan).toMatch(/SEARCH changes USING (COVERING )?INDEX changes_by_user \(profile_id=\? AND user_id=\?\)/);
    expect(plan).not.toMatch(/SCAN changes\b(?! USING)/);
  });

  it('reads the changes between two runs from the time index (or the directory’s), not the whole log', () => {
    for (const directoryId of [undefined, 'directory_1']) {
      const plan = planOf(intervalNetQuery('p1', '2026-01-01', '2026-01-02', directoryId));
      expect(plan).toMatch(
        directoryId
          ? /SEARCH changes USING INDEX changes_by_(directory|time) \(profile_id=\? AND (directory_id=\? AND )?at>\? AND at<\?\)/
          : /SEARCH changes USING INDEX changes_by_time \(profile_id=\? AND at>\? AND at<\?\)/,
      );
      expect(plan).not.toMatch(/SCAN changes\b(?! USING)/);
    }
  });
});
