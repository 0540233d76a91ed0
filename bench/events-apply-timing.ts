/**
 * Prices applying Events API events on a large cache, apart from fetching them: the CPU time per
 * event of exactly what `runEventsSync`'s writer thread does (`applyEventBatch`: applyEvent per
 * event, the cursor, the commit), on a copy of a bench cache, so the same events can be applied by two
 * versions of the code (paired) and profiled (`node --cpu-prof`).
 *
 *   node --import tsx bench/events-apply-timing.ts --cache <cache.sqlite> [--events 10000]
 *        [--events-file <events.json>] [--batch 1000] [--statements] [--exp-sql '<SQL>']
 *
 * The cache is one `bench/children/build-cache.ts` made (its `.json` marker gives directories and
 * users); the events come from an emulator with the same seed (`mixed` steps, as scenario 4), or
 * from `--events-file` when it exists (written there otherwise, so two runs apply the same events).
 * The copy lives in the OS temp folder and is removed afterwards. `--statements` prints the time
 * spent in each statement; `--exp-sql` runs SQL on the copy first (an experiment such as dropping
 * one index prices what keeping it costs; never a committed default).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.ts';
import { queryOne } from '../src/main/store/exec.ts';
import { sql } from '../src/main/store/sql.ts';
import { openStore } from '../src/main/store/store.ts';
import { applyEventBatch } from '../src/main/sync/apply-event-batch.ts';
import type { IncomingEvent } from '../src/main/sync/apply-event.ts';
import type { BigCacheInfo } from './children/build-cache.ts';
import { RANDOM_SEED, fleet } from './lib/seeds.ts';

function argValue(name: string, fallback: string | null): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const cachePath = argValue('cache', null);
const wanted = Number(argValue('events', '10000'));
const batchSize = Number(argValue('batch', '1000'));
const eventsFile = argValue('events-file', null);
/** Time spent in each statement (by its SQL text), printed after the figures; costs a little CPU. */
const perStatement = process.argv.includes('--statements');
/** Experiments: SQL run on the copy before the events (e.g. `DROP INDEX changes_by_entity`), to price one cost. */
const experimentSql = argValue('exp-sql', null);
if (!cachePath || !existsSync(cachePath) || !existsSync(`${cachePath}.json`) || !(wanted > 0) || !(batchSize > 0)) {
  console.error(
    'usage: events-apply-timing.ts --cache <built cache .sqlite> [--events N] [--events-file F] [--batch N]',
  );
  process.exit(2);
}
const info = JSON.parse(readFileSync(`${cachePath}.json`, 'utf8')) as BigCacheInfo;

async function makeEvents(): Promise<IncomingEvent[]> {
  const emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: fleet(info.directories, Math.round(info.users / info.directories)),
    randomSeed: RANDOM_SEED,
    rateLimitScale: 0,
    groupsPopulated: false,
  });
  try {
    const events: IncomingEvent[] = [];
    while (events.length < wanted) {
      for (const e of emu.control.step('mixed').events) events.push(e as unknown as IncomingEvent);
    }
    return events;
  } finally {
    await emu.close();
  }
}

let events: IncomingEvent[];
if (eventsFile && existsSync(eventsFile)) {
  events = JSON.parse(readFileSync(eventsFile, 'utf8')) as IncomingEvent[];
} else {
  events = await makeEvents();
  if (eventsFile) writeFileSync(eventsFile, JSON.stringify(events));
}
const byType = new Map<string, number>();
for (const e of events) byType.set(e.event, (byType.get(e.event) ?? 0) + 1);

const dir = mkdtempSync(join(tmpdir(), 'dsync-events-apply-'));
const path = join(dir, 'cache.sqlite');
copyFileSync(cachePath, path);
if (existsSync(`${cachePath}-wal`)) copyFileSync(`${cachePath}-wal`, `${path}-wal`);
const store = openStore(path);
// The copy's WAL holds the build's last pages: checkpoint it now, not inside the first commit timed.
if (experimentSql) store.writer.exec(experimentSql);
store.writer.pragma('wal_checkpoint(TRUNCATE)');
const statementMs = new Map<string, { ms: number; calls: number }>();
if (perStatement) {
  const proto = Object.getPrototypeOf(store.writer.prepare('SELECT 1')) as Record<string, unknown>;
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method] as (this: { source: string }, ...a: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...a: unknown[]): unknown {
      const t = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 160);
        const entry = statementMs.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t;
        entry.calls++;
        statementMs.set(key, entry);
      }
    };
  }
}
try {
  const profileId = info.profileId;
  const seqBefore = queryOne<{ s: number | null }>(store.reader, sql`SELECT max(seq) AS s FROM changes`)!.s ?? 0;
  const outcomes: Record<string, number> = {};
  const load0 = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const runId = 'events-apply-timing';
  for (let i = 0; i < events.length; i += batchSize) {
    const applied = applyEventBatch(store.writer, {
      profileId,
      runId,
      events: events.slice(i, i + batchSize),
      now: new Date().toISOString(),
    });
    for (const [outcome, n] of Object.entries(applied.outcomes)) outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const changeRows = queryOne<{ n: number }>(
    store.reader,
    sql`SELECT count(*) AS n FROM changes WHERE seq > ${seqBefore}`,
  )!.n;
  console.log(
    JSON.stringify(
      {
        cache: `${info.users} users / ${info.directories} directories`,
        events: events.length,
        byType: Object.fromEntries(byType),
        outcomes,
        changeRows,
        transactions: Math.ceil(events.length / batchSize),
        cpuMsPerEvent: Math.round((cpuMs / events.length) * 1000) / 1000,
        userCpuMsPerEvent: Math.round((cpu.user / 1000 / events.length) * 1000) / 1000,
        wallMs: Math.round(wallMs),
        eventsPerSecondWall: Math.round(events.length / (wallMs / 1000)),
        eventsPerCpuSecond: Math.round(events.length / (cpuMs / 1000)),
        loadAverage: [Math.round(load0 * 10) / 10, Math.round(loadavg()[0]! * 10) / 10],
      },
      null,
      2,
    ),
  );
  if (perStatement) {
    for (const [text, { ms, calls }] of [...statementMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
      console.log(`${ms.toFixed(0).padStart(7)} ms ${String(calls).padStart(6)} calls  ${text}`);
    }
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
