/**
 * One full sync of the console against a running emulator, measured from the server's side:
 * wall time, requests per endpoint and per bucket, 429s, limiter waits and the bound.
 */
import type { EmulatorStats } from '../../src/emulator/index.ts';
import { queryOne } from '../../src/main/store/exec.ts';
import { sql } from '../../src/main/store/sql.ts';
import type { Store } from '../../src/main/store/store.ts';
import { runFullSync, type FullSyncSummary } from '../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import { boundFromStats, requestsByEndpoint, type Bound } from './bound.ts';
import type { BenchEmulator } from './emulators.ts';
import { tempStore } from './temp-store.ts';

export interface SyncMeasurement {
  wallSeconds: number;
  summary: FullSyncSummary;
  stats: EmulatorStats;
  bound: Bound;
  ratio: number;
  byEndpoint: Record<string, number>;
  /**
   * Seconds from the last page of the sync (the last directory's network part ended) to its
   * end: the cache writer's tail (staging what it had not yet, applying the last directories).
   */
  tailSeconds: number;
  /** Seconds from the start to the last page of the sync: the network part. */
  lastPageSeconds: number;
  /** Where the sync's cache writes ran (CacheWrites.where). */
  writer: string;
  /** Seconds the writer thread was busy on the wall clock (null when the writes ran inline). */
  writerBusySeconds: number | null;
  /** CPU seconds of the writer thread (null when inline or unknown): part of `cpuSeconds`. */
  writerCpuSeconds: number | null;
  /**
   * CPU seconds the console's process used during the sync (user + system); when it is close
   * to the wall time the run was CPU-bound, not rate-limit-bound.
   */
  cpuSeconds: number;
  /** CPU seconds the emulator's own process used meanwhile (the server's work, not the console's). */
  emulatorCpuSeconds: number;
  /** The client's learned arrival-jitter allowance at the end of the run (ms; null when fixed). */
  jitterAllowanceMs: number | null;
  /**
   * Seconds from the start at which each directory's network part ended (its last page; the
   * writer then stages the rest and applies it), in order: spread out, the applies overlap
   * other directories' network; bunched at the end, they form a serial tail.
   */
  applyStartsSeconds: number[];
  cached: { users: number; groups: number; memberships: number };
  truth: { users: number; groups: number; memberships: number } | null;
}

export function cachedCounts(store: Store, profileId: string): SyncMeasurement['cached'] {
  const n = (table: 'users' | 'groups' | 'memberships'): number => {
    const q =
      table === 'users'
        ? sql`SELECT count(*) AS n FROM users WHERE profile_id = ${profileId}`
        : table === 'groups'
          ? sql`SELECT count(*) AS n FROM groups WHERE profile_id = ${profileId}`
          : sql`SELECT count(*) AS n FROM memberships WHERE profile_id = ${profileId}`;
    return queryOne<{ n: number }>(store.reader, q)?.n ?? 0;
  };
  return { users: n('users'), groups: n('groups'), memberships: n('memberships') };
}

export async function measureFullSync(
  emu: BenchEmulator,
  scale: number,
  options: { directoryConcurrency?: number; checkTruth?: boolean } = {},
): Promise<SyncMeasurement> {
  const temp = tempStore('bench');
  try {
    const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(scale) });
    await emu.resetStats();
    // 'applying' comes right after a directory's last page; the writer thread then finishes it
    // while other directories' requests go on, so only what follows the last page is a tail.
    const applyStarts: number[] = [];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const emulatorCpu0 = emu.cpuSeconds();
    const summary = await runFullSync({
      store: temp.store,
      client,
      profileId: 'bench',
      onProgress: (p) => {
        if (p.phase === 'applying') applyStarts.push((performance.now() - t0) / 1000);
      },
      ...(options.directoryConcurrency !== undefined ? { directoryConcurrency: options.directoryConcurrency } : {}),
    });
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const emulatorCpuSeconds = emu.cpuSeconds() - emulatorCpu0;
    if (summary.status !== 'succeeded') throw new Error(`full sync ${summary.status}: ${summary.error ?? ''}`);
    const stats = await emu.stats();
    const bound = boundFromStats(stats, scale);
    return {
      wallSeconds,
      summary,
      stats,
      bound,
      ratio: wallSeconds / bound.seconds,
      tailSeconds: wallSeconds - Math.max(0, ...applyStarts),
      lastPageSeconds: Math.max(0, ...applyStarts),
      writer: summary.writer,
      writerBusySeconds: summary.writerWork === null ? null : summary.writerWork.busyMs / 1000,
      writerCpuSeconds: summary.writerWork?.cpuMs == null ? null : summary.writerWork.cpuMs / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      emulatorCpuSeconds,
      jitterAllowanceMs: client.limiter.jitter?.allowanceMs ?? null,
      applyStartsSeconds: applyStarts,
      byEndpoint: requestsByEndpoint(stats),
      cached: cachedCounts(temp.store, 'bench'),
      truth: options.checkTruth === false ? null : await emu.counts(),
    };
  } finally {
    temp.dispose();
  }
}

export function sameAsTruth(m: SyncMeasurement): boolean | null {
  if (!m.truth) return null;
  return (
    m.cached.users === m.truth.users &&
    m.cached.groups === m.truth.groups &&
    m.cached.memberships === m.truth.memberships
  );
}
