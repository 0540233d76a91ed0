/**
 * The queries the console's screens make, timed on the read-only connection: search as you
 * type (first page + total), keyset paging deep into Users (unfiltered and with each filter
 * and sort the screen offers), a diff between two sync runs as the Changes screen asks for it
 * (whole counts, the first 500 entries per list), and the inactive-users audit.
 */
import type { ReadableDB } from '../../src/main/store/db-types.ts';
import { queryAll } from '../../src/main/store/exec.ts';
import { diffBetween } from '../../src/main/store/queries/history-query.ts';
import { listInactiveUsers } from '../../src/main/store/queries/inactive-query.ts';
import { encodeCursor } from '../../src/main/store/queries/keyset.ts';
import { listUsers, type UserListQuery } from '../../src/main/store/queries/users-query.ts';
import { sql } from '../../src/main/store/sql.ts';
import { percentile, round, timedSync } from './stats.ts';

export interface QueryFigures {
  searchP50: number;
  searchP95: number;
  searchSamples: number;
  /** The substring terms alone (also among the search terms above): p50 / p95 ms. */
  substringP50: number;
  substringP95: number;
  substringSamples: number;
  keysetP50: number;
  keysetP95: number;
  keysetPages: number;
  /** Per walk (filter / sort): p50 / p95 ms and pages. */
  keysetByWalk: Record<string, { p50: number; p95: number; pages: number }>;
  /** A sampled user's full email typed whole: p50 / p95 ms, and whether only that email's users came back. */
  emailSearchP50: number;
  emailSearchP95: number;
  emailSearchExact: boolean;
  diffMs: number;
  diffRows: { memberships: number; fieldChanges: number; usersAdded: number; usersRemoved: number; truncated: boolean };
  /** Net changes in the interval, as counted by the diff. */
  diffCounts: Record<string, number> | null;
  inactiveP50: number;
  inactiveP95: number;
}

/**
 * Search words people type: name prefixes, whole first names, email prefixes, misses, and
 * substrings that start inside a word (the middle of a last name, "derso" for Anderson, and a
 * fragment from the middle of an email that spans its punctuation).
 */
export function searchTerms(db: ReadableDB, profileId: string, count: number): string[] {
  const rows = queryAll<{ first_name: string | null; last_name: string | null; email: string | null }>(
    db,
    sql`SELECT first_name, last_name, email FROM users WHERE profile_id = ${profileId}
        AND seq % 997 = 0 ORDER BY seq LIMIT ${count}`,
  );
  const terms: string[] = [];
  rows.forEach((r, i) => {
    const kind = i % 7;
    if (kind === 0 && r.last_name) terms.push(r.last_name.slice(0, 3));
    else if (kind === 1 && r.first_name) terms.push(r.first_name);
    else if (kind === 2 && r.first_name && r.last_name) terms.push(`${r.first_name} ${r.last_name.slice(0, 2)}`);
    else if (kind === 3 && r.email) terms.push(r.email.slice(0, 6));
    else if (kind === 5 || kind === 6) {
      const substring = substringTerm(r, i);
      if (substring) terms.push(substring);
    } else terms.push(i % 2 === 0 ? 'zqxv' : 'jo');
  });
  return terms.slice(0, count);
}

/** A substring that starts inside a word: of the last name, or across an email's punctuation. */
function substringTerm(r: { last_name: string | null; email: string | null }, i: number): string | null {
  if (i % 2 === 0 && r.last_name && r.last_name.length >= 5) return r.last_name.slice(1, 6).toLowerCase();
  const at = r.email?.indexOf('@') ?? -1;
  if (r.email && at > 3) return r.email.slice(2, Math.min(r.email.length, at + 4));
  return r.last_name && r.last_name.length >= 4 ? r.last_name.slice(1).toLowerCase() : null;
}

/** Only the substring terms of `searchTerms` (its rows), for a figure of their own. */
export function substringTerms(db: ReadableDB, profileId: string, count: number): string[] {
  const rows = queryAll<{ last_name: string | null; email: string | null }>(
    db,
    sql`SELECT last_name, email FROM users WHERE profile_id = ${profileId}
        AND seq % 997 = 0 ORDER BY seq LIMIT ${count}`,
  );
  return rows.flatMap((r, i) => substringTerm(r, i) ?? []).slice(0, count);
}

export function measureQueries(
  db: ReadableDB,
  profileId: string,
  runIds: [string, string],
  samples: number,
  terms: readonly string[],
  substrings: readonly string[] = [],
): QueryFigures {
  const searchMs = (term: string): number =>
    timedSync(() => listUsers(db, { profileId, search: term, sort: 'name', order: 'asc', limit: 50 })).ms;
  const search = terms.map(searchMs);
  const substring = substrings.map(searchMs);

  // Keyset: walk Users from the top, from the middle of the alphabet, within one directory,
  // and with each filter / sort the Users screen offers. Pages after the first carry a cursor
  // and no total, as when scrolling.
  const keyset: number[] = [];
  const keysetByWalk: QueryFigures['keysetByWalk'] = {};
  const directoryId = queryAll<{ id: string }>(
    db,
    sql`SELECT id FROM directories WHERE profile_id = ${profileId} ORDER BY id LIMIT 1`,
  )[0]?.id;
  const groupId = queryAll<{ group_id: string }>(
    db,
    sql`SELECT group_id FROM memberships WHERE profile_id = ${profileId} LIMIT 1`,
  )[0]?.group_id;
  type Walk = Omit<UserListQuery, 'profileId' | 'limit' | 'sort' | 'order'> & {
    name: string;
    sort?: UserListQuery['sort'];
    order?: UserListQuery['order'];
  };
  const walks: Walk[] = [
    { name: 'all, by name' },
    { name: 'all, from "m"', cursor: encodeCursor(['m', '']) },
    { name: 'one directory', directoryId },
    { name: 'state inactive', state: 'inactive' },
    { name: 'one group', groupId },
    { name: 'custom attribute', customAttribute: { key: 'department', value: 'Engineering' } },
    { name: 'all, by updated desc', sort: 'updatedAt', order: 'desc' },
  ];
  const pagesPerWalk = Math.max(3, Math.ceil(samples / walks.length));
  for (const walk of walks) {
    const { name, ...filters } = walk;
    const base = { profileId, sort: 'name' as const, order: 'asc' as const, limit: 100, ...filters };
    let cursor: string | null | undefined = walk.cursor ?? listUsers(db, { ...base }).nextCursor;
    const times: number[] = [];
    for (let i = 0; i < pagesPerWalk && cursor; i++) {
      const page = timedSync(() => listUsers(db, { ...base, cursor: cursor ?? undefined }));
      times.push(page.ms);
      cursor = page.result.nextCursor;
    }
    keyset.push(...times);
    keysetByWalk[name] = {
      p50: round(percentile(times, 0.5)),
      p95: round(percentile(times, 0.95)),
      pages: times.length,
    };
  }

  // Full emails typed whole (issue 5): only users with exactly that email may come back.
  const emails = queryAll<{ email: string }>(
    db,
    sql`SELECT email FROM users WHERE profile_id = ${profileId} AND email IS NOT NULL AND seq % 1009 = 0
        ORDER BY seq LIMIT ${Math.max(5, Math.round(samples / 6))}`,
  ).map((r) => r.email);
  let emailSearchExact = true;
  const emailTimes = emails.map((email) => {
    const found = timedSync(() => listUsers(db, { profileId, search: email, sort: 'name', order: 'asc', limit: 50 }));
    const hits = found.result.items;
    if (hits.length === 0 || hits.some((u) => !(u.email ?? '').toLowerCase().startsWith(email.toLowerCase())))
      emailSearchExact = false;
    return found.ms;
  });

  const diff = timedSync(() => diffBetween(db, profileId, { runId: runIds[0] }, { runId: runIds[1] }, undefined, 500));

  const inactive: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(samples / 6)); i++) {
    inactive.push(timedSync(() => listInactiveUsers(db, { profileId, includeDeleted: true, limit: 100 })).ms);
  }

  return {
    searchP50: round(percentile(search, 0.5)),
    searchP95: round(percentile(search, 0.95)),
    searchSamples: search.length,
    substringP50: round(percentile(substring, 0.5)),
    substringP95: round(percentile(substring, 0.95)),
    substringSamples: substring.length,
    keysetP50: round(percentile(keyset, 0.5)),
    keysetP95: round(percentile(keyset, 0.95)),
    keysetPages: keyset.length,
    keysetByWalk,
    emailSearchP50: round(percentile(emailTimes, 0.5)),
    emailSearchP95: round(percentile(emailTimes, 0.95)),
    emailSearchExact,
    diffMs: round(diff.ms),
    diffRows: {
      memberships: diff.result.memberships.length,
      fieldChanges: diff.result.fieldChanges.length,
      usersAdded: diff.result.usersAdded.length,
      usersRemoved: diff.result.usersRemoved.length,
      truncated: diff.result.truncated,
    },
    diffCounts: diff.result.counts ?? null,
    inactiveP50: round(percentile(inactive, 0.5)),
    inactiveP95: round(percentile(inactive, 0.95)),
  };
}
