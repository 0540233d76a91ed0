/**
 * The queries the console's screens make, timed on the read-only connection: search as you
 * type (first page + total), keyset paging deep into Users, a diff between two sync runs, and
 * the inactive-users audit.
 */
import type { ReadableDB } from '../../src/main/store/db-types.ts';
import { queryAll } from '../../src/main/store/exec.ts';
import { diffBetween } from '../../src/main/store/queries/history-query.ts';
import { listInactiveUsers } from '../../src/main/store/queries/inactive-query.ts';
import { encodeCursor } from '../../src/main/store/queries/keyset.ts';
import { listUsers } from '../../src/main/store/queries/users-query.ts';
import { sql } from '../../src/main/store/sql.ts';
import { percentile, round, timedSync } from './stats.ts';

export interface QueryFigures {
  searchP50: number;
  searchP95: number;
  searchSamples: number;
  keysetP50: number;
  keysetP95: number;
  keysetPages: number;
  diffMs: number;
  diffRows: { memberships: number; fieldChanges: number; usersAdded: number; usersRemoved: number; truncated: boolean };
  inactiveP50: number;
  inactiveP95: number;
}

/** Search words people type: name prefixes, whole first names, email prefixes, and misses. */
export function searchTerms(db: ReadableDB, profileId: string, count: number): string[] {
  const rows = queryAll<{ first_name: string | null; last_name: string | null; email: string | null }>(
    db,
    sql`SELECT first_name, last_name, email FROM users WHERE profile_id = ${profileId}
        AND seq % 997 = 0 ORDER BY seq LIMIT ${count}`,
  );
  const terms: string[] = [];
  rows.forEach((r, i) => {
    const kind = i % 5;
    if (kind === 0 && r.last_name) terms.push(r.last_name.slice(0, 3));
    else if (kind === 1 && r.first_name) terms.push(r.first_name);
    else if (kind === 2 && r.first_name && r.last_name) terms.push(`${r.first_name} ${r.last_name.slice(0, 2)}`);
    else if (kind === 3 && r.email) terms.push(r.email.slice(0, 6));
    else terms.push(i % 2 === 0 ? 'zqxv' : 'jo');
  });
  return terms.slice(0, count);
}

export function measureQueries(
  db: ReadableDB,
  profileId: string,
  runIds: [string, string],
  samples: number,
  terms: readonly string[],
): QueryFigures {
  const search = terms.map(
    (term) => timedSync(() => listUsers(db, { profileId, search: term, sort: 'name', order: 'asc', limit: 50 })).ms,
  );

  // Keyset: walk Users by name from the top, from the middle of the alphabet, and within one
  // directory. Pages after the first carry a cursor and no total, as when scrolling.
  const keyset: number[] = [];
  const directoryId = queryAll<{ id: string }>(
    db,
    sql`SELECT id FROM directories WHERE profile_id = ${profileId} ORDER BY id LIMIT 1`,
  )[0]?.id;
  const walks: { cursor?: string; directoryId?: string }[] = [{}, { cursor: encodeCursor(['m', '']) }, { directoryId }];
  for (const walk of walks) {
    let cursor: string | null | undefined =
      walk.cursor ??
      listUsers(db, { profileId, directoryId: walk.directoryId, sort: 'name', order: 'asc', limit: 100 }).nextCursor;
    for (let i = 0; i < Math.ceil(samples / walks.length) && cursor; i++) {
      const page = timedSync(() =>
        listUsers(db, {
          profileId,
          directoryId: walk.directoryId,
          sort: 'name',
          order: 'asc',
          limit: 100,
          cursor: cursor ?? undefined,
        }),
      );
      keyset.push(page.ms);
      cursor = page.result.nextCursor;
    }
  }

  const diff = timedSync(() => diffBetween(db, profileId, { runId: runIds[0] }, { runId: runIds[1] }));

  const inactive: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(samples / 6)); i++) {
    inactive.push(timedSync(() => listInactiveUsers(db, { profileId, includeDeleted: true, limit: 100 })).ms);
  }

  return {
    searchP50: round(percentile(search, 0.5)),
    searchP95: round(percentile(search, 0.95)),
    searchSamples: search.length,
    keysetP50: round(percentile(keyset, 0.5)),
    keysetP95: round(percentile(keyset, 0.95)),
    keysetPages: keyset.length,
    diffMs: round(diff.ms),
    diffRows: {
      memberships: diff.result.memberships.length,
      fieldChanges: diff.result.fieldChanges.length,
      usersAdded: diff.result.usersAdded.length,
      usersRemoved: diff.result.usersRemoved.length,
      truncated: diff.result.truncated,
    },
    inactiveP50: round(percentile(inactive, 0.5)),
    inactiveP95: round(percentile(inactive, 0.95)),
  };
}
