/**
 * Reconstructs a directory's user and group counts per day from the change log: start from
 * today's counts and walk the changes backwards (an addition means one fewer before it, a
 * removal one more). Bounded to the pages fetched; the chart says when it is partial.
 */
import type { Change } from '../../../../shared/api';

export interface DailyCount {
  day: string;
  users: number;
  groups: number;
}

const DAY_MS = 24 * 3600_000;

function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function countsOverTime(
  now: { users: number; groups: number; at: number },
  changes: readonly Change[],
  days: number,
): DailyCount[] {
  const deltas = new Map<string, { users: number; groups: number }>();
  for (const c of changes) {
    if (c.baseline || (c.entityType !== 'user' && c.entityType !== 'group')) continue;
    if (c.kind !== 'added' && c.kind !== 'removed') continue;
    const key = dayKey(Date.parse(c.at));
    const d = deltas.get(key) ?? { users: 0, groups: 0 };
    const sign = c.kind === 'added' ? 1 : -1;
    if (c.entityType === 'user') d.users += sign;
    else d.groups += sign;
    deltas.set(key, d);
  }
  const out: DailyCount[] = [];
  let users = now.users;
  let groups = now.groups;
  for (let i = 0; i < days; i++) {
    const key = dayKey(now.at - i * DAY_MS);
    out.push({ day: key, users, groups });
    // Counts at the end of the previous day: undo today's additions and removals.
    const d = deltas.get(key);
    if (d) {
      users -= d.users;
      groups -= d.groups;
    }
  }
  return out.reverse();
}
