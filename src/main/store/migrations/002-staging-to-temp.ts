/**
 * Version 2: staged pages move to per-connection TEMP tables (see staging.ts). Staging needs
 * no durability — a crash discards it anyway — and writing it to the main file cost one
 * fsync per fetched page under synchronous=FULL.
 */
import type { Migration } from './types.ts';

export const migration002: Migration = {
  version: 2,
  name: 'staging moves to temp tables',
  up: `
DROP TABLE stage_users;
DROP TABLE stage_groups;
DROP TABLE stage_memberships;
`,
};
