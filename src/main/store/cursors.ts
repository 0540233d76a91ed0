/** The Events API cursor per profile: the last applied event id, or a start time. */
import type { ReadableDB, WritableDB } from './db-types.ts';
import { execute, queryOne } from './exec.ts';
import { sql } from './sql.ts';

export interface EventCursor {
  afterEventId: string | null;
  lastEventAt: string | null;
  /** Used until the first event arrives: events from this time on are fetched. */
  rangeStart: string | null;
  updatedAt: string;
}

export function readCursor(db: ReadableDB, profileId: string): EventCursor | null {
  const row = queryOne<{
    after_event_id: string | null;
    last_event_at: string | null;
    range_start: string | null;
    updated_at: string;
  }>(
    db,
    sql`SELECT after_event_id, last_event_at, range_start, updated_at FROM event_cursors WHERE profile_id = ${profileId}`,
  );
  if (!row) return null;
  return {
    afterEventId: row.after_event_id,
    lastEventAt: row.last_event_at,
    rangeStart: row.range_start,
    updatedAt: row.updated_at,
  };
}

export function writeCursor(db: WritableDB, profileId: string, cursor: EventCursor): void {
  execute(
    db,
    sql`INSERT INTO event_cursors (profile_id, after_event_id, last_event_at, range_start, updated_at)
        VALUES (${profileId}, ${cursor.afterEventId}, ${cursor.lastEventAt}, ${cursor.rangeStart}, ${cursor.updatedAt})
        ON CONFLICT (profile_id) DO UPDATE SET after_event_id = excluded.after_event_id,
          last_event_at = excluded.last_event_at, range_start = excluded.range_start, updated_at = excluded.updated_at`,
  );
}
