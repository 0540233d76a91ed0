/**
 * Signed webhook delivery: the SDK's `webhooks.constructEvent` verifies every delivery; failed
 * deliveries are retried with backoff; duplicates and reordering happen when asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkOS } from '@workos-inc/node';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { call } from './support/http.ts';

interface Received {
  body: string;
  signature: string;
}

let emu: RunningEmulator | undefined;
let receiver: Server | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  receiver = undefined;
});

/** A receiver answering with `statusFor(n)` for the n-th request (0-based). */
async function startReceiver(
  statusFor: (n: number) => number = () => 200,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  let n = 0;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['workos-signature'] ?? ''),
      });
      res.writeHead(statusFor(n++)).end();
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, received };
}

const sdk = new WorkOS('sk_test_unused_for_webhooks');

describe('webhooks', () => {
  it('deliveries verify with the SDK constructEvent and carry the event object', async () => {
    const hook = await startReceiver();
    emu = await startEmulator({
      seed: 'small',
      users: 10,
      directories: 1,
      webhookUrls: [hook.url],
      webhookSecret: 'whsec_test_secret',
    });
    const step = emu.control.step('joiner');
    await emu.control.webhooks.idle();
    expect(hook.received).toHaveLength(step.events.length);
    const expected = new Map(step.events.map((e) => [e.id, e.event]));
    for (const r of hook.received) {
      expect(r.signature).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);
      const event = await sdk.webhooks.constructEvent({
        payload: r.body,
        sigHeader: r.signature,
        secret: 'whsec_test_secret',
      });
      expect(event.event).toBe(expected.get(event.id));
      expected.delete(event.id);
    }
    expect(expected.size).toBe(0);
    await expect(
      sdk.webhooks.constructEvent({
        payload: hook.received[0]?.body ?? '',
        sigHeader: hook.received[0]?.signature ?? '',
        secret: 'whsec_wrong',
      }),
    ).rejects.toThrow(/Signature hash does not match/);
  });

  it('retries a failing endpoint with backoff until it answers 2xx', async () => {
    const hook = await startReceiver((n) => (n < 2 ? 500 : 204));
    emu = await startEmulator({
      seed: 'small',
      users: 5,
      directories: 1,
      webhookUrls: [hook.url],
      webhookDelivery: { retryBaseMs: 5 },
    });
    const step = emu.control.step('deactivate');
    expect(step.events).toHaveLength(1);
    await emu.control.webhooks.idle();
    const attempts = emu.control.webhooks.deliveries();
    expect(attempts.map((a) => [a.attempt, a.status, a.delayMs])).toEqual([
      [1, 500, 0],
      [2, 500, 5],
      [3, 204, 10],
    ]);
    expect(new Set(hook.received.map((r) => JSON.parse(r.body).id as string)).size).toBe(1);
  });

  it('gives up after maxAttempts against an unreachable endpoint', async () => {
    emu = await startEmulator({
      seed: 'small',
      users: 5,
      directories: 1,
      webhookUrls: ['http://127.0.0.1:9/unreachable'],
      webhookDelivery: { retryBaseMs: 1, maxAttempts: 3, timeoutMs: 2000 },
    });
    emu.control.step('deactivate');
    await emu.control.webhooks.idle();
    const attempts = emu.control.webhooks.deliveries();
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
  });

  it('duplicates and reorders when configured', async () => {
    const hook = await startReceiver();
    emu = await startEmulator({
      seed: 'small',
      users: 60,
      directories: 1,
      webhookUrls: [hook.url],
      webhookDelivery: { duplicateRate: 1, reorder: true },
    });
    const step = emu.control.step('bulk_reorg');
    await emu.control.webhooks.idle();
    expect(hook.received).toHaveLength(step.events.length * 2);
    const ids = hook.received.map((r) => JSON.parse(r.body).id as string);
    expect(new Set(ids)).toEqual(new Set(step.events.map((e) => e.id)));
    const firstSeen = ids.filter((id, i) => ids.indexOf(id) === i);
    expect(firstSeen).not.toEqual(step.events.map((e) => e.id));
  });

  it('holds deliveries back by the configured delay (plus up to the same again)', async () => {
    const hook = await startReceiver();
    emu = await startEmulator({
      seed: 'small',
      users: 5,
      directories: 1,
      webhookUrls: [hook.url],
      webhookDelivery: { delayMs: 20 },
    });
    const step = emu.control.step('joiner');
    await emu.control.webhooks.idle();
    const attempts = emu.control.webhooks.deliveries();
    expect(attempts).toHaveLength(step.events.length);
    for (const a of attempts) {
      expect(a.delayMs).toBeGreaterThanOrEqual(20);
      expect(a.delayMs).toBeLessThan(40);
    }
    expect(hook.received).toHaveLength(step.events.length);
  });

  it('endpoints can be added over the admin API and DELETE /directories is delivered too', async () => {
    const hook = await startReceiver();
    emu = await startEmulator({ seed: 'small', users: 5, directories: 2 });
    const added = await call(emu.url, emu.apiKey, 'POST', '/_emulator/webhooks', { url: hook.url });
    expect(added.body).toEqual({ endpoints: [hook.url] });
    const dir = emu.control.directories()[0]?.id ?? '';
    const announced: string[] = [];
    emu.control.onStep((result) => announced.push(`${result.scenario}:${result.changes.map((c) => c.kind).join()}`));
    expect((await call(emu.url, emu.apiKey, 'DELETE', `/directories/${dir}`)).status).toBe(202);
    expect(announced).toEqual(['api:directory.deleted']);
    await emu.control.webhooks.idle();
    expect(hook.received.map((r) => JSON.parse(r.body).event as string)).toEqual(['dsync.deleted']);
    const event = await sdk.webhooks.constructEvent({
      payload: hook.received[0]?.body ?? '',
      sigHeader: hook.received[0]?.signature ?? '',
      secret: emu.webhookSecret,
    });
    expect((event.data as { id: string }).id).toBe(dir);
  });
});
