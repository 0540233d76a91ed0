/**
 * Questions about the past, answered from the change log: what changed between two moments
 * (or two sync runs), and who was in a group at a given time.
 */
import { ConsoleError } from '../../../shared/api/define.ts';
import type { Diff, MembersAt } from '../../../shared/api/sync.ts';
import type { ReadableDB } from '../db-types.ts';
import { queryAll, queryOne } from '../exec.ts';
import type { ChangeRow } from '../rows.ts';
import { sql } from '../sql.ts';
import { normaliseInstant, notMembershipRow } from './changes-query.ts';
import { netDiff } from './diff-query.ts';
import { directoriesById, usersById } from './name-batch.ts';

export type Moment = { at: string } | { runId: string };

export function resolveMoment(db: ReadableDB, profileId: string, moment: Moment): string {
  if ('at' in moment) return normaliseInstant(moment.at);
  const run = queryOne<{ started_at: string; finished_at: string | null }>(
    db,
    sql`SELECT started_at, finished_at FROM sync_runs WHERE profile_id = ${profileId} AND id = ${moment.runId}`,
  );
  if (!run) throw new ConsoleError('not_found', `There is no sync run ${moment.runId} for this profile.`);
  return run.finished_at ?? run.started_at;
}

/** Net changes between two moments (or sync runs); see diff-query.ts. */
export function diffBetween(
  db: ReadableDB,
  profileId: string,
  fromMoment: Moment,
  toMoment: Moment,
  directoryId?: string,
  limit?: number,
): Diff {
  let from = resolveMoment(db, profileId, fromMoment);
  let to = resolveMoment(db, profileId, toMoment);
  if (from > to) [from, to] = [to, from];
  return netDiff(db, profileId, { from, to }, directoryId, limit);
}

/** Members at `at` (user ids), or null before the group's history begins. */
function memberIdsAt(db: ReadableDB, profileId: string, groupId: string, at: string): Set<string> {
  const members = new Set<string>();
  // Pairs that began after `at` are not members then, logged or not (`since`).
  const now = queryAll<{ user_id: string }>(
    db,
    sql`SELECT user_id FROM memberships WHERE profile_id = ${profileId} AND group_id = ${groupId} AND since <= ${at}`,
  );
  for (const m of now) members.add(m.user_id);
  const later = queryAll<Pick<ChangeRow, 'user_id' | 'kind'>>(
    db,
    sql`SELECT user_id, kind FROM changes
        WHERE profile_id = ${profileId} AND group_id = ${groupId} AND entity_type = 'membership' AND at > ${at}
        ORDER BY at, seq`,
  );
  const settled = new Set<string>();
  for (const r of later) {
    const userId = r.user_id!;
    if (settled.has(userId)) continue;
    settled.add(userId);
    if (r.kind === 'removed') members.add(userId);
    else if (r.kind === 'added') members.delete(userId);
  }
  return members;
}

const DAY_MS = 24 * 3600_000;

/**
 * The moment "Members on a date" opens on: just before the group's newest membership change
 * (so the answer differs from today's), else 24 h ago when history reaches that far, else the
 * moment history begins.
 */
function defaultMoment(knownFrom: string | null, lastChangeAt: string | null, nowMs: number): string {
  if (lastChangeAt && knownFrom && lastChangeAt > knownFrom)
    return new Date(Date.parse(lastChangeAt) - 1).toISOString();
  const dayAgo = new Date(nowMs - DAY_MS).toISOString();
  if (knownFrom === null || knownFrom <= dayAgo) return dayAgo;
  return knownFrom;
}

/**
 * The first `limit` of `ids` in name order, with their details. Every id's name is read (the
 * order needs it); directories and the rest only for the ones returned.
 */
function sortedMembers(
  db: ReadableDB,
  profileId: string,
  ids: Iterable<string>,
  limit: number | undefined,
): MembersAt['members'] {
  const users = usersById(db, profileId, [...ids]);
  const named = [...users.values()].map((u) => ({ u, displayName: u.name ?? u.id }));
  named.sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.u.id < b.u.id ? -1 : a.u.id > b.u.id ? 1 : 0));
  const shown = limit === undefined ? named : named.slice(0, limit);
  const dirs = directoriesById(
    db,
    profileId,
    shown.flatMap(({ u }) => (u.directoryId ? [u.directoryId] : [])),
  );
  return shown.map(({ u, displayName }) => ({
    id: u.id,
    displayName,
    email: u.email,
    state: u.state,
    directoryId: u.directoryId,
    directoryName: u.directoryId ? (dirs.get(u.directoryId)?.name ?? null) : null,
    deleted: u.deleted,
  }));
}

/**
 * Who was in a group at `at`, read backwards from the members the cache holds now: a pair's first
 * logged change after `at` says what it was at `at` (removed later: a member then; added later:
 * not), and a pair with no change after `at` was then what it is now. Backwards, because a
 * directory's first snapshot logs no row per membership of the groups whose history it begins
 * (apply-staged-memberships.ts): their pairs are implied from then on. Before the group's history
 * begins (`knownFrom`) it had no members the cache knows of. With `compareWithNow`, also who
 * joined and who left between `at` and now.
 */
export function groupMembersAt(
  db: ReadableDB,
  profileId: string,
  groupId: string,
  atInput: string | undefined,
  options: { compareWithNow?: boolean; limit?: number; now?: number } = {},
): MembersAt {
  const { limit } = options;
  const knownFrom =
    queryOne<{ at: string | null }>(
      db,
      sql`SELECT min(at) AS at FROM changes WHERE profile_id = ${profileId} AND entity_type = 'group' AND entity_id = ${groupId}
            AND ${notMembershipRow}`,
    )?.at ?? null;
  const lastChangeAt =
    queryOne<{ at: string | null }>(
      db,
      sql`SELECT at FROM changes WHERE profile_id = ${profileId} AND group_id = ${groupId}
            AND entity_type = 'membership' AND baseline = 0 ORDER BY at DESC LIMIT 1`,
    )?.at ?? null;
  const at =
    atInput === undefined
      ? defaultMoment(knownFrom, lastChangeAt, options.now ?? Date.now())
      : normaliseInstant(atInput);
  const ids = knownFrom !== null && knownFrom <= at ? memberIdsAt(db, profileId, groupId, at) : new Set<string>();
  const result: MembersAt = {
    groupId,
    at,
    knownFrom,
    lastChangeAt,
    members: sortedMembers(db, profileId, ids, limit),
    counts: { members: ids.size },
  };
  if (options.compareWithNow) {
    const current = new Set(
      queryAll<{ user_id: string }>(
        db,
        sql`SELECT user_id FROM memberships WHERE profile_id = ${profileId} AND group_id = ${groupId}`,
      ).map((r) => r.user_id),
    );
    const joined = [...current].filter((id) => !ids.has(id));
    const left = [...ids].filter((id) => !current.has(id));
    result.joinedSince = sortedMembers(db, profileId, joined, limit);
    result.leftSince = sortedMembers(db, profileId, left, limit);
    result.counts = { members: ids.size, joinedSince: joined.length, leftSince: left.length };
  }
  return result;
}
