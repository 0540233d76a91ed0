/** Reads the cache back as plain sets, to compare with a source of truth. */
import { queryAll } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';

export function cacheSnapshot(store: Store, profileId: string) {
  const users = queryAll<{ raw_json: string }>(
    store.reader,
    sql`SELECT raw_json FROM users WHERE profile_id = ${profileId} ORDER BY id`,
  ).map((r) => JSON.parse(r.raw_json) as Record<string, unknown>);
  const groups = queryAll<{ raw_json: string }>(
    store.reader,
    sql`SELECT raw_json FROM groups WHERE profile_id = ${profileId} ORDER BY id`,
  ).map((r) => JSON.parse(r.raw_json) as Record<string, unknown>);
  const memberships = queryAll<{ group_id: string; user_id: string }>(
    store.reader,
    sql`SELECT group_id, user_id FROM memberships WHERE profile_id = ${profileId} ORDER BY group_id, user_id`,
  ).map((m) => `${m.group_id}|${m.user_id}`);
  const directories = queryAll<{ id: string; state: string }>(
    store.reader,
    sql`SELECT id, state FROM directories WHERE profile_id = ${profileId} ORDER BY id`,
  );
  return { users, groups, memberships, directories };
}
