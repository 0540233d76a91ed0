/**
 * The read-only query methods answered by the query worker. Each reads the cache only; some
 * take hundreds of milliseconds on a 1M-user cache (counts, searches, diffs), and better-sqlite3
 * is synchronous, so on the core's thread one of them held every other request (the next page's
 * HTML, the event stream, a click) until it finished.
 */
import type { MethodName } from '../../../shared/api.ts';

export const OFFLOADED_METHODS = [
  'getHealthSummary',
  'listDirectories',
  'getDirectory',
  'listUsers',
  'getUser',
  'listGroups',
  'getGroup',
  'listChanges',
  'getDiff',
  'getGroupMembersAt',
  'getUserTimeline',
  'getGroupTimeline',
  'getLatestChanges',
  'listInactiveUsers',
] as const satisfies readonly MethodName[];

export type OffloadedMethod = (typeof OFFLOADED_METHODS)[number];
