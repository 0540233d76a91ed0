/**
 * The receiver applies verified dsync.* deliveries to the cache: after a full sync, the
 * emulator's scenarios arrive only as webhooks (with duplicates, reordering and random delays)
 * and the cache ends equal to the emulator's truth, with the changes logged as source webhook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { silentLogger } from '../../../src/main/log.ts';
import {
  applyWebhookToCache,
  previewWebhookApply,
  type CacheApplication,
} from '../../../src/main/webhooks/apply-to-cache.ts';
import { WebhookService } from '../../../src/main/webhooks/service.ts';
import { SqliteInbox } from '../../../src/main/webhooks/sqlite-inbox.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';
import { expectCacheEqualsTruth } from '../sync/truth.ts';

const SECRET = 'whsec_apply_to_cache';
let emu: RunningEmulator;
let store: Store;
let service: WebhookService;
let cleanup: () => void;
const applications: CacheApplication[] = [];

beforeAll(async () => {
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 40,
    directories: 2,
    rateLimitScale: 50,
    randomSeed: 11,
  });
  const t = tempDir();
  cleanup = t.cleanup;
  store = storeWithProfile(t.dir);
  const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) });
  expect((await runFullSync({ store, client, profileId: 'p1' })).status).toBe('succeeded');
  service = new WebhookService({
    log: silentLogger,
    inbox: new SqliteInbox(store.writer, store.reader),
    applyToCache: (body) => applyWebhookToCache(store.writer, body),
    onApplied: (apps) => applications.push(...apps),
  });
  const status = await service.start({
    port: 0,
    path: '/webhooks/workos',
    secrets: [SECRET],
    toleranceS: 180,
    applyToCache: true,
  });
  expect(status.applyToCache).toBe(true);
  emu.control.webhooks.add(status.url ?? '');
});
afterAll(async () => {
  await service.close();
  await emu.close();
  store.close();
  cleanup();
});

describe('webhooks applied to the cache', () => {
  it('converge on the emulator truth with duplicate deliveries, logged as source webhook', async () => {
    await service.start({
      port: 0,
      path: '/webhooks/workos',
      secrets: [emu.webhookSecret],
      toleranceS: 180,
      applyToCache: true,
    });
    for (const url of emu.control.webhooks.endpoints()) emu.control.webhooks.remove(url);
    emu.control.webhooks.add(service.status().url ?? '');
    emu.control.webhooks.configure({ duplicateRate: 0.4, reorder: true, delayMs: 20 });
    const scenarios = [
      'joiner',
      'mover',
      'leaver',
      'deactivate',
      'reactivation',
      'rename',
      'membership_change',
      'group_create',
      'group_rename',
      'group_delete',
      'bulk_reorg',
      'mixed',
      'mixed',
      'mixed',
    ];
    // Every step's deliveries in flight together: shuffled within a step and randomly delayed,
    // so events of different steps overtake each other (e.g. a delete before its last update).
    for (const s of scenarios) emu.control.step(s);
    await emu.control.webhooks.idle();
    const rows = service.inbox.listChronological({ limit: 100_000 });
    expect(rows.length).toBe(emu.control.webhooks.deliveries().length);
    expect(rows.every((r) => r.valid)).toBe(true);
    expect(applications.some((a) => a.outcome === 'applied')).toBe(true);
    expect(applications.some((a) => a.outcome === 'duplicate')).toBe(true);
    expectCacheEqualsTruth(store, emu);
    const bySource = queryAll<{ source: string; n: number }>(
      store.reader,
      sql`SELECT source, count(*) AS n FROM changes GROUP BY source`,
    );
    expect(bySource.find((r) => r.source === 'webhook')?.n ?? 0).toBeGreaterThan(0);
  });

  it('a body nested past recursion depth is neither applied nor previewed, and nothing throws', () => {
    const user = emu.control.truth().users[0];
    if (!user) throw new Error('no user in the emulator');
    const { groups: _groups, ...wire } = user;
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const body = JSON.stringify({
      id: 'event_deep_1',
      event: 'dsync.user.updated',
      data: {
        ...wire,
        custom_attributes: { nested: '__DEEP__' },
        updated_at: new Date(Date.now() + 60_000).toISOString(),
      },
      created_at: new Date().toISOString(),
    }).replace('"__DEEP__"', deep);
    expect(applyWebhookToCache(store.writer, Buffer.from(body))).toEqual([]);
    expect(previewWebhookApply(store.writer, body)).toMatchObject({
      profiles: [],
      note: 'JSON nested deeper than 256 levels; not re-serialised: nothing to apply.',
    });
    expectCacheEqualsTruth(store, emu);
  });

  it('previews what an event would change without changing anything', () => {
    const user = emu.control.truth().users[0];
    if (!user) throw new Error('no user in the emulator');
    const { groups: _groups, ...wire } = user;
    const body = JSON.stringify({
      id: 'event_preview_1',
      event: 'dsync.user.updated',
      data: { ...wire, first_name: 'Previewed', updated_at: new Date(Date.now() + 60_000).toISOString() },
      created_at: new Date().toISOString(),
    });
    const countChanges = () => queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes`)[0]?.n;
    const before = countChanges();
    const preview = previewWebhookApply(store.writer, body);
    expect(preview.note).toBeNull();
    expect(preview.profiles).toHaveLength(1);
    expect(preview.profiles[0]).toMatchObject({ profileId: 'p1', outcome: 'applied' });
    expect(preview.profiles[0]?.changes).toContainEqual(
      expect.objectContaining({
        entityType: 'user',
        entityId: user.id,
        kind: 'changed',
        field: 'first_name',
        after: '"Previewed"',
      }),
    );
    // Rolled back: the change log and the user are as they were, and the event id is not marked applied.
    expect(countChanges()).toBe(before);
    expectCacheEqualsTruth(store, emu);
    expect(previewWebhookApply(store.writer, body).profiles[0]?.outcome).toBe('applied');

    const elsewhere = previewWebhookApply(
      store.writer,
      body.replaceAll(String(user.directory_id), 'directory_unknown'),
    );
    expect(elsewhere.profiles).toEqual([]);
    expect(elsewhere.note).toMatch(/No profile's cache holds directory directory_unknown/);
    expect(previewWebhookApply(store.writer, 'not json').note).toBe('The body is not JSON.');
  });

  it('a paused profile’s cache holds still: the delivery is answered paused and applies once resumed', () => {
    const user = emu.control.truth().users[0];
    if (!user) throw new Error('no user in the emulator');
    const { groups: _groups, ...wire } = user;
    const body = Buffer.from(
      JSON.stringify({
        id: 'event_paused_1',
        event: 'dsync.user.updated',
        data: { ...wire, first_name: 'WhilePaused', updated_at: new Date(Date.now() + 120_000).toISOString() },
        created_at: new Date().toISOString(),
      }),
    );
    const firstName = () =>
      queryAll<{ first_name: string }>(store.reader, sql`SELECT first_name FROM users WHERE id = ${user.id}`)[0]
        ?.first_name;
    const before = firstName();
    expect(applyWebhookToCache(store.writer, body, { isPaused: (p) => p === 'p1' })).toEqual([
      { profileId: 'p1', outcome: 'paused' },
    ]);
    expect(firstName()).toBe(before);
    // Not marked as seen while paused: the same event applies when the profile is not paused.
    expect(applyWebhookToCache(store.writer, body)).toEqual([{ profileId: 'p1', outcome: 'applied' }]);
    expect(firstName()).toBe('WhilePaused');
  });
});
