/**
 * The emulator delivers signed webhooks (with duplicates and reordering switched on) to the
 * receiver: every delivery verifies, lands in the inbox raw, and duplicates and out-of-order
 * arrivals are flagged exactly where they happened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { MemoryInbox } from '../../../src/main/webhooks/inbox.ts';
import { startReceiver, type RunningReceiver } from '../../../src/main/webhooks/receiver.ts';

let emu: RunningEmulator | undefined;
let receiver: RunningReceiver | undefined;

afterEach(async () => {
  await emu?.close();
  await receiver?.stop();
  emu = undefined;
  receiver = undefined;
});

describe('emulator → receiver', () => {
  it('verifies every delivery and flags duplicates and reordering', async () => {
    const secret = 'whsec_roundtrip_secret';
    const inbox = new MemoryInbox();
    receiver = await startReceiver({ port: 0, secrets: [secret], inbox });
    emu = await startEmulator({
      eventsHoldBackMs: 0,
      seed: 'small',
      users: 12,
      directories: 1,
      randomSeed: 7,
      webhookUrls: [receiver.url],
      webhookSecret: secret,
      // Random delays spread deliveries of consecutive steps across each other.
      webhookDelivery: { duplicateRate: 0.4, reorder: true, delayMs: 15 },
    });
    const emitted = new Set<string>();
    for (let i = 0; i < 30; i++) {
      for (const e of emu.control.step('mixed').events) emitted.add(e.id);
    }
    await emu.control.webhooks.idle();

    const deliveries = emu.control.webhooks.deliveries();
    const rows = inbox.listChronological({ limit: 10_000 });
    expect(rows.length).toBe(deliveries.length);
    expect(rows.every((r) => r.valid && r.status === 200)).toBe(true);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(emitted);

    // Exactly the first arrival of each event id is original; every later one points at it.
    const firstById = new Map<string, number>();
    for (const r of rows) {
      const first = firstById.get(r.eventId ?? '');
      if (first === undefined) {
        expect(r.duplicateOf).toBeNull();
        firstById.set(r.eventId ?? '', r.id);
      } else {
        expect(r.duplicateOf).toBe(first);
      }
    }
    expect(rows.filter((r) => r.duplicateOf !== null).length).toBe(deliveries.filter((d) => d.duplicate).length);

    // Out of order: an event older than one already received about the same object.
    const newest = new Map<string, number>();
    for (const r of rows) {
      if (r.duplicateOf !== null || r.entityKey === null) continue;
      const t = Date.parse(r.eventCreatedAt ?? '');
      const seen = newest.get(r.entityKey);
      expect(r.outOfOrder).toBe(seen !== undefined && seen > t);
      if (seen === undefined || t >= seen) newest.set(r.entityKey, t);
    }
    // The exact bytes the emulator sent are what the inbox holds.
    const sample = deliveries[0];
    const stored = rows.find((r) => r.eventId === sample?.eventId);
    expect(Buffer.from(inbox.get(stored?.id ?? 0)?.body ?? []).toString('utf8')).toBe(sample?.body);
  });
});
