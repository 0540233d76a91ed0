/** Hot queries must use their indexes (EXPLAIN QUERY PLAN), so they stay fast on big caches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupIdsOfUserQuery } from '../../../src/main/store/entity-reads.ts';
import { groupsPageQuery } from '../../../src/main/store/queries/groups-query.ts';
import { groupNamesHeldQuery } from '../../../src/main/store/queries/inactive-query.ts';
import { userGroupsQuery } from '../../../src/main/store/queries/users-query.ts';
import type { SqlFragment } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { storeWithProfile, tempDir } from './helpers.ts';

let store: Store;
let cleanup: () => void;
beforeAll(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
});
afterAll(() => {
  store.close();
  cleanup();
});

function plan(sqlText: string, ...params: unknown[]): string {
  const rows = store.reader.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

/** The plan of a production query builder's statement. */
function planOf(q: SqlFragment): string {
  return plan(q.text, ...q.params);
}

describe('query plans', () => {
  it('pages a directory’s users by name through its index', () => {
    expect(
      plan(
        `SELECT * FROM users u WHERE u.profile_id = ? AND u.directory_id = ? AND (u.sort_name, u.id) > (?, ?) ORDER BY u.sort_name, u.id LIMIT 101`,
        'p',
        'd',
        'a',
        'b',
      ),
    ).toMatch(/USING INDEX users_by_directory_name/);
  });

  it('reads the change feed by time through its index', () => {
    expect(
      plan(`SELECT * FROM changes WHERE profile_id = ? AND at >= ? ORDER BY at DESC, seq DESC LIMIT 101`, 'p', 't'),
    ).toMatch(/USING INDEX changes_by_time/);
  });

  it('builds a user timeline from the entity and user indexes', () => {
    const timeline = plan(
      `SELECT * FROM changes WHERE seq IN (SELECT seq FROM changes WHERE profile_id = ? AND entity_id = ?
           AND entity_type <> 'membership'
         UNION SELECT seq FROM changes WHERE profile_id = ? AND user_id = ?) ORDER BY at DESC, seq DESC LIMIT 101`,
      'p',
      'u',
      'p',
      'u',
    );
    expect(timeline).toMatch(/changes_by_entity/);
    expect(timeline).toMatch(/changes_by_user/);
  });

  it('finds a deleted user’s state changes through the partial entity index (no membership rows in it)', () => {
    expect(
      plan(
        `SELECT max(c.at) FROM changes c WHERE c.profile_id = ? AND c.entity_id = ? AND c.entity_type <> 'membership'
           AND c.kind = 'state_changed'`,
        'p',
        'u',
      ),
    ).toMatch(/USING INDEX changes_by_entity/);
  });

  it('finds inactive users through the state index, not a scan of every user', () => {
    expect(plan(`SELECT id FROM users u WHERE u.profile_id = ? AND u.state IN ('inactive', 'suspended')`, 'p')).toMatch(
      /USING (COVERING )?INDEX users_by_state/,
    );
  });

  it('counts users per directory and state from an index', () => {
    expect(
      plan(
        `SELECT directory_id, state = 'active', count(*) FROM users WHERE profile_id = ? GROUP BY directory_id, state = 'active'`,
        'p',
      ),
    ).toMatch(/COVERING INDEX users_by_directory_state/);
  });

  it('finds one user’s memberships with one seek in the user’s own directory, not one per directory', () => {
    // removeUser (every dsync.user.deleted) reads them with this query.
    const removal = planOf(groupIdsOfUserQuery('p', { id: 'u', directoryId: 'd' }));
    expect(removal).toBe(
      'SEARCH m USING COVERING INDEX memberships_by_directory_user (profile_id=? AND directory_id=? AND user_id=?)',
    );
    // The detail page and the groups filter know the user by id: its row gives the directory.
    for (const q of [userGroupsQuery('p', 'u'), groupsPageQuery({ profileId: 'p', userId: 'u', limit: 10 })]) {
      const p = planOf(q);
      expect(
        p.match(/memberships_by_directory_user \(profile_id=\? AND directory_id=\? AND user_id=\?\)/g),
      ).toHaveLength(1);
      expect(p).toMatch(/SEARCH u USING INDEX sqlite_autoindex_users_1 \(profile_id=\? AND id=\?\)/);
      // Not the directories of the profile (the per-directory loop), nor a walk of memberships.
      expect(p).not.toMatch(/(SCAN|SEARCH) d USING [A-Z ]+\(profile_id=\?\)|SCAN d\b|SCAN m\b/);
    }
  });

  it('finds a page of inactive users’ groups with one seek per user in its directory', () => {
    const users = [
      { id: 'u1', directoryId: 'd1' },
      { id: 'u2', directoryId: 'd1' },
      { id: 'u3', directoryId: 'd2' },
    ];
    const p = planOf(groupNamesHeldQuery('p', users));
    expect(p).toMatch(
      /^SEARCH m USING COVERING INDEX memberships_by_directory_user \(profile_id=\? AND directory_id=\? AND user_id=\?\) \| LIST SUBQUERY \d+ \| SCAN 3-ROW VALUES CLAUSE/,
    );
    expect(p).not.toMatch(/ d USING|SCAN d\b|SCAN m\b/);
  });
});
