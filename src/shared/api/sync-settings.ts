/**
 * Per-profile sync intervals: how often the Events API is polled and how often a full
 * reconcile runs. Stored with the profile; the scheduler applies a change at once.
 */
import { z } from 'zod';
import { method } from './define.ts';

/** Bounds people can choose from, and why: */
export const SYNC_INTERVAL_LIMITS = {
  /** Under 10 s a poll would mostly find nothing and spend rate-limit budget; over a day the cache goes stale. */
  eventsPollSeconds: { min: 10, max: 86_400 },
  /** WorkOS keeps events 30 days: a reconcile at least that often closes any gap the events left. */
  reconcileHours: { min: 1, max: 720 },
} as const;

const eventsPollSeconds = z
  .number()
  .int('The events poll interval is a whole number of seconds.')
  .min(SYNC_INTERVAL_LIMITS.eventsPollSeconds.min, 'Poll events at most every 10 seconds.')
  .max(SYNC_INTERVAL_LIMITS.eventsPollSeconds.max, 'Poll events at least once a day (86,400 seconds).');

const reconcileHours = z
  .number()
  .int('The reconcile interval is a whole number of hours.')
  .min(SYNC_INTERVAL_LIMITS.reconcileHours.min, 'Reconcile at most once an hour.')
  .max(
    SYNC_INTERVAL_LIMITS.reconcileHours.max,
    'Reconcile at least every 30 days (720 hours): WorkOS keeps events only that long.',
  );

export const syncIntervalsSchema = z.object({
  profileId: z.string(),
  eventsPollSeconds,
  reconcileHours,
  /** What the profile uses when nothing is chosen (the Demo polls faster). */
  defaults: z.object({ eventsPollSeconds, reconcileHours }),
});
export type SyncIntervals = z.infer<typeof syncIntervalsSchema>;

const profileId = z.string().min(1);

export const syncSettingsMethods = {
  getSyncIntervals: method(z.object({ profileId }), syncIntervalsSchema, {
    role: 'viewer',
    query: { reads: ['profiles'] },
  }),
  setSyncIntervals: method(
    z.object({ profileId, eventsPollSeconds: eventsPollSeconds.optional(), reconcileHours: reconcileHours.optional() }),
    syncIntervalsSchema,
    { role: 'admin' },
  ),
};
