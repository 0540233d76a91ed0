import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/shared/api.ts';
import { countsOverTime } from '../../../src/renderer/src/screens/directories/counts-over-time.ts';

function change(at: string, entityType: Change['entityType'], kind: Change['kind'], baseline = false): Change {
  return {
    seq: 1,
    at,
    entityType,
    entityId: 'x',
    directoryId: 'd',
    kind,
    field: null,
    before: null,
    after: null,
    groupId: null,
    userId: null,
    source: 'events',
    runId: null,
    eventId: null,
    baseline,
  };
}

describe('countsOverTime', () => {
  const at = Date.parse('2026-11-23T12:00:00Z');

  it('walks the change log backwards from today’s counts, one point per day, oldest first', () => {
    const series = countsOverTime(
      { users: 10, groups: 3, at },
      [
        change('2026-11-23T08:00:00Z', 'user', 'added'),
        change('2026-11-23T09:00:00Z', 'user', 'added'),
        change('2026-11-22T10:00:00Z', 'user', 'removed'),
        change('2026-11-22T11:00:00Z', 'group', 'added'),
      ],
      3,
    );
    expect(series).toEqual([
      { day: '2026-11-21', users: 9, groups: 2 },
      { day: '2026-11-22', users: 8, groups: 3 },
      { day: '2026-11-23', users: 10, groups: 3 },
    ]);
  });

  it('ignores baseline entries, memberships and field changes', () => {
    const series = countsOverTime(
      { users: 5, groups: 1, at },
      [
        change('2026-11-23T08:00:00Z', 'user', 'added', true),
        change('2026-11-23T08:00:00Z', 'membership', 'added'),
        change('2026-11-23T08:00:00Z', 'user', 'state_changed'),
      ],
      2,
    );
    expect(series.map((d) => d.users)).toEqual([5, 5]);
  });
});
