/**
 * Applying a verified `dsync.*` delivery to the cache, through the sync engine's own event
 * applier (idempotent by event id, safe against late and out-of-order events), recorded in
 * the change log with source `webhook`. The receiver is not tied to a profile, so the event
 * goes to every profile whose cache holds its directory; events about directories no profile
 * knows are skipped (a full sync brings those in).
 */
import { applyEvent, eventTime, type EventOutcome, type IncomingEvent } from '../sync/apply-event.ts';
import type { WritableDB } from '../store/db-types.ts';
import { inTransaction, queryAll } from '../store/exec.ts';
import type { JsonObject } from '../store/records.ts';
import { sql } from '../store/sql.ts';

export interface CacheApplication {
  readonly profileId: string;
  readonly outcome: EventOutcome;
}

function asDsyncEvent(value: unknown): IncomingEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.event !== 'string' || !v.event.startsWith('dsync.')) return null;
  if (typeof v.data !== 'object' || v.data === null || Array.isArray(v.data)) return null;
  return {
    id: v.id,
    event: v.event,
    data: v.data as JsonObject,
    created_at: typeof v.created_at === 'string' ? v.created_at : '',
  };
}

function directoryOf(event: IncomingEvent): string | null {
  const d = event.data;
  if (event.event === 'dsync.activated' || event.event === 'dsync.deleted')
    return typeof d.id === 'string' ? d.id : null;
  if (typeof d.directory_id === 'string') return d.directory_id;
  const user = d.user as JsonObject | undefined;
  return typeof user?.directory_id === 'string' ? user.directory_id : null;
}

/** Parses the verified body and applies it; returns one outcome per profile it reached. */
export function applyWebhookToCache(
  db: WritableDB,
  body: Uint8Array,
  now: () => number = Date.now,
): CacheApplication[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return [];
  }
  const event = asDsyncEvent(parsed);
  if (!event) return [];
  const directoryId = directoryOf(event);
  if (directoryId === null) return [];
  const profiles = queryAll<{ profile_id: string }>(
    db,
    sql`SELECT DISTINCT profile_id FROM directories WHERE id = ${directoryId}`,
  );
  return profiles.map(({ profile_id: profileId }) => {
    const at = eventTime(event.created_at, new Date(now()).toISOString());
    const outcome = inTransaction(db, () =>
      applyEvent(db, { profileId, at, source: 'webhook', runId: null, eventId: event.id, baseline: false }, event),
    );
    return { profileId, outcome };
  });
}
