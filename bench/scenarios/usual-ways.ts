/**
 * Scenario 3: the ways people read a fleet today, on the same emulator and data as scenario 2.
 *  (a) the SDK's `autoPagination()` over directories → groups → each group's users, one after
 *      another, as the SDK's README shows (the SDK itself waits 350 ms between pages);
 *  (b) list each directory's users, then `getUser` per user (the handler shape of WorkOS's
 *      integration guides), one after another.
 * Both keep results in memory only (no cache writes), which flatters them. Past a time box the
 * run stops and the full time is extrapolated from the share done; the figure says so.
 */
import { WorkOS } from '@workos-inc/node';
import { sdkHostOptions } from '../../src/main/workos/base-url.ts';
import type { BenchArgs } from '../lib/args.ts';
import type { BenchEmulator } from '../lib/emulators.ts';
import { judge, type ScenarioReport } from '../lib/report.ts';
import { fmt, round } from '../lib/stats.ts';
import type { SyncMeasurement } from '../lib/sync-measure.ts';

interface UsualRun {
  seconds: number;
  /** Share of the data set finished inside the time box (1 = all of it). */
  shareDone: number;
  projectedSeconds: number;
  requests: number;
  rateLimited: number;
  items: number;
}

function sdkFor(emu: BenchEmulator): WorkOS {
  // SDK defaults otherwise (its own retries on 429/5xx, its own timeout).
  return new WorkOS(emu.apiKey, sdkHostOptions(emu.url));
}

async function sdkAutoPagination(emu: BenchEmulator, capSeconds: number): Promise<UsualRun> {
  const workos = sdkFor(emu);
  await emu.resetStats();
  const t0 = performance.now();
  const directories = await (await workos.directorySync.listDirectories()).autoPagination();
  let done = 0;
  let items = 0;
  for (const directory of directories) {
    const groups = await (await workos.directorySync.listGroups({ directory: directory.id })).autoPagination();
    items += groups.length;
    for (const group of groups) {
      const members = await (await workos.directorySync.listUsers({ group: group.id })).autoPagination();
      items += members.length;
    }
    done++;
    if ((performance.now() - t0) / 1000 > capSeconds) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const shareDone = directories.length === 0 ? 1 : done / directories.length;
  const stats = await emu.stats();
  return {
    seconds,
    shareDone,
    projectedSeconds: seconds / shareDone,
    requests: stats.requests,
    rateLimited: stats.rateLimited.total,
    items,
  };
}

async function listThenGetUser(emu: BenchEmulator, capSeconds: number, totalUsers: number): Promise<UsualRun> {
  const workos = sdkFor(emu);
  await emu.resetStats();
  const t0 = performance.now();
  const directories = await (await workos.directorySync.listDirectories()).autoPagination();
  let usersDone = 0;
  outer: for (const directory of directories) {
    const users = await (await workos.directorySync.listUsers({ directory: directory.id })).autoPagination();
    for (const user of users) {
      await workos.directorySync.getUser(user.id);
      usersDone++;
      if ((performance.now() - t0) / 1000 > capSeconds) break outer;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const shareDone = totalUsers === 0 ? 1 : usersDone / totalUsers;
  const stats = await emu.stats();
  return {
    seconds,
    shareDone,
    projectedSeconds: seconds / shareDone,
    requests: stats.requests,
    rateLimited: stats.rateLimited.total,
    items: usersDone,
  };
}

function describe(run: UsualRun): string {
  return run.shareDone >= 1
    ? `${round(run.seconds, 1)} s`
    : `${round(run.projectedSeconds, 0)} s (extrapolated: ${round(run.shareDone * 100, 1)} % done in ${round(run.seconds, 0)} s)`;
}

export async function usualWaysScenario(
  emu: BenchEmulator,
  args: BenchArgs,
  ours: SyncMeasurement,
  caps: { sdkCapSeconds: number; getUserCapSeconds: number },
): Promise<ScenarioReport> {
  const totalUsers = ours.cached.users;
  const a = await sdkAutoPagination(emu, caps.sdkCapSeconds);
  const b = await listThenGetUser(emu, caps.getUserCapSeconds, totalUsers);
  const ratioA = a.projectedSeconds / ours.wallSeconds;
  const ratioB = b.projectedSeconds / ours.wallSeconds;
  return {
    scenario: 'usual',
    title: 'Against the usual ways (fleet data set)',
    setup: `same emulator process and data as scenario 2; console = scenario 2's default run (${round(ours.wallSeconds, 1)} s); SDK @workos-inc/node with its defaults; time boxes ${caps.sdkCapSeconds} s / ${caps.getUserCapSeconds} s then extrapolated`,
    figures: [
      { name: '(a) SDK autoPagination dirs→groups→members', value: describe(a), verdict: 'info' },
      {
        name: '(a) console is faster by',
        value: `${round(ratioA, 1)}×`,
        target: '≥ 5×',
        verdict: judge(ratioA, '>=', 5),
      },
      { name: '(b) list then getUser per user', value: describe(b), verdict: 'info' },
      {
        name: '(b) console is faster by',
        value: `${round(ratioB, 1)}×`,
        target: '≥ 50×',
        verdict: judge(ratioB, '>=', 50),
      },
      {
        name: 'requests (a) / (b) / console',
        value: `${fmt(a.requests)} / ${fmt(b.requests)} / ${fmt(ours.stats.requests)} (a, b: within their time box)`,
        verdict: 'info',
      },
    ],
    details: {
      console: { wallSeconds: round(ours.wallSeconds, 3), requests: ours.stats.requests, users: totalUsers },
      sdkAutoPagination: { ...a, ratio: round(ratioA, 2) },
      listThenGetUser: { ...b, ratio: round(ratioB, 2) },
      note: '(a) reads no users outside groups and writes nothing, (b) reads no memberships: both do less than the console.',
    },
  };
}
