/**
 * The audit trail never waits on the server's main thread for the cache's write lock (a sync's
 * writer can hold it for seconds): rows wait in memory, in order, and are written once the lock
 * is free; flush() and close() write them; no row is lost on the way.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditTrail } from '../../../src/main/server/audit.ts';
import { listAudit } from '../../../src/main/store/audit-log.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { tempDir } from '../store/helpers.ts';

let store: Store | null = null;
let other: Database.Database | null = null;
let cleanup = (): void => {};

afterEach(() => {
  if (other?.inTransaction) other.prepare('ROLLBACK').run();
  other?.close();
  store?.close();
  cleanup();
  store = null;
  other = null;
});

function setup(): { trail: AuditTrail; errors: unknown[]; actions: () => string[] } {
  const t = tempDir();
  cleanup = t.cleanup;
  store = openStore(t.dir, { isDataDir: true });
  other = new Database(store.path);
  const errors: unknown[] = [];
  const trail = new AuditTrail(store.writer, (err) => errors.push(err));
  const actions = (): string[] =>
    listAudit(store!.reader, { limit: 100 })
      .items.map((r) => r.action)
      .reverse();
  return { trail, errors, actions };
}

const entry = (action: string) => ({
  actor: 'ana@example.com',
  role: 'viewer',
  clientAddress: '127.0.0.1',
  action,
  target: null,
  outcome: 'ok',
  details: {},
});

describe('audit trail', () => {
  it('writes a row at once when the write lock is free', () => {
    const { trail, errors, actions } = setup();
    trail.record(entry('getUser'));
    expect(trail.waiting).toBe(0);
    expect(actions()).toEqual(['getUser']);
    expect(errors).toEqual([]);
  });

  it('holds rows while another connection writes, then writes them in order', async () => {
    const { trail, errors, actions } = setup();
    other!.prepare('BEGIN IMMEDIATE').run();
    trail.record(entry('getUser'));
    trail.record(entry('getGroup'));
    // Returned without waiting for the lock; nothing written yet, nothing lost.
    expect(trail.waiting).toBe(2);
    expect(actions()).toEqual([]);
    other!.prepare('COMMIT').run();
    await vi.waitFor(() => expect(trail.waiting).toBe(0), { timeout: 5000, interval: 20 });
    trail.record(entry('getUserTimeline'));
    expect(actions()).toEqual(['getUser', 'getGroup', 'getUserTimeline']);
    expect(errors).toEqual([]);
  });

  it('keeps the connection’s own busy timeout after a write that found the lock taken', () => {
    const { trail } = setup();
    const before = store!.writer.pragma('busy_timeout', { simple: true });
    other!.prepare('BEGIN IMMEDIATE').run();
    trail.record(entry('getUser'));
    expect(store!.writer.pragma('busy_timeout', { simple: true })).toBe(before);
    other!.prepare('ROLLBACK').run();
    trail.close();
  });

  it('writes waiting rows on close', () => {
    const { trail, actions } = setup();
    other!.prepare('BEGIN IMMEDIATE').run();
    trail.record(entry('exportInboxItem'));
    other!.prepare('COMMIT').run();
    trail.close();
    expect(trail.waiting).toBe(0);
    expect(actions()).toEqual(['exportInboxItem']);
  });

  it('reports a write that fails for another reason than the lock', () => {
    const { trail, errors } = setup();
    store!.writer.prepare('DROP TABLE audit_log').run();
    trail.record(entry('getUser'));
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/audit_log/);
    expect(trail.waiting).toBe(0);
  });
});
