/**
 * Scenarios 1 and 2: the console's full sync of one large directory and of a fleet, against
 * the rate-limit bound (see lib/bound.ts for the formula).
 */
import type { BenchArgs } from '../lib/args.ts';
import type { BenchEmulator } from '../lib/emulators.ts';
import { judge, type Figure, type ScenarioReport } from '../lib/report.ts';
import { fmt, round } from '../lib/stats.ts';
import { defaultDirectoryConcurrency } from '../../src/main/sync/full-sync.ts';
import { scaledRateLimits } from '../../src/main/workos/rate-limiter.ts';
import { measureFullSync, sameAsTruth, type SyncMeasurement } from '../lib/sync-measure.ts';

const TARGET_RATIO = 1.15;

function endpointsLine(byEndpoint: Record<string, number>): string {
  return Object.entries(byEndpoint)
    .map(([k, v]) => `${k.replace(/^GET /, '')} ${fmt(v)}`)
    .join(', ');
}

export function syncFigures(m: SyncMeasurement, label = ''): Figure[] {
  const same = sameAsTruth(m);
  return [
    {
      name: `${label}wall time (of which after the last page: the cache writer's tail)`,
      value: `${round(m.wallSeconds, 1)} s (${round(m.tailSeconds, 1)} s)`,
      verdict: 'info',
    },
    {
      name: `${label}bound (limited by ${m.bound.limitedBy === 'key' ? 'key bucket' : 'directory bucket'})`,
      value: `${round(m.bound.seconds, 1)} s`,
      verdict: 'info',
    },
    {
      name: `${label}ratio to bound`,
      value: round(m.ratio, 2).toFixed(2),
      target: `≤ ${TARGET_RATIO}`,
      verdict: judge(m.ratio, '<=', TARGET_RATIO),
    },
    {
      name: `${label}ratio to bound of the network part (start to last page)`,
      value: round(m.lastPageSeconds / m.bound.seconds, 2).toFixed(2),
      verdict: 'info',
    },
    {
      name: `${label}CPU during the sync: console process (emulator process); cache writes on`,
      value: `${round(m.cpuSeconds, 1)} s (${round(m.emulatorCpuSeconds, 1)} s); ${m.writer}${
        m.writerBusySeconds === null
          ? ''
          : ` (busy ${round(m.writerBusySeconds, 1)} s, CPU ${m.writerCpuSeconds === null ? '?' : round(m.writerCpuSeconds, 1)} s)`
      }`,
      verdict: 'info',
    },
    { name: `${label}requests`, value: `${fmt(m.stats.requests)} (${endpointsLine(m.byEndpoint)})`, verdict: 'info' },
    {
      name: `${label}429s / violations / limiter wait`,
      value: `${m.stats.rateLimited.total} / ${m.stats.violations.total} / ${round(m.summary.rateLimitWaitMs / 1000, 1)} s`,
      verdict: 'info',
    },
    ...(m.applyStartsSeconds.length > 1
      ? [
          {
            name: `${label}directories done fetching at (first / median / last)`,
            value: [0, 0.5, 1]
              .map((q) => round(m.applyStartsSeconds[Math.round(q * (m.applyStartsSeconds.length - 1))]!, 1))
              .join(' / ')
              .concat(' s'),
            verdict: 'info' as const,
          },
        ]
      : []),
    {
      name: `${label}learned jitter allowance at the end (pacing margin)`,
      value: m.jitterAllowanceMs === null ? 'fixed' : `${round(m.jitterAllowanceMs, 1)} ms`,
      verdict: 'info',
    },
    {
      name: `${label}cache equals emulator (counts)`,
      value:
        same === null ? 'not checked' : same ? 'yes' : `no (${JSON.stringify(m.cached)} vs ${JSON.stringify(m.truth)})`,
      verdict: same === false ? 'missed' : 'info',
    },
  ];
}

export function syncDetails(m: SyncMeasurement): Record<string, unknown> {
  return {
    wallSeconds: round(m.wallSeconds, 3),
    tailSeconds: round(m.tailSeconds, 3),
    lastPageSeconds: round(m.lastPageSeconds, 3),
    writer: m.writer,
    writerBusySeconds: m.writerBusySeconds === null ? null : round(m.writerBusySeconds, 3),
    writerCpuSeconds: m.writerCpuSeconds === null ? null : round(m.writerCpuSeconds, 3),
    cpuSeconds: round(m.cpuSeconds, 3),
    emulatorCpuSeconds: round(m.emulatorCpuSeconds, 3),
    jitterAllowanceMs: m.jitterAllowanceMs === null ? null : round(m.jitterAllowanceMs, 2),
    applyStartsSeconds: m.applyStartsSeconds.map((t) => round(t, 2)),
    networkRatio: round(m.lastPageSeconds / m.bound.seconds, 3),
    boundSeconds: round(m.bound.seconds, 3),
    boundKeySeconds: round(m.bound.keySeconds, 3),
    boundDirectorySeconds: round(m.bound.directorySeconds, 3),
    limitedBy: m.bound.limitedBy,
    ratio: round(m.ratio, 3),
    requests: m.stats.requests,
    byEndpoint: m.byEndpoint,
    rateLimited: m.stats.rateLimited,
    violations: m.stats.violations,
    clientRequests: m.summary.requests,
    clientRetries: m.summary.retries,
    limiterWaitSeconds: round(m.summary.rateLimitWaitMs / 1000, 3),
    strategies: [...new Set(m.summary.directories.map((d) => d.strategy))],
    cached: m.cached,
    truth: m.truth,
  };
}

export async function largeDirectoryScenario(
  emu: BenchEmulator,
  args: BenchArgs,
  size: { users: number; groups: number },
): Promise<ScenarioReport> {
  const m = await measureFullSync(emu, args.scale);
  return {
    scenario: 'large',
    title: 'Full sync, one large directory',
    setup: `${fmt(size.users)} users, ${fmt(size.groups)} groups (Zipf sizes), user.groups empty; latency ${args.latencyMs} ms, limits ×${args.scale}`,
    figures: syncFigures(m),
    details: syncDetails(m),
  };
}

export interface FleetResult {
  report: ScenarioReport;
  measurement: SyncMeasurement;
}

export async function fleetScenario(
  emu: BenchEmulator,
  args: BenchArgs,
  size: { directories: number; users: number },
  log: (line: string) => void,
): Promise<FleetResult> {
  const m = await measureFullSync(emu, args.scale);
  // Printed at once: at real limits the run with all directories at once takes as long again,
  // and a stopped run must still say what the engine's default did.
  log(
    `  fleet, engine default: ${round(m.wallSeconds, 1)} s wall, bound ${round(m.bound.seconds, 1)} s, ratio ${round(m.ratio, 2)}, console CPU ${round(m.cpuSeconds, 1)} s`,
  );
  const figures = syncFigures(m);
  const details: Record<string, unknown> = { default: syncDetails(m) };
  // The engine picks how many directories run at once from the limits; when that is fewer
  // than the fleet, also show all of them at once on the same data.
  const engineDefault = defaultDirectoryConcurrency(scaledRateLimits(args.scale));
  if (engineDefault < size.directories) {
    const wide = await measureFullSync(emu, args.scale, { directoryConcurrency: size.directories, checkTruth: false });
    figures.push(
      {
        name: `wall time, ${size.directories} directories at once`,
        value: `${round(wide.wallSeconds, 1)} s`,
        verdict: 'info',
      },
      {
        name: `ratio to bound, ${size.directories} directories at once`,
        value: round(wide.ratio, 2).toFixed(2),
        target: `≤ ${TARGET_RATIO}`,
        verdict: judge(wide.ratio, '<=', TARGET_RATIO),
      },
    );
    details.allDirectoriesAtOnce = syncDetails(wide);
  }
  return {
    measurement: m,
    report: {
      scenario: 'fleet',
      title: 'Full sync, a fleet',
      setup: `${size.directories} directories × ${fmt(size.users)} users, user.groups empty; latency ${args.latencyMs} ms, limits ×${args.scale}; engine default concurrency (${Math.min(engineDefault, size.directories)} directories at once, chosen from the limits)`,
      figures,
      details,
    },
  };
}
