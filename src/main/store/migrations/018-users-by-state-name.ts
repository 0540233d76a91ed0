/**
 * Version 18: users of one state in name order, so the
 * Users screen's state filter walks exactly its page. Walking the name index and testing each
 * row's state read ~1,250 full rows per page of `inactive` users at 1M (p95 20.8 ms), and a
 * narrow state (suspended) was read whole and sorted on every page. `users_by_state` stays for
 * the inactive audit (newest state change first).
 */
import type { Migration } from './types.ts';

export const migration018: Migration = {
  version: 18,
  name: 'users by state and name',
  up: `
CREATE INDEX users_by_state_name ON users (profile_id, state, sort_name, id);
`,
};
