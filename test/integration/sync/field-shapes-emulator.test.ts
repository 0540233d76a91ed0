/**
 * WorkOS's field deprecation (15 Apr 2026: `raw_attributes: {}`, legacy `emails`/`username`/
 * `job_title` emptied): the emulator serves today's shapes by default and the old ones with
 * `legacyFields`, both sync to a cache equal to the truth, and a cache filled from the old
 * shapes that then reads the new ones records no change (the directory did not change).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runEventsSync } from '../../../src/main/sync/events-sync.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';
import { expectCacheEqualsTruth } from './truth.ts';

const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function emulator(legacyFields: boolean): Promise<{ emu: RunningEmulator; client: WorkosClient }> {
  const emu = await startEmulator({
    seed: 'small',
    users: 15,
    directories: 2,
    rateLimitScale: 50,
    randomSeed: 5,
    eventsHoldBackMs: 0,
    legacyFields,
  });
  open.push(emu);
  return { emu, client: new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) }) };
}

function store(): Store {
  const t = tempDir();
  const s = storeWithProfile(t.dir);
  open.push({ close: () => (s.close(), t.cleanup()) });
  return s;
}

const changeFields = (s: Store, runId: string | null) =>
  queryAll<{ field: string | null }>(s.reader, sql`SELECT field FROM changes WHERE run_id = ${runId}`).map(
    (r) => r.field,
  );

describe('current and legacy user shapes', () => {
  it('serves today’s shapes by default and the old ones with legacyFields', async () => {
    const current = (await emulator(false)).emu.control.truth().users;
    const legacy = (await emulator(true)).emu.control.truth().users;
    expect(current.length).toBeGreaterThan(0);
    for (const u of current) {
      expect(u).toMatchObject({ raw_attributes: {}, emails: [], username: null, job_title: null });
      expect(Array.isArray(u.roles)).toBe(true);
    }
    expect(legacy.some((u) => u.job_title !== null && u.username !== null && u.emails.length > 0)).toBe(true);
    // Same seed, same people: only the deprecated fields differ (and backdated history's
    // versions, which follow the clock each emulator started at).
    const strip = (u: (typeof current)[number]) => ({
      ...u,
      raw_attributes: {},
      emails: [],
      username: null,
      job_title: null,
      updated_at: '',
    });
    expect(legacy.map(strip)).toEqual(current.map(strip));
  });

  for (const legacyFields of [false, true]) {
    it(`${legacyFields ? 'legacy' : 'current'} shapes: full and events syncs equal the truth, changes name only what moved`, async () => {
      const { emu, client } = await emulator(legacyFields);
      const s = store();
      expect((await runFullSync({ store: s, client, profileId: 'p1' })).status).toBe('succeeded');
      expectCacheEqualsTruth(s, emu);
      emu.control.step('mover');
      const summary = await runEventsSync({ store: s, client, profileId: 'p1' });
      expect(summary.status, summary.error ?? '').toBe('succeeded');
      expectCacheEqualsTruth(s, emu);
      const fields = changeFields(s, summary.runId);
      expect(fields.some((f) => f?.startsWith('custom_attributes.'))).toBe(true);
      // A mover's title moves in job_title only where WorkOS still sends it.
      expect(fields.includes('job_title')).toBe(legacyFields);
    });
  }

  it('a cache filled from the old shapes records no change when WorkOS starts sending the new ones', async () => {
    const s = store();
    const before = await emulator(true);
    expect((await runFullSync({ store: s, client: before.client, profileId: 'p1' })).status).toBe('succeeded');
    const after = await emulator(false);
    const reconcile = await runFullSync({
      store: s,
      client: after.client,
      profileId: 'p1',
      kind: 'reconcile',
      reason: 'test',
    });
    expect(reconcile.status).toBe('succeeded');
    expect(changeFields(s, reconcile.runId)).toEqual([]);
    expect(reconcile.changes).toBe(0);
    // The cache now holds what WorkOS sends today, and still has every email.
    expectCacheEqualsTruth(s, after.emu);
    const emails = queryAll<{ n: number }>(s.reader, sql`SELECT count(*) AS n FROM users WHERE email IS NOT NULL`)[0]!
      .n;
    expect(emails).toBeGreaterThan(0);
  });
});
