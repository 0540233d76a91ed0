/**
 * What the `directories` command adds to the directory summaries: organization names, and
 * the directories' ids and names for resolving `--directory <id or name>`.
 */
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import { sql } from '../sql.ts';

export interface DirectoryName {
  id: string;
  name: string;
}

export function directoryNamesOf(db: ReadableDB, profileId: string): DirectoryName[] {
  return queryAll<DirectoryName>(
    db,
    sql`SELECT id, name FROM directories WHERE profile_id = ${profileId} ORDER BY name, id`,
  );
}

/** Organization names as far as the cache knows them (null names are left out). */
export function organizationNamesOf(db: ReadableDB, profileId: string): Map<string, string> {
  return new Map(
    queryAll<{ id: string; name: string }>(
      db,
      sql`SELECT id, name FROM organizations WHERE profile_id = ${profileId} AND name IS NOT NULL`,
    ).map((r) => [r.id, r.name]),
  );
}

/**
 * When the profile's events were last read successfully. The Events API is read once for all
 * of a profile's directories, so this time is the same for each of them.
 */
export function lastEventsSyncAt(db: ReadableDB, profileId: string): string | null {
  return (
    queryOne<{ at: string | null }>(
      db,
      sql`SELECT max(finished_at) AS at FROM sync_runs
          WHERE profile_id = ${profileId} AND kind = 'events' AND status IN ('succeeded', 'partial')`,
    )?.at ?? null
  );
}
