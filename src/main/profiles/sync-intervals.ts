/**
 * Where a profile's chosen sync intervals live: its `settings_json` (next to the active flag),
 * so no schema change is needed and a profile's settings go wherever the profile goes.
 */
import { ConsoleError } from '../../shared/api.ts';
import { SYNC_INTERVAL_LIMITS, type SyncIntervals } from '../../shared/api/sync-settings.ts';
import type { ReadableDB, WritableDB } from '../store/db-types.ts';
import { execute } from '../store/exec.ts';
import { getProfileRow } from '../store/profiles-table.ts';
import { sql } from '../store/sql.ts';

export interface ChosenIntervals {
  eventsPollSeconds?: number;
  reconcileHours?: number;
}

function settingsOf(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function within(value: unknown, limits: { min: number; max: number }): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= limits.min && value <= limits.max
    ? value
    : undefined;
}

/** The intervals stored for a profile; a missing or out-of-range value counts as not chosen. */
export function readChosenIntervals(db: ReadableDB, profileId: string): ChosenIntervals {
  const row = getProfileRow(db, profileId);
  if (!row) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
  const settings = settingsOf(row.settings_json);
  return {
    eventsPollSeconds: within(settings.eventsPollSeconds, SYNC_INTERVAL_LIMITS.eventsPollSeconds),
    reconcileHours: within(settings.reconcileHours, SYNC_INTERVAL_LIMITS.reconcileHours),
  };
}

/** Stores the given intervals (others untouched); the caller has validated them. */
export function writeChosenIntervals(db: WritableDB, profileId: string, chosen: ChosenIntervals): void {
  const row = getProfileRow(db, profileId);
  if (!row) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
  const settings = { ...settingsOf(row.settings_json) };
  if (chosen.eventsPollSeconds !== undefined) settings.eventsPollSeconds = chosen.eventsPollSeconds;
  if (chosen.reconcileHours !== undefined) settings.reconcileHours = chosen.reconcileHours;
  execute(
    db,
    sql`UPDATE profiles SET settings_json = ${JSON.stringify(settings)}, updated_at = ${new Date().toISOString()} WHERE id = ${profileId}`,
  );
}

export interface SyncIntervalsOptions {
  reader: ReadableDB;
  writer: WritableDB;
  /** What a profile polls at when nothing is chosen (the Demo polls faster). */
  defaultPollMs(profileId: string): number;
  defaultReconcileMs: number;
  /** Moves the profile's next events poll to `delayMs` from now (a no-op when not scheduling). */
  reschedule(profileId: string, delayMs: number): void;
}

/** Answers the scheduler's "how often" per profile, and lets Settings change it. */
export class SyncIntervalsService {
  constructor(private readonly options: SyncIntervalsOptions) {}

  private chosen(profileId: string): ChosenIntervals {
    try {
      return readChosenIntervals(this.options.reader, profileId);
    } catch {
      return {}; // a profile removed while its timer was pending: fall back to the defaults
    }
  }

  pollMs(profileId: string): number {
    const seconds = this.chosen(profileId).eventsPollSeconds;
    return seconds !== undefined ? seconds * 1000 : this.options.defaultPollMs(profileId);
  }

  reconcileMs(profileId: string): number {
    const hours = this.chosen(profileId).reconcileHours;
    return hours !== undefined ? hours * 3600_000 : this.options.defaultReconcileMs;
  }

  get(profileId: string): SyncIntervals {
    readChosenIntervals(this.options.reader, profileId); // not_found for an unknown profile
    return {
      profileId,
      eventsPollSeconds: Math.round(this.pollMs(profileId) / 1000),
      reconcileHours: Math.round(this.reconcileMs(profileId) / 3600_000),
      defaults: {
        eventsPollSeconds: Math.round(this.options.defaultPollMs(profileId) / 1000),
        reconcileHours: Math.round(this.options.defaultReconcileMs / 3600_000),
      },
    };
  }

  set(profileId: string, chosen: ChosenIntervals): SyncIntervals {
    const before = this.pollMs(profileId);
    writeChosenIntervals(this.options.writer, profileId, chosen);
    const after = this.pollMs(profileId);
    // A new poll interval applies now, not after the old one has run out.
    if (after !== before) this.options.reschedule(profileId, after);
    return this.get(profileId);
  }
}
