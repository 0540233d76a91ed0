/**
 * The events poller over several pages: pages read ahead are applied in order, each batch and
 * its cursor commit together, and a page that fails leaves every earlier page applied and the
 * cursor on the last applied event, so the next poll continues exactly there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCursor, writeCursor } from '../../../src/main/store/cursors.ts';
import { upsertDirectory } from '../../../src/main/store/directory-writes.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { directoryFromWire } from '../../../src/main/store/records.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runEventsSync } from '../../../src/main/sync/events-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir, wireDirectory, wireUser } from '../store/helpers.ts';
import { fakeWorld, startFake, type FakeWorld } from './fake-workos.ts';

let store: Store;
let cleanupDir: () => void;
let world: FakeWorld;
let fake: Awaited<ReturnType<typeof startFake>>;

const eventId = (n: number) => `event_${String(n).padStart(5, '0')}`;

beforeEach(async () => {
  const t = tempDir();
  cleanupDir = t.cleanup;
  store = storeWithProfile(t.dir);
  upsertDirectory(
    store.writer,
    {
      profileId: 'p1',
      at: '2026-01-01T00:00:00.000Z',
      source: 'full_sync',
      runId: null,
      eventId: null,
      baseline: true,
    },
    directoryFromWire(wireDirectory()),
  );
  writeCursor(store.writer, 'p1', {
    afterEventId: null,
    lastEventAt: null,
    rangeStart: '2026-01-01T00:00:00.000Z',
    updatedAt: new Date().toISOString(),
  });
  world = fakeWorld();
  // 350 users created in the last hour, one event each: pages of 100, 100, 100 and 50.
  const start = Date.now() - 3600_000;
  for (let n = 0; n < 350; n++) {
    const at = new Date(start + n * 1000).toISOString();
    world.events.push({
      object: 'event',
      id: eventId(n),
      event: 'dsync.user.created',
      data: wireUser(`u${n}`, { created_at: at, updated_at: at }),
      created_at: at,
    });
  }
  fake = await startFake(world);
});
afterEach(async () => {
  await fake.close();
  store.close();
  cleanupDir();
});

const client = () =>
  new WorkosClient({
    apiKey: 'sk_test_fake',
    baseUrl: fake.url,
    rateLimits: scaledRateLimits(1000),
    random: () => 0.5,
    retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
  });
const userCount = () => queryAll<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM users`)[0]!.n;

describe('events sync over several pages', () => {
  it('applies every page in order and leaves the cursor on the last event', async () => {
    const summary = await runEventsSync({ store, client: client(), profileId: 'p1' });
    expect(summary.status).toBe('succeeded');
    expect(summary.outcomes.applied).toBe(350);
    expect(summary.events).toBe(350);
    expect(summary.requests).toBe(4);
    expect(userCount()).toBe(350);
    expect(readCursor(store.reader, 'p1')).toMatchObject({ afterEventId: eventId(349), rangeStart: null });
  });

  it('keeps the pages before a failed one, with the cursor on their last event, and the next poll continues', async () => {
    world.override = (path, query) =>
      path === '/events' && query.get('after') === eventId(199) ? { status: 500, body: { message: 'down' } } : null;
    const failed = await runEventsSync({ store, client: client(), profileId: 'p1' });
    expect(failed.status).toBe('failed');
    expect(userCount()).toBe(200);
    expect(readCursor(store.reader, 'p1')!.afterEventId).toBe(eventId(199));

    world.override = undefined;
    const next = await runEventsSync({ store, client: client(), profileId: 'p1' });
    expect(next.status).toBe('succeeded');
    expect(next.outcomes).toMatchObject({ applied: 150, duplicate: 0 });
    expect(userCount()).toBe(350);
    expect(readCursor(store.reader, 'p1')!.afterEventId).toBe(eventId(349));
  });

  it('stamps the poll time on the cursor when there is nothing new', async () => {
    await runEventsSync({ store, client: client(), profileId: 'p1' });
    const before = readCursor(store.reader, 'p1')!;
    const later = Date.parse(before.updatedAt) + 60_000;
    const idle = await runEventsSync({ store, client: client(), profileId: 'p1', now: () => later });
    expect(idle.events).toBe(0);
    expect(readCursor(store.reader, 'p1')).toEqual({ ...before, updatedAt: new Date(later).toISOString() });
  });
});
