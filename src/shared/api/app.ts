/** The shell's own methods: app info, profiles, health summary. */
import { z } from 'zod';
import { method, noInput } from './define.ts';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string(),
  node: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A team-server profile: where its data comes from and who this machine is signed in as. */
export const teamConnectionSchema = z.object({
  serverUrl: z.string(),
  signedIn: z.boolean(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(['viewer', 'operator', 'admin']).nullable(),
  /** The server's profile this one shows (its active profile at sign-in), once signed in. */
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  /** Why the connection is not usable (signed out, session ended, server unreachable). */
  message: z.string().nullable(),
});
export type TeamConnection = z.infer<typeof teamConnectionSchema>;

export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['demo', 'workos', 'team-server']),
  apiBaseUrl: z.string(),
  /** Never the key itself: `sk_live_…4f2a`, or null when no key is stored. */
  maskedKey: z.string().nullable(),
  isDemo: z.boolean(),
  active: z.boolean(),
  /** Only for kind `team-server`. */
  team: teamConnectionSchema.optional(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const healthVerdictSchema = z.enum(['healthy', 'warning', 'critical', 'unknown']);
export type HealthVerdict = z.infer<typeof healthVerdictSchema>;

export const healthSummarySchema = z.object({
  directories: z.number().int().nonnegative(),
  byVerdict: z.record(healthVerdictSchema, z.number().int().nonnegative()),
  users: z.number().int().nonnegative(),
  groups: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  source: z.enum(['cache', 'none']),
});
export type HealthSummary = z.infer<typeof healthSummarySchema>;

export const appMethods = {
  getAppInfo: method(noInput, appInfoSchema, { role: 'viewer', local: true, query: { reads: [] } }),
  listProfiles: method(noInput, z.array(profileSummarySchema), {
    role: 'viewer',
    local: true,
    query: { reads: ['profiles'] },
  }),
  getHealthSummary: method(z.object({ profileId: z.string().min(1).optional() }), healthSummarySchema, {
    role: 'viewer',
    query: { reads: ['directories', 'users', 'groups', 'sync_runs'], worker: true },
  }),
};

export const syncProgressSchema = z.object({
  profileId: z.string(),
  runId: z.string().nullable(),
  phase: z.enum([
    'idle',
    'directories',
    'groups',
    'users',
    'memberships',
    'events',
    'applying',
    'done',
    'failed',
    'cancelled',
  ]),
  directoryId: z.string().nullable(),
  pages: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  totalItems: z.number().int().nonnegative().nullable(),
  rateLimitWaitMs: z.number().nonnegative(),
  etaMs: z.number().nonnegative().nullable(),
  message: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** Which cached tables a write touched, so the renderer refreshes exactly those queries. */
export const dataChangedSchema = z.object({
  profileId: z.string(),
  tables: z.array(z.string()),
});
export type DataChanged = z.infer<typeof dataChangedSchema>;

export const appEvents = {
  syncProgress: syncProgressSchema,
  dataChanged: dataChangedSchema,
};
