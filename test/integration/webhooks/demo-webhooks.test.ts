/**
 * The Demo profile shows webhooks working out of the box: its emulator delivers signed events
 * to the console's own receiver, which verifies them (with the demo's secret) into the inbox.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { createConsoleCore } from '../../../src/main/core/console-core.ts';
import { silentLogger } from '../../../src/main/log.ts';
import type { InboxItemSummary } from '../../../src/shared/api.ts';

const core = createConsoleCore({
  dataDir: mkdtempSync(join(tmpdir(), 'dsync-demo-wh-')),
  transport: 'web',
  log: silentLogger,
  autoSync: false,
  queryWorker: false,
});

afterAll(() => core.close());

it('delivers the demo scenario as verified webhooks to the console receiver', async () => {
  let emu: RunningEmulator | undefined;
  core.context.profileManager.demo.onStart((e) => {
    emu = e;
  });
  await core.context.profileManager.demo.connection();
  const received = new Promise<InboxItemSummary>((resolve) => {
    const stop = core.events.subscribe((name, payload) => {
      if (name === 'webhookReceived') {
        stop();
        resolve(payload as InboxItemSummary);
      }
    });
  });
  emu!.control.step('joiner');
  const delivery = await received;
  expect(delivery.valid).toBe(true);
  expect(delivery.reason).toBe('ok');
  expect(delivery.eventType).toMatch(/^dsync\./);
  // The secret is configured but never shown.
  expect(JSON.stringify(await core.call('listInbox', {}))).not.toContain(emu!.webhookSecret);
});
