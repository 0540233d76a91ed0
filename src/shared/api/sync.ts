/**
 * The cache and sync slice of the contract: profiles (keys never leave the core), sync
 * control and history, and the query API the UI reads — keyset-paginated lists, details,
 * health, diffs between two moments, point-in-time membership, timelines, inactive users.
 */
import { z } from 'zod';
import { method, noInput, type CacheTable } from './define.ts';
import { healthVerdictSchema, profileSummarySchema } from './app.ts';
import { USER_STATES } from '../user-states.ts';

const profileId = z.string().min(1);
/** ISO-8601 instant, e.g. 2026-11-01T00:00:00Z. */
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date-time');
const pageInput = {
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
};
const jsonRecord = z.record(z.string(), z.unknown());

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().nonnegative().nullable(),
    /** `total` is a lower bound: counting stopped there (shown as "1,000+"). */
    totalCapped: z.boolean().optional(),
  });
}

// ── profiles ────────────────────────────────────────────────────────────────────────────
export const profileStatusSchema = z.object({
  profileId: z.string(),
  status: z.enum(['unknown', 'ok', 'invalid_key', 'forbidden', 'unreachable', 'error']),
  message: z.string().nullable(),
  keySource: z.enum(['os', 'file', 'env', 'demo', 'none']),
  keyWarning: z.string().nullable(),
});
export type ProfileStatus = z.infer<typeof profileStatusSchema>;

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  status: profileStatusSchema.shape.status,
  message: z.string(),
  directories: z.number().int().nonnegative().nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

const apiBaseUrl = z.url({ protocol: /^https?$/ });
/** Where a new profile points unless told otherwise: WorkOS's production API. */
export const DEFAULT_API_BASE_URL = 'https://api.workos.com';
const apiKey = z.string().regex(/^sk_[A-Za-z0-9_]+$/, 'a WorkOS API key starts with sk_');

// ── directories, users, groups ──────────────────────────────────────────────────────────
export const directorySummarySchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  type: z.string(),
  state: z.string(),
  stateSince: z.string(),
  domain: z.string().nullable(),
  users: z.number().int().nonnegative(),
  activeUsers: z.number().int().nonnegative(),
  inactiveUsers: z.number().int().nonnegative(),
  groups: z.number().int().nonnegative(),
  lastFullSyncAt: z.string().nullable(),
  lastSyncStatus: z.string().nullable(),
  lastSyncError: z.string().nullable(),
  membershipStrategy: z.string().nullable(),
  verdict: healthVerdictSchema,
  /** Each reason for the verdict as a sentence (timestamps as ISO strings). */
  reasons: z.array(z.string()),
  /** What to do about the reasons, one sentence each. */
  advice: z.array(z.string()),
  /** The last moment the cache holds true data for: the last successful full sync, never later than the moment the directory broke. */
  dataAsOf: z.string().nullable(),
  changesLast24h: z.number().int().nonnegative(),
});
export type DirectorySummary = z.infer<typeof directorySummarySchema>;

export const userSummarySchema = z.object({
  id: z.string(),
  directoryId: z.string(),
  directoryName: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  username: z.string().nullable(),
  idpId: z.string(),
  state: z.string(),
  stateSince: z.string(),
  /** False when the console first saw the user already in this state (the time is an estimate). */
  stateSinceObserved: z.boolean(),
  customAttributes: jsonRecord,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** With a search: the field it matched ("name", "email", "manager email", …). */
  matchedField: z.string().optional(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const tombstoneSchema = z.object({
  entityType: z.enum(['directory', 'user', 'group']),
  entityId: z.string(),
  directoryId: z.string(),
  removedAt: z.string(),
  reason: z.string(),
  source: z.string(),
  restoredAt: z.string().nullable(),
  lastRecord: jsonRecord,
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

export const groupRefSchema = z.object({ id: z.string(), name: z.string() });

export const userDetailSchema = z.object({
  user: userSummarySchema.nullable(),
  raw: jsonRecord.nullable(),
  groups: z.array(groupRefSchema),
  firstSeenAt: z.string().nullable(),
  /** Set when the user is gone from WorkOS: the last known record and when/why it vanished. */
  tombstone: tombstoneSchema.nullable(),
  /** Records with the same email (case-insensitive) in the profile's other directories. */
  sameEmail: z
    .array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        email: z.string().nullable(),
        state: z.string(),
        directoryId: z.string(),
        directoryName: z.string(),
      }),
    )
    .optional(),
});
export type UserDetail = z.infer<typeof userDetailSchema>;

export const groupSummarySchema = z.object({
  id: z.string(),
  directoryId: z.string(),
  directoryName: z.string(),
  name: z.string(),
  idpId: z.string(),
  members: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupDetailSchema = z.object({
  group: groupSummarySchema.nullable(),
  raw: jsonRecord.nullable(),
  firstSeenAt: z.string().nullable(),
  tombstone: tombstoneSchema.nullable(),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

// ── history ─────────────────────────────────────────────────────────────────────────────
/** An entity named in history: its current name, else its last known one (then `deleted`). */
export const historyRefSchema = z.object({
  id: z.string(),
  /** Null when the cache never held a record of it (only the id is known). */
  name: z.string().nullable(),
  deleted: z.boolean(),
});
export type HistoryRef = z.infer<typeof historyRefSchema>;

/** One field of a grouped history entry; `alsoAs` names the fields WorkOS mirrors it into. */
export const changedFieldSchema = z.object({
  field: z.string().nullable(),
  kind: z.enum(['changed', 'state_changed']),
  before: z.unknown(),
  after: z.unknown(),
  alsoAs: z.array(z.string()),
});
export type ChangedField = z.infer<typeof changedFieldSchema>;

export const changeSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  entityType: z.enum(['directory', 'user', 'group', 'membership']),
  entityId: z.string(),
  directoryId: z.string(),
  kind: z.enum(['added', 'removed', 'changed', 'state_changed']),
  field: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  groupId: z.string().nullable(),
  userId: z.string().nullable(),
  source: z.enum(['full_sync', 'events', 'webhook']),
  runId: z.string().nullable(),
  eventId: z.string().nullable(),
  /** Part of the first snapshot of a directory (where its history starts), not a change. */
  baseline: z.boolean(),
  /** Names, when the answer resolves them: the entity (not for memberships), its user and group, its directory. */
  entity: historyRefSchema.nullable().optional(),
  user: historyRefSchema.nullable().optional(),
  group: historyRefSchema.nullable().optional(),
  directory: historyRefSchema.optional(),
  /** Timelines: the fields one sync or event changed on the entity, as one entry. */
  fields: z.array(changedFieldSchema).optional(),
});
export type Change = z.infer<typeof changeSchema>;

const userRefSchema = z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() });

export const diffSchema = z.object({
  from: z.string(),
  to: z.string(),
  memberships: z.array(
    z.object({
      groupId: z.string(),
      groupName: z.string(),
      directoryId: z.string(),
      directoryName: z.string().optional(),
      groupDeleted: z.boolean().optional(),
      added: z.array(userRefSchema),
      removed: z.array(userRefSchema),
    }),
  ),
  usersAdded: z.array(userRefSchema),
  usersRemoved: z.array(userRefSchema),
  groupsAdded: z.array(groupRefSchema),
  groupsRemoved: z.array(groupRefSchema),
  /** Net attribute and state changes: first `before` and last `after` within the interval. */
  fieldChanges: z.array(
    z.object({
      entityType: z.enum(['directory', 'user', 'group']),
      entityId: z.string(),
      name: z.string(),
      field: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      /** The same change WorkOS mirrors into these fields too (e.g. `custom_attributes.job_title`). */
      alsoAs: z.array(z.string()).optional(),
    }),
  ),
  truncated: z.boolean(),
  /** Net changes of each kind in the whole interval, also when the lists stop at `limit`. */
  counts: z
    .object({
      membershipsAdded: z.number().int().nonnegative(),
      membershipsRemoved: z.number().int().nonnegative(),
      groupsWithMembershipChanges: z.number().int().nonnegative(),
      usersAdded: z.number().int().nonnegative(),
      usersRemoved: z.number().int().nonnegative(),
      groupsAdded: z.number().int().nonnegative(),
      groupsRemoved: z.number().int().nonnegative(),
      fieldChanges: z.number().int().nonnegative(),
    })
    .optional(),
});
export type Diff = z.infer<typeof diffSchema>;

const moment = z.union([z.object({ at: instant }), z.object({ runId: z.string().min(1) })]);

const memberAtSchema = userRefSchema.extend({
  state: z.string().nullable(),
  directoryId: z.string().nullable(),
  directoryName: z.string().nullable(),
  /** Gone from WorkOS since: name, email and state are from its last known record. */
  deleted: z.boolean(),
});
export type MemberAt = z.infer<typeof memberAtSchema>;

export const membersAtSchema = z.object({
  groupId: z.string(),
  at: z.string(),
  /** History for this group starts here; asking about an earlier time has no answer. */
  knownFrom: z.string().nullable(),
  /** The group's newest membership change (null: none logged since its history began). */
  lastChangeAt: z.string().nullable(),
  /** In name order; the first `limit` when the input sets one (`counts` stays whole). */
  members: z.array(memberAtSchema),
  /** With `compareWithNow`: who joined and who left between `at` and now. */
  joinedSince: z.array(memberAtSchema).optional(),
  leftSince: z.array(memberAtSchema).optional(),
  /** How many each list holds in full, also when it stops at `limit`. */
  counts: z.object({
    members: z.number().int().nonnegative(),
    joinedSince: z.number().int().nonnegative().optional(),
    leftSince: z.number().int().nonnegative().optional(),
  }),
});
export type MembersAt = z.infer<typeof membersAtSchema>;

export const inactiveUserSchema = z.object({
  id: z.string(),
  directoryId: z.string(),
  directoryName: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  status: z.enum(['inactive', 'deleted']),
  inactiveSince: z.string(),
  inactiveSinceObserved: z.boolean(),
  deletedAt: z.string().nullable(),
  groups: z.array(z.string()),
});
export type InactiveUser = z.infer<typeof inactiveUserSchema>;

// ── sync control ────────────────────────────────────────────────────────────────────────
export const syncRunSchema = z.object({
  id: z.string(),
  kind: z.enum(['full', 'events', 'reconcile']),
  status: z.enum(['running', 'succeeded', 'partial', 'failed', 'cancelled']),
  reason: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  requests: z.number().int().nonnegative(),
  rateLimitWaitMs: z.number().nonnegative(),
  retries: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  error: z.string().nullable(),
  /** Directories whose history this run wrote to, with the change rows it logged in each (first snapshots excluded). */
  directories: z
    .array(z.object({ id: z.string(), name: z.string().nullable(), changes: z.number().int().nonnegative() }))
    .optional(),
  /** E.g. records WorkOS returned for a directory that belong to another one (ignored). */
  warnings: z.array(z.string()),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

/** The newest stretch of history with changes, to open the Changes screen on. */
export const latestChangesSchema = z.object({
  /** Null when nothing has changed since the first snapshots. */
  interval: z
    .object({
      from: z.string(),
      to: z.string(),
      /** The sync run that logged the newest change (null: a webhook or an unknown run). */
      run: syncRunSchema.nullable(),
      /** How the newest change arrived. */
      source: z.enum(['full_sync', 'events', 'webhook']),
      lastChangeAt: z.string(),
    })
    .nullable(),
});
export type LatestChanges = z.infer<typeof latestChangesSchema>;

export const syncStatusSchema = z.object({
  profileId: z.string(),
  running: z.enum(['full', 'events', 'reconcile']).nullable(),
  paused: z.boolean(),
  lastRun: syncRunSchema.nullable(),
  lastFullSyncAt: z.string().nullable(),
  nextEventsPollAt: z.string().nullable(),
  nextReconcileAt: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** Tables behind the cache's read methods (a `dataChanged` naming one refreshes them). */
const entityTables = ['users', 'groups', 'memberships', 'tombstones', 'directories'] as const;
const historyTables = ['changes', 'users', 'groups', 'tombstones'] as const;
const directoryTables = ['directories', 'organizations', 'users', 'groups', 'sync_runs', 'changes'] as const;
/** A read-only query the query worker answers (see core/query-worker). */
const inWorker = (reads: readonly CacheTable[]) => ({ role: 'viewer', query: { reads, worker: true } }) as const;

export const syncMethods = {
  createProfile: method(
    z.object({
      name: z.string().trim().min(1).max(80),
      apiBaseUrl: apiBaseUrl.default(DEFAULT_API_BASE_URL),
      apiKey,
    }),
    profileSummarySchema,
    { role: 'admin', local: true },
  ),
  updateProfile: method(
    z.object({
      profileId,
      name: z.string().trim().min(1).max(80).optional(),
      apiBaseUrl: apiBaseUrl.optional(),
      apiKey: apiKey.optional(),
    }),
    profileSummarySchema,
    { role: 'admin', local: true },
  ),
  deleteProfile: method(z.object({ profileId }), z.object({ deleted: z.boolean() }), { role: 'admin', local: true }),
  setActiveProfile: method(z.object({ profileId }), profileSummarySchema, { role: 'admin', local: true }),
  getProfileStatus: method(z.object({ profileId }), profileStatusSchema, {
    role: 'viewer',
    local: true,
    query: { reads: ['profiles', 'sync_runs'] },
  }),
  /** Every profile's status at once (Settings lists them; one call however many profiles). */
  listProfileStatuses: method(noInput, z.array(profileStatusSchema), {
    role: 'viewer',
    local: true,
    query: { reads: ['profiles', 'sync_runs'] },
  }),
  testConnection: method(z.union([z.object({ profileId }), z.object({ apiBaseUrl, apiKey })]), connectionTestSchema, {
    role: 'admin',
    local: true,
  }),

  startSync: method(
    z.object({
      profileId,
      kind: z.enum(['auto', 'full', 'events']).default('auto'),
      directoryId: z.string().min(1).optional(),
    }),
    z.object({ started: z.boolean(), message: z.string() }),
    { role: 'operator' },
  ),
  cancelSync: method(z.object({ profileId }), z.object({ cancelled: z.boolean() }), { role: 'operator' }),
  pauseSync: method(z.object({ profileId }), syncStatusSchema, { role: 'operator' }),
  resumeSync: method(z.object({ profileId }), syncStatusSchema, { role: 'operator' }),
  getSyncStatus: method(z.object({ profileId }), syncStatusSchema, {
    role: 'viewer',
    query: { reads: ['sync_runs', 'profiles'] },
  }),
  listSyncRuns: method(
    z.object({ profileId, limit: z.number().int().min(1).max(500).default(50) }),
    z.array(syncRunSchema),
    { role: 'viewer', query: { reads: ['sync_runs', 'changes', 'directories'] } },
  ),

  listDirectories: method(
    z.object({ profileId, search: z.string().max(200).optional() }),
    z.array(directorySummarySchema),
    inWorker(directoryTables),
  ),
  getDirectory: method(
    z.object({ profileId, directoryId: z.string().min(1) }),
    z.object({ directory: directorySummarySchema.nullable(), tombstone: tombstoneSchema.nullable() }),
    inWorker([...directoryTables, 'tombstones']),
  ),
  listUsers: method(
    z.object({
      profileId,
      directoryId: z.string().min(1).optional(),
      groupId: z.string().min(1).optional(),
      state: z.enum(USER_STATES).optional(),
      search: z.string().max(200).optional(),
      customAttribute: z.object({ key: z.string().min(1).max(200), value: z.string().max(500) }).optional(),
      sort: z.enum(['name', 'updatedAt']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...pageInput,
    }),
    pageOf(userSummarySchema),
    inWorker(entityTables),
  ),
  getUser: method(z.object({ profileId, userId: z.string().min(1) }), userDetailSchema, inWorker(entityTables)),
  listGroups: method(
    z.object({
      profileId,
      directoryId: z.string().min(1).optional(),
      userId: z.string().min(1).optional(),
      search: z.string().max(200).optional(),
      ...pageInput,
    }),
    pageOf(groupSummarySchema),
    inWorker(entityTables),
  ),
  getGroup: method(z.object({ profileId, groupId: z.string().min(1) }), groupDetailSchema, inWorker(entityTables)),
  listChanges: method(
    z.object({
      profileId,
      since: instant.optional(),
      until: instant.optional(),
      directoryId: z.string().min(1).optional(),
      entityType: z.enum(['directory', 'user', 'group', 'membership']).optional(),
      includeBaseline: z.boolean().default(false),
      ...pageInput,
    }),
    pageOf(changeSchema),
    inWorker(historyTables),
  ),
  getDiff: method(
    z.object({
      profileId,
      from: moment,
      to: moment,
      directoryId: z.string().min(1).optional(),
      /** At most this many entries per list (memberships, users, groups, fields); counts stay whole. */
      limit: z.number().int().min(1).max(200_000).optional(),
    }),
    diffSchema,
    inWorker(historyTables),
  ),
  getGroupMembersAt: method(
    z.object({
      profileId,
      groupId: z.string().min(1),
      /** Omitted: a useful default (just before the group's last membership change, or 24 h ago). */
      at: instant.optional(),
      compareWithNow: z.boolean().default(false),
      /** At most this many members per list (the table's rows); omitted: all (an export). */
      limit: z.number().int().min(1).max(200_000).optional(),
    }),
    membersAtSchema,
    inWorker(historyTables),
  ),
  getLatestChanges: method(
    z.object({ profileId, directoryId: z.string().min(1).optional() }),
    latestChangesSchema,
    inWorker([...historyTables, 'sync_runs', 'directories']),
  ),
  getUserTimeline: method(
    z.object({ profileId, userId: z.string().min(1), ...pageInput }),
    pageOf(changeSchema),
    inWorker(historyTables),
  ),
  getGroupTimeline: method(
    z.object({ profileId, groupId: z.string().min(1), ...pageInput }),
    pageOf(changeSchema),
    inWorker(historyTables),
  ),
  listInactiveUsers: method(
    z.object({
      profileId,
      directoryId: z.string().min(1).optional(),
      groupId: z.string().min(1).optional(),
      /** Only users inactive (or deleted) since at least this long ago… */
      inactiveBefore: instant.optional(),
      /** …or since this time or later. */
      inactiveAfter: instant.optional(),
      includeDeleted: z.boolean().default(true),
      ...pageInput,
    }),
    pageOf(inactiveUserSchema),
    inWorker(entityTables),
  ),
};
