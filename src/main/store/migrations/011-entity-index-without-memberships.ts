/**
 * Version 11: `changes_by_entity` stops indexing membership rows. Their entity id is
 * `<group>:<user>`, and nothing looks changes up by it (a user's or group's timeline reads
 * membership rows through `changes_by_user` / `changes_by_group`), yet each one was the widest
 * entry of the log's indexes at a random position — one more random page write per membership
 * added or removed. Queries by entity id say `entity_type <> 'membership'` so the planner can
 * use the partial index (a query must repeat its condition).
 */
import type { Migration } from './types.ts';

export const migration011: Migration = {
  version: 11,
  name: 'entity index without membership rows',
  up: `
DROP INDEX IF EXISTS changes_by_entity;
CREATE INDEX changes_by_entity ON changes (profile_id, entity_id, at) WHERE entity_type <> 'membership';
`,
};
