/**
 * The emulator for scenarios 1–3, in a process of its own (WorkOS is remote: it keeps serving
 * while the console applies, and its CPU is not the console's). Counters, truth counts and CPU
 * are read from that process: requests, 429s and violations stay the server's view.
 */
import { readFileSync } from 'node:fs';
import type { EmulatorStats } from '../../src/emulator/index.ts';
import type { BenchArgs } from './args.ts';
import { startChild, type Child } from './child.ts';
import type { Sizes } from './sizes.ts';

export interface EmulatorCounts {
  users: number;
  groups: number;
  memberships: number;
}

/** An emulator process the bench talks to over HTTP, as the console would to WorkOS. */
export interface BenchEmulator {
  url: string;
  apiKey: string;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  counts(): Promise<EmulatorCounts>;
  /** CPU seconds (user + system) the emulator process has used so far. */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** Linux: utime + stime of a process, from /proc (clock ticks of 1/100 s). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function emulatorProcess(child: Child): Promise<BenchEmulator> {
  const ready = (await child.waitFor((l) => 'ready' in l)).ready as { url: string; apiKey: string; pid: number };
  const call = async <T>(method: string, path: string): Promise<T> => {
    const res = await fetch(`${ready.url}/_emulator${path}`, {
      method,
      headers: { authorization: `Bearer ${ready.apiKey}` },
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path} failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url: ready.url,
    apiKey: ready.apiKey,
    stats: () => call<EmulatorStats>('GET', '/stats'),
    resetStats: async () => void (await call<EmulatorStats>('DELETE', '/stats')),
    counts: async () => {
      const c = await call<EmulatorCounts>('GET', '/counts');
      return { users: c.users, groups: c.groups, memberships: c.memberships };
    },
    cpuSeconds: () => processCpuSeconds(ready.pid),
    close: async () => void (await child.stop()),
  };
}

export function startLargeEmulator(args: BenchArgs, sizes: Sizes): Promise<BenchEmulator> {
  return emulatorProcess(
    startChild('emulator-child.ts', [
      '1',
      String(sizes.large.users),
      String(args.scale),
      String(args.latencyMs),
      `large:${sizes.large.groups}`,
    ]),
  );
}

export function startFleetEmulator(args: BenchArgs, sizes: Sizes): Promise<BenchEmulator> {
  return emulatorProcess(
    startChild('emulator-child.ts', [
      String(sizes.fleet.directories),
      String(sizes.fleet.users),
      String(args.scale),
      String(args.latencyMs),
    ]),
  );
}
