/**
 * Events hold-back (docs/workos-api.md §8) with webhooks: a change delivered by webhook is
 * applied at once; an events poll right then sees nothing and leaves the cursor alone (the
 * cursor never moves from a webhook); the poll the webhook triggers waits past the hold-back,
 * reads the event from the Events API, and applies nothing twice (no duplicate change rows).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import type { SyncProgress } from '../../../src/shared/api.ts';
import { silentLogger } from '../../../src/main/log.ts';
import { FileKeyStore } from '../../../src/main/profiles/key-store.ts';
import { ProfileManager } from '../../../src/main/profiles/profile-manager.ts';
import { readCursor } from '../../../src/main/store/cursors.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import { runEventsSync } from '../../../src/main/sync/events-sync.ts';
import { SyncService } from '../../../src/main/sync/sync-service.ts';
import { applyWebhookToCache, type CacheApplication } from '../../../src/main/webhooks/apply-to-cache.ts';
import { WebhookService } from '../../../src/main/webhooks/service.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { tempDir } from '../../unit/store/helpers.ts';

const HOLD_BACK_MS = 1000;
let emu: RunningEmulator;
let store: Store;
let profiles: ProfileManager;
let sync: SyncService;
let webhooks: WebhookService;
let dir: { dir: string; cleanup: () => void };
let profileId: string;
const progress: SyncProgress[] = [];
const progressWaiters: (() => void)[] = [];
const applied: CacheApplication[] = [];
const appliedWaiters: (() => void)[] = [];

function next<T>(waiters: (() => void)[], value: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const check = (): void => {
      const v = value();
      if (v !== undefined) resolve(v);
      else waiters.push(check);
    };
    check();
  });
}
const wake = (waiters: (() => void)[]): void => {
  for (const w of waiters.splice(0)) w();
};

beforeAll(async () => {
  emu = await startEmulator({
    seed: 'small',
    users: 10,
    directories: 1,
    rateLimitScale: 50,
    eventsHoldBackMs: HOLD_BACK_MS,
  });
  dir = tempDir();
  store = openStore(join(dir.dir, 'cache.sqlite'));
  profiles = new ProfileManager({ store, keys: new FileKeyStore(dir.dir), envKey: null });
  profileId = profiles.create({ name: 'emu', apiBaseUrl: emu.url, apiKey: emu.apiKey }).id;
  sync = new SyncService({
    store,
    profiles,
    log: silentLogger,
    pollMs: 3600_000, // only the webhook-triggered poll runs during the test
    scheduling: true,
    onProgress: (p) => {
      progress.push(p);
      wake(progressWaiters);
    },
  });
  expect((await sync.run(profileId, 'full')).full?.status).toBe('succeeded');
  webhooks = new WebhookService({
    log: silentLogger,
    applyToCache: (body) => applyWebhookToCache(store.writer, body),
    onApplied: (apps) => {
      applied.push(...apps);
      // What the core does (console-core.ts), with a delay just past this emulator's hold-back.
      for (const a of apps) if (a.outcome === 'applied') sync.pollAfterWebhook(a.profileId, HOLD_BACK_MS + 500);
      wake(appliedWaiters);
    },
  });
  const status = await webhooks.start({
    port: 0,
    path: '/webhooks/workos',
    secrets: [emu.webhookSecret],
    toleranceS: 180,
    applyToCache: true,
  });
  emu.control.webhooks.add(status.url ?? '');
});
afterAll(async () => {
  await webhooks.close();
  await sync.close();
  await profiles.close();
  await emu.close();
  store.close();
  dir.cleanup();
});

describe('a webhook, then the Events API', () => {
  it('applies the change once: at once from the webhook, a duplicate from the later poll', async () => {
    const cursorBefore = readCursor(store.reader, profileId);
    const mark = progress.length;
    const step = emu.control.step('rename');
    expect(step.events).toHaveLength(1);
    const userId = String(step.events[0]!.data.id);
    await next(appliedWaiters, () => (applied.length > 0 ? true : undefined));
    expect(applied).toEqual([{ profileId, outcome: 'applied' }]);
    const rows = () =>
      queryAll<{ source: string; field: string }>(
        store.reader,
        sql`SELECT source, field FROM changes WHERE entity_id = ${userId} AND kind = 'changed' ORDER BY seq`,
      );
    const fromWebhook = rows();
    expect(fromWebhook.length).toBeGreaterThan(0);
    expect(new Set(fromWebhook.map((r) => r.source))).toEqual(new Set(['webhook']));
    // The webhook did not touch the cursor.
    expect(readCursor(store.reader, profileId)?.afterEventId).toBe(cursorBefore?.afterEventId);

    // A poll right now: the event is still held back, so nothing is read and the cursor stays.
    const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) });
    const immediate = await runEventsSync({ store, client, profileId });
    expect(immediate.events).toBe(0);
    expect(readCursor(store.reader, profileId)?.afterEventId).toBe(cursorBefore?.afterEventId);

    // The poll the webhook scheduled runs after the hold-back: it reads the event, a duplicate.
    const done = await next(progressWaiters, () =>
      progress.slice(mark).find((p) => p.phase === 'done' && p.directoryId === null && p.runId !== null),
    );
    const run = queryAll<{ kind: string; changes: number }>(
      store.reader,
      sql`SELECT kind, changes FROM sync_runs WHERE id = ${done.runId}`,
    )[0]!;
    expect(run).toEqual({ kind: 'events', changes: 0 });
    expect(readCursor(store.reader, profileId)?.afterEventId).toBe(step.events[0]!.id);
    expect(rows()).toEqual(fromWebhook);
  });
});
