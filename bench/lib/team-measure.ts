/**
 * Measuring the team scenario: a pass of every session's browse loop (client latencies,
 * errors, the server process's CPU, the bench's own CPU), the server's own time per request
 * from its request log, and the server's CPU per call of each kind from one session alone.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { processCpuSeconds } from './emulators.ts';
import { mainThreadCpuSeconds, SchedSampler, type SchedFigures } from './sched-sampler.ts';
import { judge, type Figure } from './report.ts';
import { fmt, percentile, round } from './stats.ts';
import {
  browse,
  CALL_KINDS,
  seededRandom,
  soloCalls,
  type BrowsePool,
  type CallError,
  type CallKind,
  type CallSample,
  type TeamSession,
} from './team-sessions.ts';

export const TARGET_P95_MS = 100;

/** The server's main-thread event-loop delay over a stretch (ms; see children/team-server.ts). */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

/** Resets the server's event-loop histogram, or reads and resets it. */
export type LoopProbe = () => Promise<LoopDelay>;

export interface PassResult {
  seconds: number;
  loop: LoopDelay | null;
  sched: SchedFigures | null;
  /** Date.now() at start and end, to pick the server's log lines of the pass. */
  wall: [number, number];
  samples: CallSample[];
  errors: CallError[];
  serverCpuSeconds: number;
  /** The bench process (the sessions' HTTP client). */
  clientCpuSeconds: number;
  load: [number, number];
}

export interface Latencies {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Every session loops until `until` settles (either way; a failure is the caller's to report). */
export async function runPass(
  sessions: readonly TeamSession[],
  pool: BrowsePool,
  think: { min: number; max: number },
  server: { pid: number; loop: LoopProbe },
  seed: number,
  until: Promise<unknown>,
): Promise<PassResult> {
  const samples: CallSample[] = [];
  const errors: CallError[] = [];
  let running = true;
  const ended = until.then(
    () => undefined,
    () => undefined,
  );
  void ended.then(() => (running = false));
  await server.loop().catch(() => null);
  const load0 = loadavg()[0]!;
  const cpu0 = processCpuSeconds(server.pid);
  const client0 = process.cpuUsage();
  const sampler = new SchedSampler(server.pid);
  sampler.start();
  const wall0 = Date.now();
  const t0 = performance.now();
  const loops = sessions.map((s, i) =>
    browse(s, i, pool, { thinkMs: think, running: () => running, t0, random: seededRandom(seed + i) }, samples, errors),
  );
  await ended;
  running = false;
  await Promise.all(loops);
  const client = process.cpuUsage(client0);
  const sched = sampler.stop();
  const seconds = (performance.now() - t0) / 1000;
  const loop = await server.loop().catch(() => null);
  return {
    seconds,
    loop,
    sched,
    wall: [wall0, Date.now()],
    samples,
    errors,
    serverCpuSeconds: processCpuSeconds(server.pid) - cpu0,
    clientCpuSeconds: (client.user + client.system) / 1e6,
    load: [round(load0, 1), round(loadavg()[0]!, 1)],
  };
}

export function latencies(ms: readonly number[]): Latencies {
  return {
    n: ms.length,
    p50: round(percentile(ms, 0.5), 1),
    p95: round(percentile(ms, 0.95), 1),
    p99: round(percentile(ms, 0.99), 1),
    max: ms.length === 0 ? Number.NaN : round(Math.max(...ms), 1),
  };
}

export function byKind(samples: readonly CallSample[]): Record<CallKind, Latencies> {
  return Object.fromEntries(
    CALL_KINDS.map((k) => [k, latencies(samples.filter((s) => s.kind === k).map((s) => s.ms))]),
  ) as Record<CallKind, Latencies>;
}

export function errorSummary(errors: readonly CallError[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of errors) {
    const key = `${e.kind} ${e.status ?? '—'} ${e.code}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/**
 * The server's own time per API method in a window (its request log: request in → response
 * out, measured by the server). Client time minus this is the HTTP hop and the bench's own
 * event loop.
 */
export function serverTimes(logPath: string, wall: [number, number]): Record<string, Latencies> {
  const by = new Map<string, number[]>();
  let text: string;
  try {
    text = readFileSync(logPath, 'utf8');
  } catch {
    return {};
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"msg":"request"')) continue;
    let r: { time?: string; path?: string; ms?: number };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      continue;
    }
    const at = Date.parse(r.time ?? '');
    if (!(at >= wall[0] && at <= wall[1]) || typeof r.ms !== 'number' || !r.path?.startsWith('/api/')) continue;
    const method = r.path.slice('/api/'.length);
    if (!by.has(method)) by.set(method, []);
    by.get(method)!.push(r.ms);
  }
  return Object.fromEntries([...by].map(([m, ms]) => [m, latencies(ms)]));
}

/** Server CPU ms per call of each kind, `count` calls from one session with nothing else running. */
export async function cpuPerCall(
  session: TeamSession,
  pool: BrowsePool,
  serverPid: number,
  count: number,
): Promise<{ msPerCall: Record<CallKind, number>; mainMsPerCall: Record<CallKind, number>; errors: CallError[] }> {
  const errors: CallError[] = [];
  const out = {} as Record<CallKind, number>;
  const main = {} as Record<CallKind, number>;
  for (const kind of CALL_KINDS) {
    const cpu0 = processCpuSeconds(serverPid);
    const main0 = mainThreadCpuSeconds(serverPid);
    await soloCalls(session, pool, kind, count, errors);
    out[kind] = round(((processCpuSeconds(serverPid) - cpu0) * 1000) / count, 1);
    main[kind] = round(((mainThreadCpuSeconds(serverPid) - main0) * 1000) / count, 1);
  }
  return { msPerCall: out, mainMsPerCall: main, errors };
}

const triple = (l: Latencies): string => (l.n === 0 ? '— (no calls)' : `${l.p50} / ${l.p95} / ${l.p99} ms`);

export function passFigures(label: string, pass: PassResult, logPath: string, judged: boolean): Figure[] {
  const all = latencies(pass.samples.map((s) => s.ms));
  const kinds = byKind(pass.samples);
  const target = judged ? `p95 ≤ ${TARGET_P95_MS} ms` : undefined;
  const verdict = (l: Latencies): Figure['verdict'] =>
    judged ? (l.n === 0 ? 'not measured' : judge(l.p95, '<=', TARGET_P95_MS)) : 'info';
  const figures: Figure[] = [
    {
      name: `${label}: all calls p50 / p95 / p99`,
      value: `${triple(all)} (max ${all.max}; ${fmt(all.n)} calls)`,
      target,
      verdict: verdict(all),
    },
    ...CALL_KINDS.map((kind) => ({
      name: `${label}: ${kind} p50 / p95 / p99`,
      value:
        kinds[kind].n === 0
          ? triple(kinds[kind])
          : `${triple(kinds[kind])} (max ${kinds[kind].max}; ${fmt(kinds[kind].n)})`,
      target,
      verdict: verdict(kinds[kind]),
    })),
  ];
  const server = serverTimes(logPath, pass.wall);
  const serverLine = Object.entries(server)
    .filter(([m]) => m === 'listUsers' || m === 'getUser' || m === 'getGroup')
    .map(([m, l]) => `${m} ${l.p50} / ${l.p95}`)
    .join(', ');
  const byCode = Object.entries(errorSummary(pass.errors))
    .map(([k, n]) => `${n}× ${k}`)
    .join(', ');
  figures.push(
    {
      name: `${label}: server's own time p50 / p95 (its request log)`,
      value: serverLine ? `${serverLine} ms` : 'no request log lines found',
      verdict: 'info',
    },
    {
      name: `${label}: server main-thread event-loop delay p50 / p99 / max`,
      value: pass.loop
        ? `${pass.loop.p50} / ${pass.loop.p99} / ${pass.loop.max} ms`
        : 'not read (the server did not answer SIGUSR2)',
      verdict: 'info',
    },
    {
      name: `${label}: server threads on a CPU / waiting for one (run queue)`,
      value: pass.sched
        ? `${round(pass.sched.cpuSeconds, 1)} / ${round(pass.sched.runQueueSeconds, 1)} s; main thread ${round(pass.sched.mainCpuSeconds, 1)} / ${round(pass.sched.mainRunQueueSeconds, 1)} s, ` +
          `sampled ${Object.entries(pass.sched.mainStates)
            .map(([s, share]) => `${s} ${fmt(100 * share)} %`)
            .join(', ')}; in ${Object.entries(pass.sched.mainSyscalls)
            .slice(0, 5)
            .map(([c, share]) => `${c} ${fmt(100 * share)} %`)
            .join(', ')}`
        : 'not read (no /proc)',
      verdict: 'info',
    },
    {
      name: `${label}: errors`,
      value: pass.errors.length === 0 ? '0' : `${fmt(pass.errors.length)} (${byCode})`,
      target: '0',
      verdict: pass.errors.length === 0 ? 'met' : 'missed',
    },
    {
      name: `${label}: requests/s, CPU, load`,
      value:
        `${fmt(all.n / pass.seconds, 1)} /s over ${round(pass.seconds, 1)} s; server ${round(pass.serverCpuSeconds, 1)} s CPU ` +
        `(${fmt((100 * pass.serverCpuSeconds) / pass.seconds)} % of a core), bench client ${round(pass.clientCpuSeconds, 1)} s; ` +
        `load ${pass.load[0]} → ${pass.load[1]}`,
      verdict: 'info',
    },
  );
  return figures;
}

export function passDetails(pass: PassResult, logPath: string): Record<string, unknown> {
  return {
    seconds: round(pass.seconds, 2),
    load: pass.load,
    serverCpuSeconds: round(pass.serverCpuSeconds, 2),
    serverEventLoopDelayMs: pass.loop,
    serverSched: pass.sched,
    clientCpuSeconds: round(pass.clientCpuSeconds, 2),
    all: latencies(pass.samples.map((s) => s.ms)),
    byKind: byKind(pass.samples),
    serverTimes: serverTimes(logPath, pass.wall),
    errors: errorSummary(pass.errors),
    errorSamples: pass.errors.slice(0, 20),
  };
}
