/**
 * Scenario 7: peak RSS of a full sync in its own process (the emulator stays in the parent),
 * at one or more directory sizes so the growth per user is visible. Rate limits are scaled
 * further than elsewhere (memory does not depend on pacing, only on what is held).
 */
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.ts';
import { SYNC_THREAD_LIMITS, nodeFlagsFor } from '../../src/main/thread-limits.ts';
import type { BenchArgs } from '../lib/args.ts';
import { startChild } from '../lib/child.ts';
import { judge, type Figure, type ScenarioReport } from '../lib/report.ts';
import { RANDOM_SEED, oneLargeDirectory } from '../lib/seeds.ts';
import { fmt, mb, round } from '../lib/stats.ts';
import { tempStore } from '../lib/temp-store.ts';

const TARGET_MB = 500;

interface MemoryPoint {
  users: number;
  memberships: number;
  seconds: number;
  peakRssMb: number;
  peakPhase: string;
  /** JavaScript heap in use at the sampled peak (the rest is native: SQLite caches, runtime). */
  heapAtPeakMb: number;
  /** CPU seconds of the sync's process (both threads); under load only a paired run compares them. */
  cpuSeconds: number;
  /** The writer thread's JavaScript heap at its largest (physical), in MB; null when writing inline. */
  writerHeapPeakMb: number | null;
  /** The main thread's process.memoryUsage() at the sampled peak, in MB. */
  memoryAtPeakMb: Record<string, number> | null;
  /** Written when DSYNC_BENCH_HEAP_SNAPSHOT is set (bench/children/sync-child.ts). */
  heapSnapshot: { path: string; phase: string; heapUsedBeforeMb: number; peakRssBeforeMb: number } | null;
}

async function measureAt(users: number, size: { scale: number; latencyMs: number }): Promise<MemoryPoint> {
  const groups = Math.min(2000, Math.max(10, Math.round(users / 50)));
  const emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: oneLargeDirectory(users, groups),
    randomSeed: RANDOM_SEED,
    rateLimitScale: size.scale,
    latencyMs: size.latencyMs,
  });
  const temp = tempStore('unused');
  try {
    // The child runs the sync on its main thread, with the heap limits the app gives its sync worker.
    const child = startChild(
      'sync-child.ts',
      [emu.url, emu.apiKey, String(size.scale), join(temp.dir, 'sync.sqlite')],
      {
        nodeArgs: nodeFlagsFor(SYNC_THREAD_LIMITS),
      },
    );
    const line = await child.waitFor((l) => 'result' in l);
    await child.exited;
    const r = line.result as {
      status: string;
      error: string | null;
      seconds: number;
      users: number;
      memberships: number;
      peakRssBytes: number;
      peakSampledPhase: string;
      peakSampledHeapBytes: number;
      peakSampledMemory: Record<string, number> | null;
      writerHeapPeakBytes: number | null;
      cpuSeconds: number;
      heapSnapshot: { path: string; phase: string; heapUsedBefore: number; peakRssBefore: number } | null;
    };
    if (r.status !== 'succeeded') throw new Error(`sync ${r.status}: ${r.error ?? ''}`);
    return {
      users: r.users,
      memberships: r.memberships,
      seconds: round(r.seconds, 1),
      peakRssMb: mb(r.peakRssBytes),
      peakPhase: r.peakSampledPhase,
      heapAtPeakMb: mb(r.peakSampledHeapBytes),
      cpuSeconds: round(r.cpuSeconds, 1),
      writerHeapPeakMb: r.writerHeapPeakBytes === null ? null : mb(r.writerHeapPeakBytes),
      memoryAtPeakMb: r.peakSampledMemory
        ? Object.fromEntries(Object.entries(r.peakSampledMemory).map(([k, v]) => [k, mb(v)]))
        : null,
      heapSnapshot: r.heapSnapshot && {
        path: r.heapSnapshot.path,
        phase: r.heapSnapshot.phase,
        heapUsedBeforeMb: mb(r.heapSnapshot.heapUsedBefore),
        peakRssBeforeMb: mb(r.heapSnapshot.peakRssBefore),
      },
    };
  } finally {
    temp.dispose();
    await emu.close();
  }
}

type MemorySize = { users: number[]; target: number; scale: number; latencyMs: number };

/**
 * The sizes measured: `DSYNC_BENCH_MEMORY_USERS` (e.g. `200000` or `100000,300000`) replaces the
 * list, so a machine that cannot afford the 1M run still measures the growth per user.
 */
export function memorySizes(size: MemorySize, env: NodeJS.ProcessEnv = process.env): MemorySize {
  const text = env.DSYNC_BENCH_MEMORY_USERS;
  if (text === undefined || text.trim() === '') return size;
  const users = text.split(',').map((part) => Number(part.trim()));
  if (users.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000_000)) {
    throw new Error(
      `DSYNC_BENCH_MEMORY_USERS needs whole numbers of users between 1 and 10,000,000, comma-separated; got "${text}".`,
    );
  }
  return { ...size, users };
}

export async function memoryScenario(
  _args: BenchArgs,
  size: MemorySize,
  log: (line: string) => void,
): Promise<ScenarioReport> {
  const snapshotRaisedPeak = (p: MemoryPoint): boolean =>
    p.heapSnapshot !== null && p.heapSnapshot.peakRssBeforeMb < p.peakRssMb;
  const points: MemoryPoint[] = [];
  for (const users of size.users) {
    const p = await measureAt(users, size);
    log(`  memory at ${fmt(users)} users: ${JSON.stringify(p)}`);
    points.push(p);
  }
  const figures: Figure[] = points.map((p) => ({
    name: `peak RSS, full sync of ${fmt(p.users)} users`,
    value: `${fmt(p.peakRssMb)} MB (peak while ${p.peakPhase}, JS heap ${fmt(p.heapAtPeakMb)} MB${p.writerHeapPeakMb === null ? '' : `, writer thread's heap at most ${fmt(p.writerHeapPeakMb)} MB`}; ${fmt(p.memberships)} memberships, ${p.seconds} s)`,
    target: p.users >= size.target ? `≤ ${TARGET_MB} MB` : undefined,
    // A heap snapshot costs memory of its own: a run whose peak it raised does not show the
    // sync's. One taken after the peak (the high-water mark before it is already the final one)
    // left the sync's peak as it was.
    verdict: p.users >= size.target && !snapshotRaisedPeak(p) ? judge(p.peakRssMb, '<=', TARGET_MB) : 'info',
    note: p.heapSnapshot
      ? `heap snapshot at ${p.heapSnapshot.phase} (${p.heapSnapshot.path}): ${fmt(p.heapSnapshot.heapUsedBeforeMb)} MB heap, peak RSS ${fmt(p.heapSnapshot.peakRssBeforeMb)} MB before it; ${snapshotRaisedPeak(p) ? 'the peak above includes writing it' : 'the peak above came before it'}`
      : undefined,
  }));
  const measuredTarget = points.some((p) => p.users >= size.target);
  // Tiny sizes are dominated by the runtime's fixed ~200 MB, so only project from real ones.
  if (!measuredTarget && points.length >= 2 && points[points.length - 1]!.users >= 50_000) {
    const [a, b] = [points[0]!, points[points.length - 1]!];
    const perUser = (b.peakRssMb - a.peakRssMb) / (b.users - a.users);
    const projected = b.peakRssMb + perUser * (size.target - b.users);
    figures.push({
      name: `peak RSS at ${fmt(size.target)} users`,
      value: `not measured; linear projection from the points above ≈ ${fmt(projected)} MB (${round(perUser * 1000, 2)} MB per 1,000 users)`,
      note: 'the line also extends the filling of SQLite page caches, which are capped (cache_size: writer 64 MB, TEMP 32 MB), so it overstates; the JS heap column shows the share that grows with data held in JavaScript',
      target: `≤ ${TARGET_MB} MB`,
      verdict: 'not measured',
    });
  }
  return {
    scenario: 'memory',
    title: 'Peak RSS of a full sync',
    setup: `sync in a child process, emulator in the parent; one directory, user.groups empty; limits ×${size.scale}, latency ${size.latencyMs} ms (pacing does not change what is held)`,
    figures,
    details: { points },
  };
}
