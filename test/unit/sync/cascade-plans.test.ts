/**
 * Deleting a group makes SQLite find its memberships for ON DELETE CASCADE, through a plan it
 * picks itself. A plan that ranges over the primary key on `profile_id` alone reads every
 * membership of the profile per deletion (1.8 s each on a 200k-user cache), so the lookup must
 * be by index on the deleted group's id. Users have no such key since migration 12 (removeUser
 * deletes their memberships first), so deleting one must not look at memberships at all. No
 * statistics in a fresh cache, as in a real one that was never analysed.
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
  it('deletes a user without reading memberships (no foreign key from them)', () => {
    expect(membershipLookup('DELETE FROM users WHERE seq = 1')).toBe('(no memberships step)');
  });

  it('finds a deleted group’s memberships by group id', () => {
    expect(membershipLookup('DELETE FROM groups WHERE seq = 1')).toMatch(/\(profile_id=\? AND group_id=\?\)/);
  });
});
