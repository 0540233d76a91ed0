import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryInbox } from '../../../src/main/webhooks/inbox.ts';
import { startReceiver, type RunningReceiver } from '../../../src/main/webhooks/receiver.ts';
import { signatureHeaderFor } from '../../../src/main/webhooks/hmac.ts';

const SECRET = 'whsec_receiver_test_secret';

function userEvent(id: string, createdAt: string, email: string): string {
  return JSON.stringify({
    id,
    event: 'dsync.user.updated',
    data: { object: 'directory_user', id: 'directory_user_1', directory_id: 'directory_A', email, state: 'active' },
    created_at: createdAt,
  });
}

async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: res.status, json: await res.json().catch(() => null) };
}

function signed(body: string): Record<string, string> {
  return { 'WorkOS-Signature': signatureHeaderFor(SECRET, body, Date.now()) };
}

/** A chunked upload (no Content-Length) of `size` bytes, resolving with the status code. */
function chunkedPost(url: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('webhook receiver', () => {
  let inbox: MemoryInbox;
  let receiver: RunningReceiver;
  const delivered: number[] = [];

  beforeEach(async () => {
    inbox = new MemoryInbox();
    delivered.length = 0;
    receiver = await startReceiver({ port: 0, secrets: [SECRET], inbox, onDelivery: (s) => delivered.push(s.id) });
  });
  afterEach(async () => {
    await receiver.stop();
  });

  it('listens on loopback at POST /webhooks/workos by default', () => {
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/workos$/);
  });

  it('answers 200 to a valid delivery and stores it raw, headers and exact bytes', async () => {
    const body = userEvent('event_1', '2026-01-01T00:00:00.000Z', 'a@x.com');
    const res = await post(receiver.url, body, { ...signed(body), 'X-Custom-Case': 'Kept' });
    expect(res).toEqual({ status: 200, json: { received: true } });
    const item = inbox.get(1);
    expect(item).toMatchObject({
      valid: true,
      reason: 'ok',
      status: 200,
      eventId: 'event_1',
      eventType: 'dsync.user.updated',
      directoryId: 'directory_A',
      entityKey: 'user:directory_user_1',
      duplicateOf: null,
      outOfOrder: false,
    });
    expect(Buffer.from(item?.body ?? []).toString('utf8')).toBe(body);
    expect(item?.headers).toContainEqual({ name: 'X-Custom-Case', value: 'Kept' });
    expect(delivered).toEqual([1]);
  });

  it('acknowledges a duplicate with 200 and marks it', async () => {
    const body = userEvent('event_dup', '2026-01-01T00:00:00.000Z', 'a@x.com');
    await post(receiver.url, body, signed(body));
    const again = await post(receiver.url, body, signed(body));
    expect(again.status).toBe(200);
    expect(inbox.get(2)).toMatchObject({ duplicateOf: 1, outOfOrder: false });
  });

  it('marks an older event that arrives after a newer one for the same user as out of order', async () => {
    const newer = userEvent('event_new', '2026-01-02T00:00:00.000Z', 'new@x.com');
    const older = userEvent('event_old', '2026-01-01T00:00:00.000Z', 'old@x.com');
    await post(receiver.url, newer, signed(newer));
    expect((await post(receiver.url, older, signed(older))).status).toBe(200);
    expect(inbox.get(1)?.outOfOrder).toBe(false);
    expect(inbox.get(2)?.outOfOrder).toBe(true);
  });

  it('answers 401 to a bad signature, and stores the attempt with its reason', async () => {
    const body = userEvent('event_bad', '2026-01-01T00:00:00.000Z', 'a@x.com');
    const res = await post(receiver.url, JSON.stringify(JSON.parse(body), null, 2), signed(body));
    expect(res).toEqual({ status: 401, json: { error: 'invalid_signature', reason: 'body_modified' } });
    expect((await post(receiver.url, body)).status).toBe(401);
    expect(inbox.list({ limit: 10 }).map((i) => i.reason)).toEqual(['missing_header', 'body_modified']);
  });

  it('answers 400 when a correctly signed body is not JSON', async () => {
    const res = await post(receiver.url, 'hello', signed('hello'));
    expect(res.status).toBe(400);
  });

  it('answers 413 above 1 MiB, declared or streamed, and keeps serving', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    expect((await post(receiver.url, big)).status).toBe(413);
    expect(await chunkedPost(receiver.url, 3 * 1024 * 1024)).toBe(413);
    const stored = inbox.list({ limit: 10 });
    expect(stored.map((i) => [i.status, i.reason])).toEqual([
      [413, 'body_too_large'],
      [413, 'body_too_large'],
    ]);
    // Streamed: the body up to the cap is kept; declared: not read at all.
    expect(inbox.get(stored[0]!.id)).toMatchObject({ bodyTruncated: true, bodyBytes: 1024 * 1024 });
    expect(inbox.get(stored[1]!.id)).toMatchObject({ bodyTruncated: true, bodyBytes: 0 });
    const body = userEvent('event_after', '2026-01-01T00:00:00.000Z', 'a@x.com');
    expect((await post(receiver.url, body, signed(body))).status).toBe(200);
  });

  it('accepts exactly 1 MiB', async () => {
    const body = JSON.stringify({ id: 'event_big', event: 'x', pad: 'a'.repeat(1024 * 1024 - 40) }).slice(
      0,
      1024 * 1024,
    );
    const res = await post(receiver.url, body, signed(body));
    expect(res.status).not.toBe(413);
  });

  it('404 elsewhere, 405 for other methods; both stored with their reason (a misconfigured endpoint shows)', async () => {
    expect(
      (await fetch(receiver.url.replace('/webhooks/workos', '/other'), { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    const get = await fetch(receiver.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const stored = inbox.list({ limit: 10 });
    expect(stored.map((i) => [i.status, i.reason])).toEqual([
      [405, 'method_not_allowed'],
      [404, 'wrong_path'],
    ]);
    expect(Buffer.from(inbox.get(stored[1]!.id)!.body).toString()).toBe('{}');
  });

  it('keeps serving through 300 random deliveries, each answered and stored', async () => {
    let seed = 42;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const headerValues = [
      '',
      't=',
      'v1=',
      ',',
      't=1, v1=',
      `t=${'9'.repeat(300)}, v1=${'a'.repeat(64)}`,
      'caf\u00e9',
      '\u00ff\u00fe',
    ];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const body = Buffer.from(Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256)));
      const header = headerValues[Math.floor(rand() * headerValues.length)] ?? '';
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          receiver.url,
          { method: 'POST', headers: { 'WorkOS-Signature': header, 'Content-Length': body.length } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      statuses.add(status);
    }
    expect([...statuses].every((s) => s === 401 || s === 400)).toBe(true);
    expect(inbox.count()).toBe(300);
    const body = userEvent('event_after_fuzz', '2026-01-01T00:00:00.000Z', 'a@x.com');
    expect((await post(receiver.url, body, signed(body))).status).toBe(200);
  });

  it('survives garbage on the socket', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(receiver.url).port), '127.0.0.1', () => {
        socket.end('\u0000\u00ff NOT HTTP\r\n\r\n');
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    const body = userEvent('event_ok', '2026-01-01T00:00:00.000Z', 'a@x.com');
    expect((await post(receiver.url, body, signed(body))).status).toBe(200);
  });
});

describe('receiver configuration', () => {
  it('uses the configured path, and 401s everything when no secret is set', async () => {
    const inbox = new MemoryInbox();
    const receiver = await startReceiver({ port: 0, path: '/hooks/custom', secrets: [], inbox });
    try {
      expect(receiver.url.endsWith('/hooks/custom')).toBe(true);
      const body = userEvent('event_1', '2026-01-01T00:00:00.000Z', 'a@x.com');
      const res = await post(receiver.url, body, signed(body));
      expect(res).toEqual({ status: 401, json: { error: 'invalid_signature', reason: 'missing_secret' } });
    } finally {
      await receiver.stop();
    }
  });

  it('answers 503 (so WorkOS retries) when the inbox cannot store a valid delivery, and keeps serving', async () => {
    const failing = new MemoryInbox();
    failing.add = () => {
      throw new Error('SQLITE_BUSY: database is locked');
    };
    const receiver = await startReceiver({ port: 0, secrets: [SECRET], inbox: failing });
    try {
      const body = userEvent('event_1', '2026-01-01T00:00:00.000Z', 'a@x.com');
      expect((await post(receiver.url, body, signed(body))).status).toBe(503);
      expect((await post(receiver.url, body)).status).toBe(401);
      expect((await post(receiver.url, Buffer.alloc(2 * 1024 * 1024))).status).toBe(413);
      expect((await post(receiver.url, body, signed(body))).status).toBe(503);
    } finally {
      await receiver.stop();
    }
  });
});
