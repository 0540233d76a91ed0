/**
 * Linux: where a process's threads spent a stretch of time, from /proc/<pid>/task/<tid>/schedstat
 * (ns on a CPU, ns runnable but waiting for one) and the main thread's state sampled every 20 ms
 * (R running or waiting for a CPU, S sleeping: idle or waiting on a lock or timer, D waiting on
 * the disk) with the system call it is blocked in (/proc/…/syscall: epoll = idle, waiting for
 * requests; nanosleep = SQLite's busy handler waiting for another connection's write lock;
 * fsync/fdatasync = a commit). On a shared, loaded machine this separates "the server was
 * slow" from "the server was not given a CPU", and shows a synchronous wait on the event loop.
 * Threads are read every 200 ms, so one that ends keeps its last reading.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface SchedFigures {
  /** All threads: seconds on a CPU, seconds runnable but waiting for a CPU. */
  cpuSeconds: number;
  runQueueSeconds: number;
  /** The main (event-loop) thread alone. */
  mainCpuSeconds: number;
  mainRunQueueSeconds: number;
  /** Share of the main thread's samples in each state (R, S, D, other). */
  mainStates: Record<string, number>;
  /** Share of the main thread's samples blocked in each system call ("running" when on or waiting for a CPU). */
  mainSyscalls: Record<string, number>;
}

/** x86_64 numbers of the calls a Node main thread blocks in. */
const SYSCALLS: Record<string, string> = {
  '0': 'read',
  '1': 'write',
  '17': 'pread',
  '18': 'pwrite',
  '35': 'nanosleep',
  '230': 'nanosleep',
  '74': 'fsync',
  '75': 'fdatasync',
  '202': 'futex',
  '232': 'epoll',
  '281': 'epoll',
  '441': 'epoll',
};

function shares(counts: Record<string, number>): Record<string, number> {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => [k, n / Math.max(1, total)]),
  );
}

function readSched(pid: number, tid: string): [number, number] | null {
  try {
    const [cpu, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
    return [cpu!, wait!];
  } catch {
    return null;
  }
}

/** Seconds the main (event-loop) thread of `pid` has spent on a CPU; NaN without /proc. */
export function mainThreadCpuSeconds(pid: number): number {
  const v = readSched(pid, String(pid));
  return v ? v[0] / 1e9 : Number.NaN;
}

export class SchedSampler {
  private readonly first = new Map<string, [number, number]>();
  private readonly last = new Map<string, [number, number]>();
  private readonly states: Record<string, number> = {};
  private readonly syscalls: Record<string, number> = {};
  private timers: NodeJS.Timeout[] = [];
  private started = false;

  constructor(private readonly pid: number) {}

  start(): void {
    this.readThreads(true);
    this.started = this.first.size > 0;
    if (!this.started) return;
    this.timers = [setInterval(() => this.readThreads(false), 200), setInterval(() => this.sampleState(), 20)];
  }

  stop(): SchedFigures | null {
    for (const t of this.timers) clearInterval(t);
    if (!this.started) return null;
    this.readThreads(false);
    let cpu = 0;
    let wait = 0;
    for (const [tid, end] of this.last) {
      const begin = this.first.get(tid) ?? [0, 0];
      cpu += end[0] - begin[0];
      wait += end[1] - begin[1];
    }
    const main = String(this.pid);
    const mainBegin = this.first.get(main) ?? [0, 0];
    const mainEnd = this.last.get(main) ?? mainBegin;
    return {
      cpuSeconds: cpu / 1e9,
      runQueueSeconds: wait / 1e9,
      mainCpuSeconds: (mainEnd[0] - mainBegin[0]) / 1e9,
      mainRunQueueSeconds: (mainEnd[1] - mainBegin[1]) / 1e9,
      mainStates: shares(this.states),
      mainSyscalls: shares(this.syscalls),
    };
  }

  private readThreads(initial: boolean): void {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      const v = readSched(this.pid, tid);
      if (!v) continue;
      if (initial) this.first.set(tid, v);
      this.last.set(tid, v);
    }
  }

  private sampleState(): void {
    try {
      const stat = readFileSync(`/proc/${this.pid}/task/${this.pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      const key = state === 'R' || state === 'S' || state === 'D' ? state : 'other';
      this.states[key] = (this.states[key] ?? 0) + 1;
      const nr = readFileSync(`/proc/${this.pid}/task/${this.pid}/syscall`, 'utf8').split(' ')[0]!.trim();
      const call =
        nr === 'running' ? 'running' : process.arch === 'x64' ? (SYSCALLS[nr] ?? `syscall ${nr}`) : `syscall ${nr}`;
      this.syscalls[call] = (this.syscalls[call] ?? 0) + 1;
    } catch {
      // the process ended
    }
  }
}
