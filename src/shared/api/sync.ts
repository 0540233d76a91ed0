/**
 * The cache and sync slice of the contract: profiles (keys never leave the core), sync
 * control and history, and the query API the UI reads — keyset-paginated lists, details,
 * health, diffs between two moments, point-in-time membership, timelines, inactive users.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { healthVerdictSchema, profileSummarySchema } from './app.ts';

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

export const membersAtSchema = z.object({
  groupId: z.string(),
  at: z.string(),
  /** History for this group starts here; asking about an earlier time has no answer. */
  knownFrom: z.string().nullable(),
  members: z.array(userRefSchema),
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
});
export type SyncRun = z.infer<typeof syncRunSchema>;

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

export const syncMethods = {
  createProfile: method(
    z.object({
      name: z.string().trim().min(1).max(80),
      apiBaseUrl: apiBaseUrl.default('https://api.workos.com'),
      apiKey,
    }),
    profileSummarySchema,
  ),
  updateProfile: method(
    z.object({
      profileId,
      name: z.string().trim().min(1).max(80).optional(),
      apiBaseUrl: apiBaseUrl.optional(),
      apiKey: apiKey.optional(),
    }),
    profileSummarySchema,
  ),
  deleteProfile: method(z.object({ profileId }), z.object({ deleted: z.boolean() })),
  setActiveProfile: method(z.object({ profileId }), profileSummarySchema),
  getProfileStatus: method(z.object({ profileId }), profileStatusSchema),
  testConnection: method(z.union([z.object({ profileId }), z.object({ apiBaseUrl, apiKey })]), connectionTestSchema),

  startSync: method(
    z.object({
      profileId,
      kind: z.enum(['auto', 'full', 'events']).default('auto'),
      directoryId: z.string().min(1).optional(),
    }),
    z.object({ started: z.boolean(), message: z.string() }),
  ),
  cancelSync: method(z.object({ profileId }), z.object({ cancelled: z.boolean() })),
  pauseSync: method(z.object({ profileId }), syncStatusSchema),
  resumeSync: method(z.object({ profileId }), syncStatusSchema),
  getSyncStatus: method(z.object({ profileId }), syncStatusSchema),
  listSyncRuns: method(
    z.object({ profileId, limit: z.number().int().min(1).max(500).default(50) }),
    z.array(syncRunSchema),
  ),

  listDirectories: method(
    z.object({ profileId, search: z.string().max(200).optional() }),
    z.array(directorySummarySchema),
  ),
  getDirectory: method(
    z.object({ profileId, directoryId: z.string().min(1) }),
    z.object({ directory: directorySummarySchema.nullable(), tombstone: tombstoneSchema.nullable() }),
  ),
  listUsers: method(
    z.object({
      profileId,
      directoryId: z.string().min(1).optional(),
      groupId: z.string().min(1).optional(),
      state: z.enum(['active', 'inactive', 'suspended']).optional(),
      search: z.string().max(200).optional(),
      customAttribute: z.object({ key: z.string().min(1).max(200), value: z.string().max(500) }).optional(),
      sort: z.enum(['name', 'updatedAt']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...pageInput,
    }),
    pageOf(userSummarySchema),
  ),
  getUser: method(z.object({ profileId, userId: z.string().min(1) }), userDetailSchema),
  listGroups: method(
    z.object({
      profileId,
      directoryId: z.string().min(1).optional(),
      userId: z.string().min(1).optional(),
      search: z.string().max(200).optional(),
      ...pageInput,
    }),
    pageOf(groupSummarySchema),
  ),
  getGroup: method(z.object({ profileId, groupId: z.string().min(1) }), groupDetailSchema),
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
  ),
  getGroupMembersAt: method(z.object({ profileId, groupId: z.string().min(1), at: instant }), membersAtSchema),
  getUserTimeline: method(z.object({ profileId, userId: z.string().min(1), ...pageInput }), pageOf(changeSchema)),
  getGroupTimeline: method(z.object({ profileId, groupId: z.string().min(1), ...pageInput }), pageOf(changeSchema)),
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
  ),
};

export const syncEvents = {};
