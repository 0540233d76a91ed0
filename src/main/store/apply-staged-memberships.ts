/**
 * Membership changes of a staged directory, set-based: the change rows and the writes are
 * `INSERT … SELECT` / `DELETE … WHERE` over the staged pairs, so no list of pairs is ever held
 * in memory (a 1M-user directory has millions of them).
 *
 * A directory's memberships are reached through its groups and the primary key (a pair is filed
 * under its user's directory in `memberships_by_directory_user`, which for WorkOS's data is the
 * group's too).
 */
import { changeContextTail, insertChangesSelect, lastChangeSeq } from './change-log.ts';
import type { WritableDB } from './db-types.ts';
import { execute, queryOne } from './exec.ts';
import type { ChangeContext } from './records.ts';
import { sql, type SqlFragment } from './sql.ts';

/**
 * Pairs cached for this directory's groups that the snapshot lacks, in (group, user) order.
 * Both sides are read in key order and merged (MERGE (EXCEPT)): a re-sync of 400k unchanged
 * memberships costs two ordered scans instead of a probe into the staged pairs per membership.
 */
export function stalePairs(profileId: string, runId: string, directoryId: string): SqlFragment {
  return sql`SELECT m.group_id, m.user_id FROM memberships m
             WHERE m.profile_id = ${profileId}
               AND m.group_id IN (SELECT g.id FROM groups g WHERE g.profile_id = ${profileId} AND g.directory_id = ${directoryId})
             EXCEPT
             SELECT s.group_id, s.user_id FROM stage_memberships s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId}
             ORDER BY 1, 2`;
}

/** Pairs cached for this directory that the snapshot no longer has: logged, then deleted. */
export function removeStaleMemberships(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): number {
  const p = ctx.profileId;
  const removed = execute(
    db,
    sql`${insertChangesSelect(ctx)} 'membership', d.group_id || ':' || d.user_id, ${directoryId}, 'removed', NULL, NULL,
               NULL, d.group_id, d.user_id ${changeContextTail(ctx)}
        FROM (${stalePairs(p, runId, directoryId)}) d`,
  ).changes;
  if (removed === 0) return 0;
  // Probing per membership here on purpose: with the pairs as an IN list, SQLite scanned a whole
  // index of the profile's memberships instead of probing the primary key per pair.
  execute(
    db,
    sql`DELETE FROM memberships AS m
        WHERE m.profile_id = ${p}
          AND m.group_id IN (SELECT g.id FROM groups g WHERE g.profile_id = ${p} AND g.directory_id = ${directoryId})
          AND NOT EXISTS (SELECT 1 FROM stage_memberships s WHERE s.run_id = ${runId} AND s.directory_id = ${directoryId}
                          AND s.group_id = m.group_id AND s.user_id = m.user_id)`,
  );
  return removed;
}

/**
 * Staged pairs whose group and user are cached and which are not memberships yet: logged, then
 * inserted. The fresh condition (three probes per pair) is evaluated once, by the change-log
 * insert; the memberships are then read back from the change rows it just wrote, a range of the
 * log's primary key (nothing else writes inside the apply's transaction). A directory's first
 * snapshot logs only the pairs of groups with a history before it (`historyBefore`: the log's
 * last seq when the apply began); the others are implied.
 */
export function addFreshMemberships(
  db: WritableDB,
  ctx: ChangeContext,
  runId: string,
  directoryId: string,
  historyBefore: number,
): number {
  if (!ctx.baseline) return addLoggedMemberships(db, ctx, runId, directoryId, sql``);
  // Groups with a history before this apply (created by events before the directory's first
  // full sync, or by an earlier life of a removed directory): "a member since the first snapshot"
  // would misstate their past, so their pairs are logged as usual.
  const p = ctx.profileId;
  const logged = addLoggedMemberships(
    db,
    ctx,
    runId,
    directoryId,
    sql`AND s.group_id IN (SELECT g.id FROM groups g WHERE g.profile_id = ${p} AND g.directory_id = ${directoryId}
          AND EXISTS (SELECT 1 FROM changes c WHERE c.profile_id = ${p} AND c.entity_id = g.id
                      AND c.entity_type <> 'membership' AND c.seq <= ${historyBefore}))`,
  );
  addImpliedMemberships(db, ctx, runId, directoryId);
  return logged;
}

/** Fresh staged pairs (and `narrower`): logged, then inserted from the rows just logged. */
function addLoggedMemberships(
  db: WritableDB,
  ctx: ChangeContext,
  runId: string,
  directoryId: string,
  narrower: SqlFragment,
): number {
  const p = ctx.profileId;
  const fresh = sql`${stagedPairsOfCachedEntities(p, runId, directoryId)} ${narrower}
      AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = ${p} AND m.group_id = s.group_id AND m.user_id = s.user_id)`;
  const loggedBefore = lastChangeSeq(db);
  const added = execute(
    db,
    sql`${insertChangesSelect(ctx)} 'membership', s.group_id || ':' || s.user_id, ${directoryId}, 'added', NULL, NULL,
               NULL, s.group_id, s.user_id ${changeContextTail(ctx)}
        FROM stage_memberships s WHERE ${fresh} ORDER BY s.group_id, s.user_id`,
  ).changes;
  if (added === 0) return 0;
  const inserted = execute(
    db,
    sql`INSERT INTO memberships (profile_id, group_id, user_id, directory_id, since)
        SELECT ${p}, c.group_id, c.user_id, ${userDirectory(p, sql`c.user_id`)}, ${ctx.at}
        FROM changes c
        WHERE c.seq > ${loggedBefore} AND c.entity_type = 'membership' AND c.kind = 'added'
        ORDER BY c.seq`,
  ).changes;
  if (inserted !== added) throw new Error(`logged ${added} added memberships but inserted ${inserted}`);
  return added;
}

/**
 * Staged pairs (`s`) of this directory whose group (of this directory) and user are both
 * cached. A pair is filed under its user's directory (`membership-homes.ts`), which for WorkOS's
 * data is also its group's.
 */
function stagedPairsOfCachedEntities(profileId: string, runId: string, directoryId: string): SqlFragment {
  return sql`${stagedPairsOfCachedGroups(profileId, runId, directoryId)}
      AND EXISTS (SELECT 1 FROM users u WHERE u.profile_id = ${profileId} AND u.id = s.user_id)`;
}

function stagedPairsOfCachedGroups(profileId: string, runId: string, directoryId: string): SqlFragment {
  return sql`s.run_id = ${runId} AND s.directory_id = ${directoryId}
      AND EXISTS (SELECT 1 FROM groups g WHERE g.profile_id = ${profileId} AND g.id = s.group_id AND g.directory_id = ${directoryId})`;
}

/** The directory of the user `userId` (an SQL expression), which its pairs are filed under. */
function userDirectory(profileId: string, userId: SqlFragment): SqlFragment {
  return sql`(SELECT u.directory_id FROM users u WHERE u.profile_id = ${profileId} AND u.id = ${userId})`;
}

/**
 * A directory's first snapshot: for groups whose history begins with it, the memberships are
 * inserted without a change row each (a change row is four index entries; 400k of them were the
 * largest share of a first sync). What the log does not hold is implied: a pair the cache holds,
 * or the log removes later, was a member from the first snapshot on — `groupMembersAt` reads
 * history backwards from the current memberships for exactly that reason. Pairs already cached
 * or logged just before (groups with a history) are ignored here.
 */
function addImpliedMemberships(db: WritableDB, ctx: ChangeContext, runId: string, directoryId: string): void {
  execute(
    db,
    sql`INSERT OR IGNORE INTO memberships (profile_id, group_id, user_id, directory_id, since)
        SELECT ${ctx.profileId}, s.group_id, s.user_id, u.directory_id, ${ctx.at}
        FROM stage_memberships s JOIN users u ON u.profile_id = ${ctx.profileId} AND u.id = s.user_id
        WHERE ${stagedPairsOfCachedGroups(ctx.profileId, runId, directoryId)}
        ORDER BY s.group_id, s.user_id`,
  );
}

/** Pairs filed under the directory (its users' memberships; for WorkOS's data, its groups'): an index range. */
export function countMemberships(db: WritableDB, profileId: string, directoryId: string): number {
  return queryOne<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM memberships WHERE profile_id = ${profileId} AND directory_id = ${directoryId}`,
  )!.n;
}
