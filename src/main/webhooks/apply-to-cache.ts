/**
 * Applying a verified `dsync.*` delivery to the cache, through the sync engine's own event
 * applier (idempotent by event id, safe against late and out-of-order events), recorded in
 * the change log with source `webhook`. The receiver is not tied to a profile, so the event
 * goes to every profile whose cache holds its directory; events about directories no profile
 * knows are skipped (a full sync brings those in).
 */
import type { ApplyPreview } from '../../shared/api/webhooks.ts';
import { jsonTextDepth, MAX_JSON_DEPTH, tooDeepMessage } from '../../shared/json-depth.ts';
import { summarizeEvent } from './event-summary.ts';
import { applyEvent, eventTime, type EventOutcome, type IncomingEvent } from '../sync/apply-event.ts';
import type { WritableDB } from '../store/db-types.ts';
import { inTransaction, queryAll } from '../store/exec.ts';
import type { JsonObject } from '../store/records.ts';
import { sql } from '../store/sql.ts';

export interface CacheApplication {
  readonly profileId: string;
  /** `paused`: the profile's sync is paused, so its cache holds still; events sync applies it on resume. */
  readonly outcome: EventOutcome | 'paused';
}

export interface WebhookApplyOptions {
  readonly now?: () => number;
  /** Profiles whose cache holds still (sync paused): the delivery stays in the inbox only. */
  readonly isPaused?: (profileId: string) => boolean;
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

/** Directory-level events: their `data` is the directory itself. */
const DIRECTORY_EVENTS = new Set(['dsync.activated', 'dsync.deactivated', 'dsync.deleted']);

function directoryOf(event: IncomingEvent): string | null {
  const d = event.data;
  if (DIRECTORY_EVENTS.has(event.event)) return typeof d.id === 'string' ? d.id : null;
  if (typeof d.directory_id === 'string') return d.directory_id;
  const user = d.user as JsonObject | undefined;
  return typeof user?.directory_id === 'string' ? user.directory_id : null;
}

function profilesHolding(db: WritableDB, directoryId: string): string[] {
  return queryAll<{ profile_id: string }>(
    db,
    sql`SELECT DISTINCT profile_id FROM directories WHERE id = ${directoryId}`,
  ).map((r) => r.profile_id);
}

interface ChangeRow {
  entity_type: CacheChangePreview['entityType'];
  entity_id: string;
  kind: CacheChangePreview['kind'];
  field: string | null;
  before_json: string | null;
  after_json: string | null;
}

type CacheChangePreview = ApplyPreview['profiles'][number]['changes'][number];
const PREVIEW_LIMIT = 500;

/** Thrown to roll the dry run back; never escapes. */
class DryRunRollback extends Error {}

/**
 * A dry run: applies the event inside a transaction, reads the change-log rows it produced,
 * and rolls everything back. What the workbench shows as "what applying it would change".
 */
export function previewWebhookApply(db: WritableDB, bodyText: string, now: () => number = Date.now): ApplyPreview {
  if (jsonTextDepth(bodyText, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return { event: null, profiles: [], note: `${tooDeepMessage()}: nothing to apply.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText.replace(/^\uFEFF/, ''));
  } catch {
    return { event: null, profiles: [], note: 'The body is not JSON.' };
  }
  const summary = summarizeEvent(parsed);
  const event = asDsyncEvent(parsed);
  if (!event) return { event: summary, profiles: [], note: 'Not a dsync.* event: nothing to apply.' };
  const directoryId = directoryOf(event);
  const profiles = directoryId === null ? [] : profilesHolding(db, directoryId);
  if (profiles.length === 0) {
    return {
      event: summary,
      profiles: [],
      note: `No profile's cache holds directory ${directoryId ?? '(none)'}: a full sync brings it in.`,
    };
  }
  const results = profiles.map((profileId) => {
    let outcome: EventOutcome = 'ignored';
    let rows: ChangeRow[] = [];
    try {
      inTransaction(db, () => {
        const before = queryAll<{ seq: number | null }>(db, sql`SELECT MAX(seq) AS seq FROM changes`)[0]?.seq ?? 0;
        const at = eventTime(event.created_at, new Date(now()).toISOString());
        outcome = applyEvent(
          db,
          { profileId, at, source: 'webhook', runId: null, eventId: event.id, baseline: false },
          event,
        );
        rows = queryAll<ChangeRow>(
          db,
          sql`SELECT entity_type, entity_id, kind, field, before_json, after_json FROM changes
              WHERE seq > ${before} AND profile_id = ${profileId} ORDER BY seq LIMIT ${PREVIEW_LIMIT + 1}`,
        );
        throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    return {
      profileId,
      outcome,
      truncated: rows.length > PREVIEW_LIMIT,
      changes: rows.slice(0, PREVIEW_LIMIT).map((r) => ({
        entityType: r.entity_type,
        entityId: r.entity_id,
        kind: r.kind,
        field: r.field,
        before: r.before_json,
        after: r.after_json,
      })),
    };
  });
  return { event: summary, profiles: results, note: null };
}

/**
 * Parses the verified body and applies it; returns one outcome per profile it reached. A
 * profile whose sync is paused is left as it is: pausing holds its cache still (someone is
 * comparing moments), and the Events API brings the change in once sync resumes, since a
 * webhook never moves the events cursor.
 */
export function applyWebhookToCache(
  db: WritableDB,
  body: Uint8Array,
  { now = Date.now, isPaused = () => false }: WebhookApplyOptions = {},
): CacheApplication[] {
  const text = Buffer.from(body).toString('utf8');
  // The store re-serialises what it applies; a body deeper than that can recurse is not applied.
  if (jsonTextDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
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
  return profiles.map(({ profile_id: profileId }): CacheApplication => {
    if (isPaused(profileId)) return { profileId, outcome: 'paused' };
    const at = eventTime(event.created_at, new Date(now()).toISOString());
    const outcome = inTransaction(db, () =>
      applyEvent(db, { profileId, at, source: 'webhook', runId: null, eventId: event.id, baseline: false }, event),
    );
    return { profileId, outcome };
  });
}
