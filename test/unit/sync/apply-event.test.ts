import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { inTransaction, queryAll } from '../../../src/main/store/exec.ts';
import { directoryFromWire, type ChangeContext } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { applyEvent, DirectoryPresence, eventTime, type IncomingEvent } from '../../../src/main/sync/apply-event.ts';
import { planCursor } from '../../../src/main/sync/events-sync.ts';
import { storeWithProfile, tempDir, wireDirectory, wireGroup, wireUser } from '../store/helpers.ts';

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  upsertDirectory(store.writer, ctx('2026-01-01T00:00:00.000Z', null), directoryFromWire(wireDirectory()));
});
afterEach(() => {
  store.close();
  cleanup();
});

function ctx(at: string, eventId: string | null): ChangeContext {
  return { profileId: 'p1', at, source: 'events', runId: 'r', eventId, baseline: false };
}
let n = 0;
function apply(event: string, data: Record<string, unknown>, at: string, id = `event_${++n}`) {
  const e: IncomingEvent = { id, event, data, created_at: at };
  return applyEvent(store.writer, ctx(at, id), e);
}
const users = () =>
  queryAll<{ id: string; state: string; email: string }>(
    store.reader,
    sql`SELECT id, state, email FROM users ORDER BY id`,
  );
const members = () =>
  queryAll<{ group_id: string; user_id: string }>(store.reader, sql`SELECT group_id, user_id FROM memberships`);

describe('applying events', () => {
  it('skips a duplicate event id', () => {
    expect(apply('dsync.user.created', wireUser('u1'), '2026-01-02T00:00:00Z', 'event_dup')).toBe('applied');
    expect(apply('dsync.user.created', wireUser('u1'), '2026-01-02T00:00:00Z', 'event_dup')).toBe('duplicate');
  });

  it('ignores an update older than the cached record', () => {
    apply(
      'dsync.user.created',
      wireUser('u1', { updated_at: '2026-01-03T00:00:00.000Z', email: 'new@x.com' }),
      '2026-01-03T00:00:00Z',
    );
    expect(
      apply(
        'dsync.user.updated',
        wireUser('u1', { updated_at: '2026-01-02T00:00:00.000Z', email: 'old@x.com' }),
        '2026-01-02T00:00:00Z',
      ),
    ).toBe('stale');
    expect(users()).toEqual([{ id: 'u1', state: 'active', email: 'new@x.com' }]);
  });

  // A user created and moved within one millisecond: both versions carry the same updated_at,
  // and the create delivered last must not put the first version back.
  it('keeps an update when the create of the same millisecond arrives after it', () => {
    const at = '2026-01-02T00:00:00.000Z';
    expect(apply('dsync.user.updated', wireUser('u1', { email: 'moved@x.com', updated_at: at }), at)).toBe('applied');
    expect(apply('dsync.user.created', wireUser('u1', { email: 'first@x.com', updated_at: at }), at)).toBe('stale');
    expect(users()).toEqual([{ id: 'u1', state: 'active', email: 'moved@x.com' }]);
    const groups = () => queryAll<{ name: string }>(store.reader, sql`SELECT name FROM groups`);
    expect(apply('dsync.group.updated', wireGroup('g1', { name: 'Renamed', updated_at: at }), at)).toBe('applied');
    expect(apply('dsync.group.created', wireGroup('g1', { name: 'First', updated_at: at }), at)).toBe('stale');
    expect(groups()).toEqual([{ name: 'Renamed' }]);
  });

  it('does not resurrect a user whose deletion arrived before an older create', () => {
    apply('dsync.user.created', wireUser('u1', { updated_at: '2026-01-02T00:00:00.000Z' }), '2026-01-02T00:00:00Z');
    apply('dsync.user.deleted', wireUser('u1', { updated_at: '2026-01-04T00:00:00.000Z' }), '2026-01-04T00:00:00Z');
    expect(
      apply('dsync.user.updated', wireUser('u1', { updated_at: '2026-01-03T00:00:00.000Z' }), '2026-01-03T00:00:00Z'),
    ).toBe('stale');
    expect(users()).toEqual([]);
  });

  // The deletion and the last update can carry the same updated_at (the delete payload is the
  // record as last updated); delivered out of order, the update must not bring the record back.
  it('does not resurrect a group whose deletion arrived before an update with the same updated_at', () => {
    const groups = () => queryAll<{ id: string }>(store.reader, sql`SELECT id FROM groups ORDER BY id`);
    apply('dsync.group.created', wireGroup('g1', { updated_at: '2026-01-02T00:00:00.000Z' }), '2026-01-02T00:00:00Z');
    const renamed = wireGroup('g1', { name: 'Renamed', updated_at: '2026-01-03T00:00:00.000Z' });
    expect(apply('dsync.group.deleted', renamed, '2026-01-03T00:00:00Z')).toBe('applied');
    expect(apply('dsync.group.updated', renamed, '2026-01-03T00:00:00Z')).toBe('stale');
    expect(groups()).toEqual([]);
  });

  it('does not resurrect a user whose deletion arrived before an update with the same updated_at', () => {
    apply('dsync.user.created', wireUser('u1', { updated_at: '2026-01-02T00:00:00.000Z' }), '2026-01-02T00:00:00Z');
    const edited = wireUser('u1', { email: 'edited@x.com', updated_at: '2026-01-03T00:00:00.000Z' });
    expect(apply('dsync.user.deleted', edited, '2026-01-03T00:00:00Z')).toBe('applied');
    expect(apply('dsync.user.updated', edited, '2026-01-03T00:00:00Z')).toBe('stale');
    expect(users()).toEqual([]);
  });

  it('still lets a record updated after its deletion come back', () => {
    apply('dsync.user.created', wireUser('u1', { updated_at: '2026-01-02T00:00:00.000Z' }), '2026-01-02T00:00:00Z');
    apply('dsync.user.deleted', wireUser('u1', { updated_at: '2026-01-03T00:00:00.000Z' }), '2026-01-03T00:00:00Z');
    expect(
      apply('dsync.user.updated', wireUser('u1', { updated_at: '2026-01-04T00:00:00.000Z' }), '2026-01-04T00:00:00Z'),
    ).toBe('applied');
    expect(users().map((u) => u.id)).toEqual(['u1']);
  });

  it('does not let an older membership event undo a newer one', () => {
    const payload = { directory_id: 'directory_1', user: wireUser('u1'), group: wireGroup('g1') };
    apply('dsync.group.user_removed', payload, '2026-01-05T00:00:00Z');
    expect(apply('dsync.group.user_added', payload, '2026-01-04T00:00:00Z')).toBe('stale');
    expect(members()).toEqual([]);
    apply('dsync.group.user_added', payload, '2026-01-06T00:00:00Z');
    expect(members()).toEqual([{ group_id: 'g1', user_id: 'u1' }]);
  });

  it('adds a membership whose user and group events have not arrived yet', () => {
    apply(
      'dsync.group.user_added',
      { directory_id: 'directory_1', user: wireUser('u9'), group: wireGroup('g9') },
      '2026-01-02T00:00:00Z',
    );
    expect(users().map((u) => u.id)).toEqual(['u9']);
    expect(members()).toEqual([{ group_id: 'g9', user_id: 'u9' }]);
  });

  it('skips events for directories the cache does not know yet', () => {
    expect(
      apply('dsync.user.created', wireUser('u1', { directory_id: 'directory_other' }), '2026-01-02T00:00:00Z'),
    ).toBe('unknown_directory');
  });

  describe('a delete event for a record the cache never held', () => {
    const tombstones = () =>
      queryAll<{ entity_type: string; entity_id: string; reason: string; restored_at: string | null; record: string }>(
        store.reader,
        sql`SELECT entity_type, entity_id, reason, restored_at, last_record_json AS record FROM tombstones ORDER BY seq`,
      );
    const changeCount = () => queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes`)[0]!.n;

    it('leaves a tombstone with the event record, and no change row (nothing in the cache changed)', () => {
      const changesBefore = changeCount();
      const deleted = wireUser('u7', { updated_at: '2026-01-04T00:00:00.000Z' });
      expect(apply('dsync.user.deleted', deleted, '2026-01-04T00:00:00Z')).toBe('applied');
      const [tomb, ...rest] = tombstones();
      expect(rest).toEqual([]);
      expect(tomb).toMatchObject({ entity_type: 'user', entity_id: 'u7', reason: 'deleted_before_first_seen' });
      expect(tomb!.restored_at).toBeNull();
      expect(JSON.parse(tomb!.record)).toMatchObject({ id: 'u7', updated_at: '2026-01-04T00:00:00.000Z' });
      expect(changeCount()).toBe(changesBefore);
    });

    it('keeps a late, older create out, but lets a newer one back in and marks the tombstone restored', () => {
      apply('dsync.user.deleted', wireUser('u7', { updated_at: '2026-01-04T00:00:00.000Z' }), '2026-01-04T00:00:00Z');
      expect(
        apply('dsync.user.created', wireUser('u7', { updated_at: '2026-01-03T00:00:00.000Z' }), '2026-01-03T00:00:00Z'),
      ).toBe('stale');
      expect(users()).toEqual([]);
      expect(
        apply('dsync.user.created', wireUser('u7', { updated_at: '2026-01-05T00:00:00.000Z' }), '2026-01-05T00:00:00Z'),
      ).toBe('applied');
      expect(users().map((u) => u.id)).toEqual(['u7']);
      expect(tombstones()[0]!.restored_at).toBe('2026-01-05T00:00:00Z');
    });

    it('records one tombstone however often the deletion is delivered, and none for unknown directories', () => {
      apply('dsync.group.deleted', wireGroup('g7'), '2026-01-04T00:00:00Z');
      expect(apply('dsync.group.deleted', wireGroup('g7'), '2026-01-04T00:00:00Z')).toBe('stale');
      expect(
        apply('dsync.user.deleted', wireUser('u8', { directory_id: 'directory_other' }), '2026-01-04T00:00:00Z'),
      ).toBe('unknown_directory');
      expect(tombstones().map((t) => [t.entity_type, t.entity_id, t.reason])).toEqual([
        ['group', 'g7', 'deleted_before_first_seen'],
      ]);
    });
  });

  it('sees a directory activated earlier in the same transaction when the presence memo is shared', () => {
    const dirs = new DirectoryPresence();
    const run = (event: string, data: Record<string, unknown>, id: string) =>
      applyEvent(
        store.writer,
        ctx('2026-01-02T00:00:00.000Z', id),
        { id, event, data, created_at: '2026-01-02T00:00:00Z' },
        dirs,
      );
    inTransaction(store.writer, () => {
      expect(run('dsync.user.created', wireUser('u1', { directory_id: 'directory_2' }), 'e1')).toBe(
        'unknown_directory',
      );
      expect(run('dsync.activated', wireDirectory('directory_2', { state: 'active' }), 'e2')).toBe('new_directory');
      expect(run('dsync.user.created', wireUser('u2', { directory_id: 'directory_2' }), 'e3')).toBe('applied');
      expect(run('dsync.deleted', wireDirectory('directory_2', { state: 'deleting' }), 'e4')).toBe('applied');
      expect(run('dsync.user.created', wireUser('u3', { directory_id: 'directory_2' }), 'e5')).toBe(
        'unknown_directory',
      );
    });
    expect(users()).toEqual([]);
  });

  it('normalises the non-ISO timestamps seen in WorkOS samples', () => {
    expect(eventTime('2023-04-28 20:05:31.093', 'x')).toBe('2023-04-28T20:05:31.093Z');
    expect(eventTime('garbage', 'fallback')).toBe('fallback');
  });

  it('plans the cursor: continue, re-anchor on time near retention, or demand a full sync', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const fresh = {
      afterEventId: 'event_1',
      lastEventAt: '2026-02-28T00:00:00.000Z',
      rangeStart: null,
      updatedAt: '2026-02-28T23:59:00.000Z',
    };
    expect(planCursor(fresh, now)).toEqual({ after: 'event_1', rangeStart: null });
    expect(planCursor({ ...fresh, lastEventAt: '2026-01-15T00:00:00.000Z' }, now)).toEqual({
      after: null,
      rangeStart: fresh.updatedAt,
    });
    expect(planCursor({ ...fresh, updatedAt: '2026-01-01T00:00:00.000Z' }, now)).toMatchObject({
      reason: expect.stringMatching(/30 days/),
    });
    expect(planCursor(null, now)).toMatchObject({ reason: expect.stringMatching(/first full sync/) });
  });
});

describe('directory-level events', () => {
  it('dsync.deactivated unlinks the directory at once: state, health and a state_changed row', async () => {
    const { listDirectorySummaries } = await import('../../../src/main/store/queries/directories-query.ts');
    const healthy = listDirectorySummaries(store.reader, 'p1', undefined, Date.parse('2026-01-02T00:00:00Z'))[0]!;
    expect(healthy.state).toBe('linked');
    expect(healthy.verdict).not.toBe('critical');
    const outcome = apply(
      'dsync.deactivated',
      wireDirectory('directory_1', { state: 'inactive', updated_at: '2026-01-02T00:00:00.000Z' }),
      '2026-01-02T00:00:00.000Z',
    );
    expect(outcome).toBe('applied');
    const after = listDirectorySummaries(store.reader, 'p1', undefined, Date.parse('2026-01-02T00:01:00Z'))[0]!;
    expect(after.state).toBe('unlinked');
    expect(after.stateSince).toBe('2026-01-02T00:00:00.000Z');
    expect(after.verdict).toBe('critical');
    expect(after.reasons.join(' ')).toContain('unlinked');
    const rows = queryAll<{ kind: string; field: string; after_json: string }>(
      store.reader,
      sql`SELECT kind, field, after_json FROM changes WHERE entity_type = 'directory' AND kind = 'state_changed'`,
    );
    expect(rows).toEqual([{ kind: 'state_changed', field: 'state', after_json: '"unlinked"' }]);
  });

  it('a late dsync.deactivated does not undo a newer relink; an unknown directory is not created', () => {
    expect(
      apply(
        'dsync.activated',
        wireDirectory('directory_1', { state: 'active', updated_at: '2026-01-03T00:00:00.000Z' }),
        '2026-01-03T00:00:00.000Z',
      ),
    ).toBe('applied');
    expect(
      apply(
        'dsync.deactivated',
        wireDirectory('directory_1', { state: 'inactive', updated_at: '2026-01-02T00:00:00.000Z' }),
        '2026-01-02T00:00:00.000Z',
      ),
    ).toBe('stale');
    expect(
      apply('dsync.deactivated', wireDirectory('directory_9', { state: 'inactive' }), '2026-01-02T00:00:00.000Z'),
    ).toBe('unknown_directory');
    const dirs = queryAll<{ id: string; state: string }>(store.reader, sql`SELECT id, state FROM directories`);
    expect(dirs).toEqual([{ id: 'directory_1', state: 'linked' }]);
  });
});
