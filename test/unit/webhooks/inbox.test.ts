/**
 * Both inbox implementations behave the same: raw storage, duplicates by event id, out of
 * order by event time per object, filters and keyset paging. The SQLite one is also checked
 * for using its indexes on the per-delivery lookups.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookVerdict } from '../../../src/shared/api/webhooks.ts';
import { MemoryInbox, type WebhookInbox } from '../../../src/main/webhooks/inbox.ts';
import { SqliteInbox } from '../../../src/main/webhooks/sqlite-inbox.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { summarizeEvent } from '../../../src/main/webhooks/event-summary.ts';

function verdict(body: string, valid = true): WebhookVerdict {
  let event: WebhookVerdict['event'];
  try {
    event = summarizeEvent(JSON.parse(body));
  } catch {
    event = null;
  }
  return {
    valid,
    reason: valid ? 'ok' : 'signature_mismatch',
    message: '',
    matchedSecret: valid ? 0 : null,
    sdkError: null,
    diagnostics: [],
    bodyMutation: null,
    event,
    signatureTimestampMs: 1_780_000_000_000,
    bodyBytes: Buffer.byteLength(body),
  };
}

function userEvent(id: string, user: string, minute: number, type = 'dsync.user.updated', dir = 'directory_A'): string {
  return JSON.stringify({
    id,
    event: type,
    data: { object: 'directory_user', id: user, directory_id: dir },
    created_at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  });
}

let received = 0;
function deliver(inbox: WebhookInbox, body: string | Uint8Array, valid = true) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return inbox.add({
    receivedAt: 1_000 + received++,
    method: 'POST',
    path: '/webhooks/workos',
    remoteAddress: '127.0.0.1',
    headers: [
      { name: 'WorkOS-Signature', value: 't=1, v1=x' },
      { name: 'X-Case', value: 'Kept' },
    ],
    body: bytes,
    bodyTruncated: false,
    status: valid ? 200 : 401,
    verdict: verdict(Buffer.from(bytes).toString('utf8'), valid),
  });
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function sqliteStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-inbox-'));
  const store = openStore(join(dir, 'cache.sqlite'));
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const implementations: Array<[string, () => WebhookInbox]> = [
  ['memory', () => new MemoryInbox()],
  [
    'sqlite',
    () => {
      const store = sqliteStore();
      return new SqliteInbox(store.writer, store.reader);
    },
  ],
];

describe.each(implementations)('%s inbox', (_name, make) => {
  it('stores exact bytes and headers, and reads them back', () => {
    const inbox = make();
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0xff, 0x00]);
    const s = deliver(inbox, bytes, false);
    const item = inbox.get(s.id);
    expect(Buffer.from(item?.body ?? []).equals(bytes)).toBe(true);
    expect(item?.headers).toEqual([
      { name: 'WorkOS-Signature', value: 't=1, v1=x' },
      { name: 'X-Case', value: 'Kept' },
    ]);
    expect(item).toMatchObject({ valid: false, status: 401, bodyBytes: 7, method: 'POST' });
    expect(inbox.get(9999)).toBeNull();
  });

  it('flags duplicates (valid deliveries only) and out-of-order events per object', () => {
    const inbox = make();
    const a = deliver(inbox, userEvent('event_1', 'u1', 10));
    expect(deliver(inbox, userEvent('event_1', 'u1', 10), false).duplicateOf).toBeNull();
    expect(deliver(inbox, userEvent('event_1', 'u1', 10)).duplicateOf).toBe(a.id);
    expect(deliver(inbox, userEvent('event_0', 'u1', 5)).outOfOrder).toBe(true);
    expect(deliver(inbox, userEvent('event_x', 'u2', 1)).outOfOrder).toBe(false);
    expect(deliver(inbox, userEvent('event_2', 'u1', 11)).outOfOrder).toBe(false);
    expect(deliver(inbox, userEvent('event_3', 'u1', 10)).outOfOrder).toBe(true);
  });

  it('filters by type (exact or prefix), verdict, reason, directory and time, newest first with keyset paging', () => {
    const inbox = make();
    for (let i = 0; i < 10; i++) {
      deliver(
        inbox,
        userEvent(
          `event_${i}`,
          `u${i}`,
          i,
          i % 2 ? 'dsync.user.created' : 'dsync.group_like%',
          i < 5 ? 'directory_A' : 'directory_B',
        ),
        i !== 3,
      );
    }
    const ids = (q: Parameters<WebhookInbox['list']>[0]) => inbox.list(q).map((s) => s.id);
    expect(ids({ limit: 3 })).toEqual([10, 9, 8]);
    expect(ids({ limit: 3, beforeId: 8 })).toEqual([7, 6, 5]);
    expect(ids({ limit: 20, type: 'dsync.user.created' })).toEqual([10, 8, 6, 4, 2]);
    expect(ids({ limit: 20, type: 'dsync.user.*' })).toEqual([10, 8, 6, 4, 2]);
    // A literal % in the prefix is not a wildcard.
    expect(ids({ limit: 20, type: 'dsync.group_like%*' })).toEqual([9, 7, 5, 3, 1]);
    expect(ids({ limit: 20, type: 'dsync.group_l_ke*' })).toEqual([]);
    expect(ids({ limit: 20, verdict: 'invalid' })).toEqual([4]);
    expect(ids({ limit: 20, reason: 'signature_mismatch' })).toEqual([4]);
    expect(ids({ limit: 20, directoryId: 'directory_B' })).toEqual([10, 9, 8, 7, 6]);
    const first = inbox.list({ limit: 20 }).at(-1)?.receivedAt ?? 0;
    expect(ids({ limit: 20, receivedFrom: first + 2, receivedTo: first + 4 })).toEqual([5, 4, 3]);
    expect(inbox.listChronological({ limit: 3, verdict: 'valid' }).map((s) => s.id)).toEqual([1, 2, 3]);
    expect(inbox.count()).toBe(10);
    expect(inbox.lastReceivedAt()).toBe(first + 9);
  });
});

describe('sqlite inbox', () => {
  it('uses its indexes for the per-delivery duplicate and ordering lookups', () => {
    const store = sqliteStore();
    const plan = (q: string) =>
      (store.reader.prepare(`EXPLAIN QUERY PLAN ${q}`).all('x') as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
    expect(plan('SELECT id FROM webhook_inbox WHERE event_id = ? AND valid = 1 ORDER BY id LIMIT 1')).toMatch(
      /USING (COVERING )?INDEX webhook_inbox_event/,
    );
    expect(
      plan(
        'SELECT MAX(event_time_ms) AS newest FROM webhook_inbox WHERE entity_key = ? AND valid = 1 AND duplicate_of IS NULL',
      ),
    ).toMatch(/USING (COVERING )?INDEX webhook_inbox_entity/);
  });

  it('keeps only the newest items once over its cap', () => {
    const store = sqliteStore();
    const inbox = new SqliteInbox(store.writer, store.reader, 5);
    for (let i = 0; i < 8; i++) deliver(inbox, userEvent(`event_${i}`, `u${i}`, i));
    expect(inbox.prune()).toBe(3);
    expect(inbox.list({ limit: 10 }).map((s) => s.id)).toEqual([8, 7, 6, 5, 4]);
    expect(inbox.get(3)).toBeNull();
  });

  it('survives reopening: items and flags persist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsync-inbox-reopen-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = openStore(join(dir, 'cache.sqlite'));
    deliver(new SqliteInbox(first.writer, first.reader), userEvent('event_1', 'u1', 1));
    first.close();
    const again = openStore(join(dir, 'cache.sqlite'));
    try {
      const inbox = new SqliteInbox(again.writer, again.reader);
      expect(deliver(inbox, userEvent('event_1', 'u1', 1)).duplicateOf).toBe(1);
    } finally {
      again.close();
    }
  });
});
