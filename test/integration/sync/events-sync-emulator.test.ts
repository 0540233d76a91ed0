/**
 * Incremental sync against the emulator: after every scenario step, applying the new events
 * must leave the cache equal to the emulator's truth (what a fresh full sync would give), the
 * change log must name the users each step touched, and replays must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { readCursor, writeCursor } from '../../../src/main/store/cursors.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runEventsSync } from '../../../src/main/sync/events-sync.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { PAGE_LIMIT, WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';
import { expectCacheEqualsTruth } from './truth.ts';

let emu: RunningEmulator;
let store: Store;
let client: WorkosClient;
let cleanup: () => void;

beforeAll(async () => {
  emu = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 60, directories: 2, rateLimitScale: 50 });
  const t = tempDir();
  store = storeWithProfile(t.dir);
  cleanup = t.cleanup;
  client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) });
  const full = await runFullSync({ store, client, profileId: 'p1' });
  expect(full.status).toBe('succeeded');
});
afterAll(async () => {
  await emu.close();
  store.close();
  cleanup();
});

describe('incremental sync through the Events API', () => {
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
    'directory_invalid_credentials',
    'directory_relink',
  ];
  for (const scenario of scenarios) {
    it(`equals the truth after "${scenario}" and logs the change`, async () => {
      const step = emu.control.step(scenario);
      const summary = await runEventsSync({ store, client, profileId: 'p1' });
      expect(summary.status, summary.error ?? '').toBe('succeeded');
      expect(summary.outcomes.applied + summary.outcomes.new_directory).toBeGreaterThanOrEqual(
        step.events.length > 0 ? 1 : 0,
      );
      expectCacheEqualsTruth(store, emu);
      // A full first page means more may follow: the writer thread applies while the next is read.
      if (step.events.length === 0) expect(summary.writer).toBeNull();
      else expect(summary.writer).toMatch(step.events.length >= PAGE_LIMIT ? /^writer thread$/ : /^inline/);
      if (summary.runId && step.events.length > 0) {
        const logged = queryAll<{ n: number }>(
          store.reader,
          sql`SELECT count(*) AS n FROM changes WHERE run_id = ${summary.runId}`,
        )[0]!.n;
        expect(logged).toBeGreaterThan(0);
      }
    });
  }

  it('equals the truth after a burst of changes spanning several event pages', async () => {
    let made = 0;
    while (made < 250) made += emu.control.step('mixed').events.length;
    const summary = await runEventsSync({ store, client, profileId: 'p1' });
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.events).toBe(made);
    expect(summary.requests).toBeGreaterThanOrEqual(3);
    expect(summary.writer).toBe('writer thread');
    expectCacheEqualsTruth(store, emu);
  });

  it('gathers the pages of a catch-up into one transaction on the writer thread', async () => {
    let made = 0;
    while (made < 250) made += emu.control.step('mixed').events.length;
    // A gather longer than any test: only the chain's end (a short page) closes the batch.
    const summary = await runEventsSync({ store, client, profileId: 'p1', gatherMs: 60_000 });
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.events).toBe(made);
    expect(summary.requests).toBeGreaterThanOrEqual(3);
    expect(summary.transactions).toBe(1);
    expect(summary.writer).toBe('writer thread');
    expectCacheEqualsTruth(store, emu);
  });

  it('changes nothing when the same events are replayed or arrive out of order', async () => {
    emu.control.step('mixed');
    emu.control.step('mixed');
    const cursorBefore = readCursor(store.writer, 'p1')!;
    await runEventsSync({ store, client, profileId: 'p1' });
    const changesBefore = queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes`)[0]!.n;
    // Rewind the cursor: every event since is delivered again.
    writeCursor(store.writer, 'p1', cursorBefore);
    const replay = await runEventsSync({ store, client, profileId: 'p1' });
    expect(replay.outcomes.applied).toBe(0);
    expect(replay.outcomes.duplicate).toBeGreaterThan(0);
    expect(queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes`)[0]!.n).toBe(changesBefore);
    expectCacheEqualsTruth(store, emu);
  });

  it('asks for a full sync, with the reason, when the cursor is older than 30 days', async () => {
    const cursor = readCursor(store.writer, 'p1')!;
    writeCursor(store.writer, 'p1', { ...cursor, updatedAt: new Date(Date.now() - 31 * 24 * 3600_000).toISOString() });
    const summary = await runEventsSync({ store, client, profileId: 'p1' });
    expect(summary.status).toBe('needs_full_sync');
    expect(summary.fullSyncReason).toMatch(/30 days/);
    writeCursor(store.writer, 'p1', cursor);
  });

  it('records drift found by a reconcile full sync', async () => {
    emu.control.step('joiner');
    // No events applied: the reconcile must find the joiner itself.
    const reconcile = await runFullSync({
      store,
      client,
      profileId: 'p1',
      kind: 'reconcile',
      reason: 'periodic reconcile',
    });
    expect(reconcile.status).toBe('succeeded');
    expect(reconcile.changes).toBeGreaterThan(0);
    expectCacheEqualsTruth(store, emu);
    const changesBefore = queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes`)[0]!.n;
    // The joiner's events now arrive after the reconcile already applied them: no new history.
    await runEventsSync({ store, client, profileId: 'p1' });
    expect(queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes`)[0]!.n).toBe(changesBefore);
    expectCacheEqualsTruth(store, emu);
  });
});
