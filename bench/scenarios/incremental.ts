/**
 * Scenario 4: incremental sync through the Events API onto a large cache. The emulator runs in
 * a process of its own (as WorkOS is remote: the next events page is served while the console
 * applies the current one), started with the seed the cache was built from (same ids); its
 * `mixed` scenarios make N events, then one events sync reads and applies them all (batches of
 * pages and their cursor in one transaction each, with change-log rows). Apply-only is the time
 * the sync spent inside its write transactions, commits included. Then single changes are made
 * and the time until each is readable on the UI's connection is measured with the sync
 * triggered at once; a poller adds up to its interval on top (reported alongside).
 */
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchTempDir, removeBenchTempDir } from '../lib/run-cleanup.ts';
import { writeCursor } from '../../src/main/store/cursors.ts';
import { queryOne } from '../../src/main/store/exec.ts';
import { sql } from '../../src/main/store/sql.ts';
import { openStore, type Store } from '../../src/main/store/store.ts';
import { DSYNC_EVENT_NAMES } from '../../src/main/sync/apply-event.ts';
import { runEventsSync } from '../../src/main/sync/events-sync.ts';
import { PAGE_LIMIT, WorkosClient } from '../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import type { BenchArgs } from '../lib/args.ts';
import { ensureBigCache } from '../lib/big-cache.ts';
import { startChild, type Child } from '../lib/child.ts';
import { judge, type ScenarioReport } from '../lib/report.ts';
import { fmt, mb, percentile, round } from '../lib/stats.ts';

const TARGET_EVENTS_PER_SECOND = 5000;
/** End to end within this factor of the chain's own time: applying never limits incremental sync. */
const TARGET_BOUND_RATIO = 1.2;
/** The scheduler's default events poll interval (sync-service): what a change waits without webhooks. */
const DEFAULT_POLL_SECONDS = 60;

interface EmulatorProcess {
  url: string;
  apiKey: string;
  child: Child;
  step(): Promise<{ events: { id: string; event: string }[]; changes: unknown[] }>;
}

async function startEmulatorProcess(args: BenchArgs, directories: number, users: number): Promise<EmulatorProcess> {
  const child = startChild('emulator-child.ts', [
    String(directories),
    String(Math.round(users / directories)),
    String(args.scale),
    String(args.latencyMs),
  ]);
  const ready = (await child.waitFor((l) => 'ready' in l)).ready as { url: string; apiKey: string };
  return {
    ...ready,
    child,
    async step() {
      const res = await fetch(`${ready.url}/_emulator/step`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ready.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'mixed' }),
      });
      if (!res.ok) throw new Error(`emulator step failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { events: { id: string; event: string }[]; changes: unknown[] };
    },
  };
}

async function makeEvents(
  emu: EmulatorProcess,
  wanted: number,
): Promise<{ events: number; changes: number; lastEventId: string | null }> {
  let events = 0;
  let changes = 0;
  let lastEventId: string | null = null;
  while (events < wanted) {
    const step = await emu.step();
    events += step.events.length;
    changes += step.changes.length;
    lastEventId = step.events[step.events.length - 1]?.id ?? lastEventId;
  }
  return { events, changes, lastEventId };
}

/**
 * An events run's own bound: the Events API is one cursor chain (each page names the next), so
 * a run can be no faster than reading that chain page after page. Read again here from the same
 * start, applying nothing.
 */
async function readChainAlone(client: WorkosClient, rangeStart: string): Promise<{ seconds: number; pages: number }> {
  const t0 = performance.now();
  let pages = 0;
  let after: string | null = null;
  for (;;) {
    const page = await client.listEvents({ events: DSYNC_EVENT_NAMES, after, rangeStart: after ? null : rangeStart });
    pages++;
    if (page.data.length < PAGE_LIMIT) break;
    after = page.data[page.data.length - 1]!.id;
  }
  return { seconds: (performance.now() - t0) / 1000, pages };
}

/**
 * Whether the event's change row is readable on the UI's connection. `changes` has no index on
 * event_id, so only rows appended after `afterSeq` are looked at (a rowid range): a count over
 * the whole change log would itself take seconds and inflate the lag. (`+profile_id` keeps SQLite
 * on that range instead of an index whose first column is the profile.)
 */
function visible(store: Store, profileId: string, eventId: string, afterSeq: number): boolean {
  return (
    queryOne<{ n: number }>(
      store.reader,
      sql`SELECT 1 AS n FROM changes WHERE seq > ${afterSeq} AND +profile_id = ${profileId} AND event_id = ${eventId} LIMIT 1`,
    ) !== undefined
  );
}

function lastChangeSeq(store: Store): number {
  return queryOne<{ seq: number | null }>(store.reader, sql`SELECT max(seq) AS seq FROM changes`)!.seq ?? 0;
}

/** Change rows appended after `afterSeq` (a rowid range; a count of the whole log takes seconds at 1M users). */
function changesSince(store: Store, profileId: string, afterSeq: number): number {
  return queryOne<{ n: number }>(
    store.reader,
    sql`SELECT count(*) AS n FROM changes WHERE seq > ${afterSeq} AND +profile_id = ${profileId}`,
  )!.n;
}

/** A WAL frame is a 24-byte header and one page. */
const WAL_FRAME_HEADER_BYTES = 24;
const walBytes = (path: string): number => statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;

export async function incrementalScenario(
  args: BenchArgs,
  size: { cacheUsers: number; directories: number; changes: number; diffChanges: number },
  log: (line: string) => void,
): Promise<ScenarioReport> {
  // Until a larger cache exists, a smaller one can be named (the figure then says which was used).
  const cacheUsers = Number(process.env.DSYNC_BENCH_INCREMENTAL_CACHE_USERS) || size.cacheUsers;
  const cache = await ensureBigCache(
    { users: cacheUsers, directories: size.directories, diffChanges: size.diffChanges },
    log,
  );
  const dir = benchTempDir('dsync-bench-incr-');
  const path = join(dir, 'cache.sqlite');
  copyFileSync(cache.path, path);
  // Committed pages not yet checkpointed live in the WAL: without it the copy would miss them.
  if (existsSync(`${cache.path}-wal`)) copyFileSync(`${cache.path}-wal`, `${path}-wal`);
  const emu = await startEmulatorProcess(args, cache.directories, cache.users);
  let store: Store | null = null;
  try {
    const tOpen = performance.now();
    store = openStore(path);
    if (store.migration.from !== store.migration.to) {
      log(
        `  migrated the copy from schema ${store.migration.from} to ${store.migration.to} in ${round((performance.now() - tOpen) / 1000, 1)} s (not timed)`,
      );
    }
    const cacheBytes = statSync(path).size;
    const profileId = cache.profileId;
    const startAt = new Date(Date.now() - 1000).toISOString();
    writeCursor(store.writer, profileId, {
      afterEventId: null,
      lastEventAt: null,
      rangeStart: startAt,
      updatedAt: startAt,
    });
    const made = await makeEvents(emu, size.changes);
    log(`  made ${fmt(made.events)} events (${fmt(made.changes)} emulator changes)`);

    const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(args.scale) });
    const seqBefore = lastChangeSeq(store);
    const loadBefore = loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await runEventsSync({ store, client, profileId });
    const seconds = (performance.now() - t0) / 1000;
    // CPU this process used (fetch parsing + apply; the emulator is another process): far below
    // the wall time means the run waited on the disk or on other processes for the CPU.
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const loadAfter = loadavg()[0]!;
    if (summary.status !== 'succeeded')
      throw new Error(`events sync ${summary.status}: ${summary.error ?? summary.fullSyncReason ?? ''}`);
    const changeRows = changesSince(store, profileId, seqBefore);
    const applySeconds = summary.applyMs / 1000;
    const endToEnd = summary.events / seconds;
    const applyRate = summary.events / applySeconds;
    const allVisible = made.lastEventId ? visible(store, profileId, made.lastEventId, seqBefore) : false;
    const bound = await readChainAlone(client, startAt);
    const boundRatio = seconds / bound.seconds;

    // Change-to-visible lag of single changes, the sync started as soon as the change exists.
    const lags: number[] = [];
    for (let i = 0; i < 7; i++) {
      let eventId: string | undefined;
      let tChange = 0;
      const seq = lastChangeSeq(store);
      while (!eventId) {
        const step = await emu.step();
        tChange = performance.now();
        eventId = step.events.find((e) => e.event.startsWith('dsync.user') || e.event.startsWith('dsync.group'))?.id;
      }
      await runEventsSync({ store, client, profileId });
      if (visible(store, profileId, eventId, seq)) lags.push(performance.now() - tChange);
    }
    const lagP50 = percentile(lags, 0.5);

    // The same catch-up again, later in this session. The first run wrote a new WAL file, as the
    // first sync after opening the console does (SQLite deletes the file when the last
    // connection closes), and appending costs the kernel more than writing over a file (ext4
    // allocates and zeroes each new block: 14 % of a profile of the apply). A running console's
    // later syncs write over that file once it is checkpointed. Measured after the single
    // changes: its thread's checkpoint after the run would otherwise share their lag.
    const walBefore = walBytes(path);
    const later = await makeEvents(emu, size.changes);
    const laterCpu0 = process.cpuUsage();
    const laterSummary = await runEventsSync({ store, client, profileId });
    const laterCpu = process.cpuUsage(laterCpu0);
    if (laterSummary.status !== 'succeeded') throw new Error(`second events sync ${laterSummary.status}`);
    const laterRate = laterSummary.events / (laterSummary.applyMs / 1000);
    const laterComplete = laterSummary.events === later.events;
    const pageSize = store.reader.pragma('page_size', { simple: true }) as number;
    const walAfter = walBytes(path);
    const load = `load average ${round(loadBefore, 1)} → ${round(loadAfter, 1)} (${availableParallelism()} cores)`;
    return {
      scenario: 'incremental',
      title: 'Incremental sync through the Events API',
      setup: `cache of ${fmt(cache.users)} users / ${cache.directories} directories (${round(cacheBytes / 1e9, 2)} GB, copy of the query scenario's cache); ${fmt(made.events)} events from the emulator's mixed scenarios, emulator in its own process; latency ${args.latencyMs} ms, limits ×${args.scale}; ${load}`,
      figures: [
        {
          name: 'events applied per second, the first catch-up after opening (a new WAL file; incl. change log, commits)',
          value: `${fmt(applyRate)} /s (${fmt(summary.events)} events, ${fmt(changeRows)} change rows in ${round(applySeconds, 2)} s, ${summary.transactions} transactions, ${summary.writer ?? 'nothing applied'})`,
          target: `≥ ${fmt(TARGET_EVENTS_PER_SECOND)}/s`,
          verdict: judge(applyRate, '>=', TARGET_EVENTS_PER_SECOND),
        },
        {
          name: 'events applied per second, a later catch-up in the same session (WAL file reused)',
          value: `${fmt(laterRate)} /s (${fmt(laterSummary.events)} of ${fmt(later.events)} events in ${round(laterSummary.applyMs / 1000, 2)} s, ${laterSummary.transactions} transactions; WAL file ${fmt(mb(walBefore))} MB before, ${fmt(mb(walAfter))} MB after)`,
          target: `≥ ${fmt(TARGET_EVENTS_PER_SECOND)}/s`,
          verdict: laterComplete ? judge(laterRate, '>=', TARGET_EVENTS_PER_SECOND) : 'missed',
        },
        {
          // The two catch-ups do the same work in user space; what the first pays more is the
          // kernel's, for the memory a new WAL file and a new thread's first pages need.
          name: "this process's CPU in user space / in the kernel, first catch-up vs the later one",
          value: `${round(cpu.user / 1e6, 2)} / ${round(cpu.system / 1e6, 2)} s against ${round(laterCpu.user / 1e6, 2)} / ${round(laterCpu.system / 1e6, 2)} s (the WAL file, new for the first, held ${fmt(Math.round(walBefore / (WAL_FRAME_HEADER_BYTES + pageSize)))} frames after it)`,
          verdict: 'info',
        },
        {
          name: 'events per second end to end (fetch overlapped with apply)',
          value: `${fmt(endToEnd)} /s (${round(seconds, 2)} s, ${summary.requests} sequential page requests; ${round(cpuSeconds, 2)} s of CPU)`,
          target: `≥ ${fmt(TARGET_EVENTS_PER_SECOND)}/s`,
          verdict: judge(endToEnd, '>=', TARGET_EVENTS_PER_SECOND),
        },
        {
          name: 'end to end against its own bound (the same cursor chain read again, nothing applied)',
          value: `${round(boundRatio, 2)}× (${round(seconds, 2)} s against ${round(bound.seconds, 2)} s for ${bound.pages} sequential pages)`,
          target: `≤ ${TARGET_BOUND_RATIO}×`,
          verdict: judge(boundRatio, '<=', TARGET_BOUND_RATIO),
        },
        {
          name: 'change-to-visible lag, sync triggered at once (p50 / max)',
          value: `${round(lagP50, 0)} / ${round(Math.max(...lags), 0)} ms over ${lags.length} changes`,
          verdict: lags.length === 7 && allVisible ? 'info' : 'missed',
        },
        {
          name: `change-to-visible lag with the default ${DEFAULT_POLL_SECONDS} s events poll (no webhooks)`,
          value: `≈ ${round(DEFAULT_POLL_SECONDS / 2 + lagP50 / 1000, 1)} s on average, up to ≈ ${round(DEFAULT_POLL_SECONDS + Math.max(...lags) / 1000, 1)} s (poll wait + the lag above; computed, not measured)`,
          verdict: 'info',
        },
      ],
      details: {
        cacheUsers: cache.users,
        cacheBytes,
        events: made.events,
        emulatorChanges: made.changes,
        outcomes: summary.outcomes,
        changeRows,
        transactions: summary.transactions,
        seconds: round(seconds, 3),
        cpuSeconds: round(cpuSeconds, 3),
        applySeconds: round(applySeconds, 3),
        eventsPerSecondApply: round(applyRate, 0),
        eventsPerSecondEndToEnd: round(endToEnd, 0),
        boundSeconds: round(bound.seconds, 3),
        boundPages: bound.pages,
        boundRatio: round(boundRatio, 3),
        lastEventVisible: allVisible,
        cpuSecondsUserKernel: [round(cpu.user / 1e6, 3), round(cpu.system / 1e6, 3)],
        later: {
          events: later.events,
          appliedEvents: laterSummary.events,
          cpuSecondsUserKernel: [round(laterCpu.user / 1e6, 3), round(laterCpu.system / 1e6, 3)],
          applyMs: laterSummary.applyMs,
          transactions: laterSummary.transactions,
          walBefore,
          walAfter,
        },
        lagsMs: lags.map((l) => round(l, 1)),
        loadAverage: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
      },
    };
  } finally {
    store?.close();
    await emu.child.stop();
    removeBenchTempDir(dir);
  }
}
