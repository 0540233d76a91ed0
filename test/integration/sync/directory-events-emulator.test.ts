/**
 * Directory-level events against the emulator: unlinking a directory (`dsync.deactivated`)
 * must move the cached directory's state, health and change log at the next events sync, and
 * at once when the same event arrives as a webhook; relinking (`dsync.activated`) moves them back.
 * The same through the CLI: cli-directory-unlink.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { listDirectorySummaries } from '../../../src/main/store/queries/directories-query.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runEventsSync } from '../../../src/main/sync/events-sync.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { applyWebhookToCache } from '../../../src/main/webhooks/apply-to-cache.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';

let emu: RunningEmulator;
let polled: Store;
let hooked: Store;
let client: WorkosClient;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: 'small', users: 20, directories: 2, rateLimitScale: 50, eventsHoldBackMs: 0 });
  client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) });
  const a = tempDir();
  const b = tempDir();
  cleanups.push(a.cleanup, b.cleanup);
  polled = storeWithProfile(a.dir);
  hooked = storeWithProfile(b.dir);
  for (const store of [polled, hooked]) {
    expect((await runFullSync({ store, client, profileId: 'p1' })).status).toBe('succeeded');
  }
});
afterAll(async () => {
  await emu.close();
  polled.close();
  hooked.close();
  for (const c of cleanups) c();
});

const summaryOf = (store: Store, id: string) => listDirectorySummaries(store.reader, 'p1').find((d) => d.id === id)!;
const stateChanges = (store: Store, id: string) =>
  queryAll<{ after_json: string; source: string }>(
    store.reader,
    sql`SELECT after_json, source FROM changes WHERE entity_id = ${id} AND kind = 'state_changed' ORDER BY seq`,
  );

describe('directory unlink and relink', () => {
  it('an events sync after directory_unlink shows the directory unlinked and its health critical', async () => {
    const id = emu.control.truth().directories[0]!.id;
    expect(summaryOf(polled, id).state).toBe('linked');
    const step = emu.control.step('directory_unlink', { directoryId: id });
    expect(step.events.map((e) => e.event)).toEqual(['dsync.deactivated']);

    const summary = await runEventsSync({ store: polled, client, profileId: 'p1' });
    expect(summary.status, summary.error ?? '').toBe('succeeded');
    expect(summary.outcomes.applied).toBe(1);
    const dir = summaryOf(polled, id);
    expect(dir.state).toBe('unlinked');
    expect(dir.verdict).toBe('critical');
    expect(dir.reasons[0]).toMatch(/unlinked/);
    expect(stateChanges(polled, id)).toEqual([{ after_json: '"unlinked"', source: 'events' }]);

    // The same event as a webhook: applied at once, then the poll sees a duplicate.
    const apps = applyWebhookToCache(hooked.writer, Buffer.from(JSON.stringify(step.events[0])));
    expect(apps).toEqual([{ profileId: 'p1', outcome: 'applied' }]);
    expect(summaryOf(hooked, id)).toMatchObject({ state: 'unlinked', verdict: 'critical' });
    const later = await runEventsSync({ store: hooked, client, profileId: 'p1' });
    expect(later.outcomes.duplicate).toBe(1);
    expect(stateChanges(hooked, id)).toEqual([{ after_json: '"unlinked"', source: 'webhook' }]);
  });

  it('directory_relink brings the state back to linked', async () => {
    const id = emu.control.truth().directories[0]!.id;
    const step = emu.control.step('directory_relink', { directoryId: id });
    expect(step.events.map((e) => e.event)).toEqual(['dsync.activated']);
    await runEventsSync({ store: polled, client, profileId: 'p1' });
    expect(summaryOf(polled, id).state).toBe('linked');
    expect(stateChanges(polled, id).map((r) => r.after_json)).toEqual(['"unlinked"', '"linked"']);
  });
});
