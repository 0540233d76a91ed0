/**
 * The workbench through the ConsoleApi (what the renderer calls): envelopes, validation, the
 * receiver lifecycle, inbox paging and detail, export, re-sign/send, replay, push events, and
 * that no response ever contains a secret.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxItemSummary, ReceiverStatus } from '../../../src/shared/api.ts';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { signatureHeaderFor } from '../../../src/main/webhooks/hmac.ts';
import { silentLogger } from '../../../src/main/log.ts';

const SECRET = 'whsec_core_contract_secret';
let core: ConsoleCore;
let dataDir: string;
const pushed: InboxItemSummary[] = [];
const responses: string[] = [];

async function call<T>(method: string, input?: unknown): Promise<T> {
  const envelope = await core.call(method, input);
  responses.push(JSON.stringify(envelope));
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

function event(i: number): string {
  return JSON.stringify({
    id: `event_${i}`,
    event: i % 2 ? 'dsync.user.created' : 'dsync.group.created',
    data: {
      object: i % 2 ? 'directory_user' : 'directory_group',
      id: `obj_${i}`,
      directory_id: i < 4 ? 'directory_A' : 'directory_B',
    },
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dsync-core-webhooks-'));
  core = createConsoleCore({ dataDir, transport: 'web', log: silentLogger, autoSync: false, queryWorker: false });
  core.events.subscribe((name, payload) => {
    if (name === 'webhookReceived') pushed.push(payload as InboxItemSummary);
  });
});
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('webhook workbench over the ConsoleApi', () => {
  it('verifies text and base64 bodies and rejects bad base64 with invalid_input', async () => {
    const body = event(1);
    const now = 1_780_000_000_000;
    const header = signatureHeaderFor(SECRET, body, now);
    const text = await call<{ valid: boolean; reason: string }>('verifyWebhook', {
      body,
      header,
      secrets: [SECRET],
      nowMs: now,
    });
    expect(text).toMatchObject({ valid: true, reason: 'ok' });
    const b64 = await call<{ valid: boolean }>('verifyWebhook', {
      body: Buffer.from(body).toString('base64'),
      bodyEncoding: 'base64',
      header,
      secrets: [SECRET],
      nowMs: now,
    });
    expect(b64.valid).toBe(true);
    const bad = await core.call('verifyWebhook', { body: '!!!', bodyEncoding: 'base64', header, secrets: [SECRET] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tooMany = await core.call('verifyWebhook', { body, header, secrets: Array.from({ length: 21 }, () => 'x') });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('parses a paste and diffs payloads', async () => {
    const paste = await call<{ kind: string; header: string }>('parseWebhookPaste', {
      text: `curl -H 'WorkOS-Signature: t=1, v1=ab' -d '{}' http://x`,
    });
    expect(paste).toMatchObject({ kind: 'curl', header: 't=1, v1=ab' });
    const diff = await call<{ entries: unknown[] }>('diffPayloads', { a: '{"a":1}', b: '{"a":2}' });
    expect(diff.entries).toHaveLength(1);
    const preview = await call<{ profiles: unknown[]; note: string | null }>('previewWebhookApply', { body: event(1) });
    expect(preview).toMatchObject({
      profiles: [],
      note: expect.stringMatching(/No profile's cache holds directory directory_A/),
    });
  });

  it('runs the receiver, pages the inbox, exports, re-signs and replays', async () => {
    const stopped = await call<ReceiverStatus>('getWebhookReceiverStatus');
    expect(stopped).toMatchObject({ running: false, url: null, path: '/webhooks/workos' });
    const status = await call<ReceiverStatus>('startWebhookReceiver', { port: 0, secrets: [SECRET] });
    expect(status).toMatchObject({ running: true, secretsConfigured: 1 });
    const url = status.url ?? '';

    for (let i = 0; i < 6; i++) {
      const res = await call<{ status: number | null; ok: boolean; signatureHeader: string }>('resignAndSend', {
        payload: event(i),
        secret: SECRET,
        url,
      });
      expect(res).toMatchObject({ status: 200, ok: true });
      expect(res.signatureHeader).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);
    }
    const rejected = await call<{ status: number }>('resignAndSend', { payload: event(9), secret: 'whsec_wrong', url });
    expect(rejected.status).toBe(401);
    expect(pushed).toHaveLength(7);

    const page1 = await call<{ items: InboxItemSummary[]; nextCursor: string | null }>('listInbox', { limit: 4 });
    expect(page1.items.map((i) => i.id)).toEqual([7, 6, 5, 4]);
    const page2 = await call<{ items: InboxItemSummary[]; nextCursor: string | null }>('listInbox', {
      limit: 4,
      cursor: page1.nextCursor ?? undefined,
    });
    expect(page2.items.map((i) => i.id)).toEqual([3, 2, 1]);
    expect(page2.nextCursor).toBeNull();
    expect((await call<{ items: unknown[] }>('listInbox', { verdict: 'invalid' })).items).toHaveLength(1);
    expect(
      (await call<{ items: unknown[] }>('listInbox', { type: 'dsync.user.*', verdict: 'valid' })).items,
    ).toHaveLength(3);
    expect(
      (await call<{ items: unknown[] }>('listInbox', { directoryId: 'directory_B', verdict: 'valid' })).items,
    ).toHaveLength(2);
    expect(await core.call('listInbox', { cursor: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const item = await call<{
      bodyText: string;
      headers: Array<{ name: string; value: string }>;
      verdict: { valid: boolean };
    }>('getInboxItem', { id: 2 });
    expect(item.bodyText).toBe(event(1));
    expect(item.headers.some((h) => h.name.toLowerCase() === 'workos-signature')).toBe(true);
    expect(await core.call('getInboxItem', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const fixture = await call<{ fileName: string; content: string }>('exportInboxItem', { id: 2, format: 'fixture' });
    expect(fixture.fileName).toBe('webhook-dsync.user.created-event_1.json');
    expect(JSON.parse(fixture.content)).toMatchObject({ body: event(1), verdict: { valid: true } });
    const curl = await call<{ content: string }>('exportInboxItem', { id: 2, format: 'curl' });
    expect(curl.content).toContain(`curl -sS -X POST '${url}'`);
    expect(curl.content).toContain(`--data-binary '${event(1)}'`);

    const replay = await call<{ results: Array<{ inboxId: number; result: { status: number } }> }>('replayInbox', {
      receivedFrom: 0,
      receivedTo: Date.now(),
      secret: SECRET,
      url,
    });
    expect(replay.results.map((r) => r.inboxId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(replay.results.every((r) => r.result.status === 200)).toBe(true);
    // Replayed events are duplicates of the originals.
    const after = await call<{ items: InboxItemSummary[] }>('listInbox', { limit: 6 });
    expect(after.items.every((i) => i.duplicateOf !== null)).toBe(true);

    const off = await call<ReceiverStatus>('stopWebhookReceiver');
    expect(off).toMatchObject({ running: false, deliveries: 13 });
  });

  it('reports a taken port as a conflict', async () => {
    const first = await call<ReceiverStatus>('startWebhookReceiver', { port: 0, secrets: [SECRET] });
    const other = createConsoleCore({
      dataDir,
      transport: 'web',
      log: silentLogger,
      autoSync: false,
      queryWorker: false,
    });
    try {
      const res = await other.call('startWebhookReceiver', { port: first.port, secrets: [] });
      expect(res).toMatchObject({ ok: false, error: { code: 'conflict' } });
    } finally {
      await other.close();
      await call('stopWebhookReceiver');
    }
  });

  it('never returns a secret', () => {
    for (const r of responses) expect(r).not.toContain(SECRET);
  });
});
