/**
 * Deleting a user or group makes SQLite find its memberships for ON DELETE CASCADE, through a
 * plan it picks itself. A plan that ranges over the primary key on `profile_id` alone reads
 * every membership of the profile per deletion (1.8 s each on a 200k-user cache), so the
 * lookup must be by index on the deleted entity's id. No statistics in a fresh cache, as in a
 * real one that was never analysed.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/main/store/store.ts';
import { freshStoreEachTest } from '../store/helpers.ts';

let store: Store;
freshStoreEachTest((s) => {
  store = s;
});

function membershipLookup(statement: string): string {
  const rows = store.writer.prepare(`EXPLAIN QUERY PLAN ${statement}`).all() as { detail: string }[];
  return rows.map((r) => r.detail).find((d) => d.includes('memberships')) ?? '(no memberships step)';
}

describe('foreign-key cascades into memberships', () => {
  it('finds a deleted user’s memberships by user id', () => {
    expect(membershipLookup('DELETE FROM users WHERE seq = 1')).toMatch(
      /memberships USING COVERING INDEX memberships_by_user \(profile_id=\? AND user_id=\?\)/,
    );
  });

  it('finds a deleted group’s memberships by group id', () => {
    expect(membershipLookup('DELETE FROM groups WHERE seq = 1')).toMatch(/\(profile_id=\? AND group_id=\?\)/);
  });
});
