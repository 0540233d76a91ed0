/**
 * Scenario 4: incremental sync through the Events API onto a large cache. The emulator is
 * started with the same seed the cache was built from (same ids), changes are made with its
 * scenarios until N events exist, then one events sync reads and applies them all (each page
 * and its cursor in one transaction, with change-log rows). Then single changes are made and
 * the time until each is visible on the read connection is measured, with the sync triggered
 * at once (a poller adds its interval on top).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { writeCursor } from '../../src/main/store/cursors.ts';
import { queryOne } from '../../src/main/store/exec.ts';
import { sql } from '../../src/main/store/sql.ts';
import { openStore, type Store } from '../../src/main/store/store.ts';
import { runEventsSync } from '../../src/main/sync/events-sync.ts';
import { WorkosClient } from '../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import type { BenchArgs } from '../lib/args.ts';
import { ensureBigCache } from '../lib/big-cache.ts';
import { judge, type ScenarioReport } from '../lib/report.ts';
import { RANDOM_SEED, fleet } from '../lib/seeds.ts';
import { fmt, percentile, round } from '../lib/stats.ts';

const TARGET_EVENTS_PER_SECOND = 5000;

/** A client whose event-page fetches are timed, so apply time can be told from network time. */
function timedClient(emu: RunningEmulator, scale: number): { client: WorkosClient; fetchMs: () => number } {
  const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(scale) });
  let fetchMs = 0;
  const listEvents = client.listEvents.bind(client);
  client.listEvents = async (...args) => {
    const t0 = performance.now();
    try {
      return await listEvents(...args);
    } finally {
      fetchMs += performance.now() - t0;
    }
  };
  return { client, fetchMs: () => fetchMs };
}

function makeEvents(
  emu: RunningEmulator,
  wanted: number,
): { events: number; changes: number; lastEventId: string | null } {
  let events = 0;
  let changes = 0;
  let lastEventId: string | null = null;
  while (events < wanted) {
    const step = emu.control.step('mixed');
    events += step.events.length;
    changes += step.changes.length;
    lastEventId = step.events[step.events.length - 1]?.id ?? lastEventId;
  }
  return { events, changes, lastEventId };
}

function visible(store: Store, profileId: string, eventId: string): boolean {
  return (
    queryOne<{ n: number }>(
      store.reader,
      sql`SELECT count(*) AS n FROM changes WHERE profile_id = ${profileId} AND event_id = ${eventId}`,
    )!.n > 0
  );
}

export async function incrementalScenario(
  args: BenchArgs,
  size: { cacheUsers: number; directories: number; changes: number; diffChanges: number },
  log: (line: string) => void,
): Promise<ScenarioReport> {
  const cache = await ensureBigCache(
    { users: size.cacheUsers, directories: size.directories, diffChanges: size.diffChanges },
    log,
  );
  const dir = mkdtempSync(join(tmpdir(), 'dsync-bench-incr-'));
  const path = join(dir, 'cache.sqlite');
  copyFileSync(cache.path, path);
  const emu = await startEmulator({
    seed: fleet(cache.directories, Math.round(cache.users / cache.directories)),
    randomSeed: RANDOM_SEED,
    rateLimitScale: args.scale,
    latencyMs: args.latencyMs,
  });
  let store: Store | null = null;
  try {
    store = openStore(path);
    const profileId = cache.profileId;
    const startAt = new Date(Date.now() - 1000).toISOString();
    writeCursor(store.writer, profileId, {
      afterEventId: null,
      lastEventAt: null,
      rangeStart: startAt,
      updatedAt: startAt,
    });
    const made = makeEvents(emu, size.changes);
    log(`  made ${fmt(made.events)} events (${fmt(made.changes)} emulator changes)`);

    const { client, fetchMs } = timedClient(emu, args.scale);
    const changesBefore = queryOne<{ n: number }>(
      store.reader,
      sql`SELECT count(*) AS n FROM changes WHERE profile_id = ${profileId}`,
    )!.n;
    const t0 = performance.now();
    const summary = await runEventsSync({ store, client, profileId });
    const seconds = (performance.now() - t0) / 1000;
    if (summary.status !== 'succeeded')
      throw new Error(`events sync ${summary.status}: ${summary.error ?? summary.fullSyncReason ?? ''}`);
    const changeRows =
      queryOne<{ n: number }>(store.reader, sql`SELECT count(*) AS n FROM changes WHERE profile_id = ${profileId}`)!.n -
      changesBefore;
    const handled = Object.values(summary.outcomes).reduce((a, b) => a + b, 0);
    const applySeconds = seconds - fetchMs() / 1000;
    const endToEnd = handled / seconds;
    const applyRate = handled / applySeconds;
    const allVisible = made.lastEventId ? visible(store, profileId, made.lastEventId) : false;

    // Change-to-visible lag of single changes, the sync started as soon as the change exists.
    const lags: number[] = [];
    for (let i = 0; i < 7; i++) {
      let eventId: string | undefined;
      let tChange = 0;
      while (!eventId) {
        const step = emu.control.step('mixed');
        tChange = performance.now();
        eventId = step.events.find((e) => e.event.startsWith('dsync.user') || e.event.startsWith('dsync.group'))?.id;
      }
      await runEventsSync({ store, client, profileId });
      if (visible(store, profileId, eventId)) lags.push(performance.now() - tChange);
    }
    return {
      scenario: 'incremental',
      title: 'Incremental sync through the Events API',
      setup: `cache of ${fmt(cache.users)} users / ${cache.directories} directories (copy of the query scenario's cache); ${fmt(made.events)} events from the emulator's mixed scenarios; latency ${args.latencyMs} ms, limits ×${args.scale}`,
      figures: [
        {
          name: 'events applied per second, apply only (incl. change log)',
          value: `${fmt(applyRate)} /s (${fmt(handled)} events, ${fmt(changeRows)} change rows in ${round(applySeconds, 2)} s)`,
          target: `≥ ${fmt(TARGET_EVENTS_PER_SECOND)}/s`,
          verdict: judge(applyRate, '>=', TARGET_EVENTS_PER_SECOND),
        },
        {
          name: 'events per second end to end (fetch + apply)',
          value: `${fmt(endToEnd)} /s (${round(seconds, 2)} s, ${summary.requests} requests)`,
          target: `≥ ${fmt(TARGET_EVENTS_PER_SECOND)}/s`,
          verdict: judge(endToEnd, '>=', TARGET_EVENTS_PER_SECOND),
        },
        {
          name: 'change-to-visible lag, sync triggered at once (p50 / max)',
          value: `${round(percentile(lags, 0.5), 0)} / ${round(Math.max(...lags), 0)} ms over ${lags.length} changes`,
          verdict: lags.length === 7 && allVisible ? 'info' : 'missed',
        },
      ],
      details: {
        cacheUsers: cache.users,
        events: made.events,
        emulatorChanges: made.changes,
        outcomes: summary.outcomes,
        changeRows,
        seconds: round(seconds, 3),
        fetchSeconds: round(fetchMs() / 1000, 3),
        applySeconds: round(applySeconds, 3),
        eventsPerSecondApply: round(applyRate, 0),
        eventsPerSecondEndToEnd: round(endToEnd, 0),
        lastEventVisible: allVisible,
        lagsMs: lags.map((l) => round(l, 1)),
      },
    };
  } finally {
    store?.close();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
