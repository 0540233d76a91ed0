/**
 * Scenario 9: the team server under a support team. The emulator (WorkOS) and the team server
 * (`startTeamServer` with a real OpenID Connect provider) run in processes of their own; an
 * admin signs in, adds a profile pointing at the emulator and runs a first full sync; N viewers
 * sign in through the provider's login and consent pages. Each then loops — search, open a
 * user, open one of their groups, next keyset page — first for a quiet stretch (no sync), then
 * while a second full sync runs on the server (after the emulator changed ~1 % of the users).
 * Latency is measured by the client: request sent → JSON body parsed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncStatus } from '../../src/shared/api.ts';
import type { BenchArgs } from '../lib/args.ts';
import { startChild, type Child } from '../lib/child.ts';
import type { ScenarioReport } from '../lib/report.ts';
import { fmt, percentile, round } from '../lib/stats.ts';
import { agentLogin, LEAD_LOGIN } from '../lib/team-accounts.ts';
import { cpuPerCall, errorSummary, passDetails, passFigures, runPass, type LoopDelay } from '../lib/team-measure.ts';
import { CALL_KINDS, TeamSession, type BrowsePool } from '../lib/team-sessions.ts';

export interface TeamSize {
  directories: number;
  /** Per directory. */
  users: number;
  sessions: number;
  /** The quiet pass before the sync (same loop, no sync running). */
  quietSeconds: number;
  /** Calls of each kind from one session alone, for the server's CPU per call. */
  soloCalls: number;
}

/** Think time between two calls of a session; DSYNC_BENCH_TEAM_THINK_MS=min-max overrides (0 = back to back). */
function thinkTime(): { min: number; max: number } {
  const raw = process.env.DSYNC_BENCH_TEAM_THINK_MS;
  if (!raw) return { min: 250, max: 750 };
  const m = /^(\d+)(?:-(\d+))?$/.exec(raw.trim());
  if (!m) throw new Error(`DSYNC_BENCH_TEAM_THINK_MS must be "MS" or "MIN-MAX" (milliseconds), got "${raw}"`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max < min) throw new Error(`DSYNC_BENCH_TEAM_THINK_MS: ${max} is below ${min}`);
  return { min, max };
}

/**
 * Polls the run's status until it ends. A failed poll is retried (the server may be busy);
 * a server process that exited ends the wait at once with its exit code and last stderr.
 */
async function waitForRun(
  lead: TeamSession,
  profileId: string,
  previousRunId: string | null,
  serverGone: () => string | null,
): Promise<SyncStatus> {
  let failures = 0;
  for (;;) {
    const gone = serverGone();
    if (gone) throw new Error(gone);
    const answer = await lead.call('getSyncStatus', { profileId });
    if (answer.ok) {
      failures = 0;
      const status = answer.value as SyncStatus;
      const run = status.lastRun;
      if (run && run.id !== previousRunId && status.running === null && run.finishedAt) return status;
    } else if (++failures >= 40) {
      throw new Error(
        `getSyncStatus failed ${failures} times in a row: ${answer.status ?? 'no answer'} ${answer.code} ${answer.message}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function fullSync(
  lead: TeamSession,
  profileId: string,
  serverGone: () => string | null,
): Promise<{ done: Promise<SyncStatus>; startedAt: number }> {
  const before = await lead.must<SyncStatus>('getSyncStatus', { profileId });
  const startedAt = performance.now();
  const started = await lead.must<{ started: boolean; message: string }>('startSync', { profileId, kind: 'full' });
  if (!started.started) throw new Error(`the server did not start a full sync: ${started.message}`);
  const done = waitForRun(lead, profileId, before.lastRun?.id ?? null, serverGone).then((s) => {
    if (s.lastRun!.status !== 'succeeded')
      throw new Error(`full sync ended ${s.lastRun!.status}: ${s.lastRun!.error ?? s.lastRun!.reason ?? ''}`);
    return s;
  });
  return { done, startedAt };
}

async function browsePool(lead: TeamSession, profileId: string): Promise<BrowsePool> {
  type Page<T> = { items: T[] };
  const directories = await lead.must<{ id: string }[]>('listDirectories', { profileId });
  const users = await lead.must<
    Page<{ id: string; displayName: string; email: string | null; firstName: string | null; lastName: string | null }>
  >('listUsers', { profileId, limit: 1000 });
  const groups = await lead.must<Page<{ id: string }>>('listGroups', { profileId, limit: 1000 });
  const terms = new Set<string>(['zzqx', 'no-such-person']); // misses, as people mistype
  users.items.forEach((u, i) => {
    if (terms.size >= 240) return;
    const first = u.firstName ?? u.displayName.split(' ')[0] ?? '';
    const last = u.lastName ?? '';
    // Search as you type: short prefixes (broad), a first name and an initial, an email, a full name.
    if (first.length >= 2) terms.add(first.slice(0, 2 + (i % 3)).toLowerCase());
    if (first && last) terms.add(`${first} ${last[0]}`);
    if (u.email && i % 4 === 0) terms.add(u.email.split('@')[0]!.slice(0, 5));
    if (i % 5 === 0) terms.add(u.displayName);
  });
  return {
    profileId,
    terms: [...terms],
    userIds: users.items.map((u) => u.id),
    groupIds: groups.items.map((g) => g.id),
    directoryIds: directories.map((d) => d.id),
  };
}

async function stepEmulator(emu: { url: string; apiKey: string }, wantedChanges: number): Promise<number> {
  let changes = 0;
  for (let i = 0; i < 500 && changes < wantedChanges; i++) {
    const res = await fetch(`${emu.url}/_emulator/step`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'mixed' }),
    });
    if (!res.ok) throw new Error(`emulator step failed: ${res.status} ${await res.text()}`);
    changes += ((await res.json()) as { changes: unknown[] }).changes.length;
  }
  return changes;
}

export async function teamScenario(
  args: BenchArgs,
  size: TeamSize,
  log: (line: string) => void,
): Promise<ScenarioReport> {
  const think = thinkTime();
  const dir = mkdtempSync(join(tmpdir(), 'dsync-bench-team-'));
  const children: Child[] = [];
  let keepDir = false;
  try {
    const emuChild = startChild('emulator-child.ts', [
      String(size.directories),
      String(size.users),
      String(args.scale),
      String(args.latencyMs),
    ]);
    children.push(emuChild);
    const emu = (await emuChild.waitFor((l) => 'ready' in l)).ready as { url: string; apiKey: string };
    const serverChild = startChild('team-server.ts', [dir, String(size.sessions)]);
    children.push(serverChild);
    const server = (await serverChild.waitFor((l) => 'ready' in l)).ready as {
      url: string;
      pid: number;
      logPath: string;
    };
    const loopProbe = async (): Promise<LoopDelay> => {
      const line = serverChild.waitFor((l) => 'loop' in l);
      serverChild.process.kill('SIGUSR2');
      return (await Promise.race([
        line,
        new Promise((_, reject) => setTimeout(() => reject(new Error('no event-loop reading')), 10_000)),
      ]).then((l) => (l as { loop: LoopDelay }).loop)) as LoopDelay;
    };
    const probe = { pid: server.pid, loop: loopProbe };
    const serverGone = (): string | null => {
      const p = serverChild.process;
      if (p.exitCode === null && p.signalCode === null) return null;
      return `the team server exited (${p.exitCode ?? p.signalCode}); its log: ${server.logPath}; stderr: ${serverChild.stderrTail().trim().slice(-1500)}`;
    };
    log(`  emulator at ${emu.url}, team server at ${server.url} (pid ${server.pid}, log ${server.logPath})`);

    const lead = new TeamSession(server.url);
    await lead.signIn(LEAD_LOGIN);
    const profile = await lead.must<{ id: string }>('createProfile', {
      name: 'Bench emulator',
      apiBaseUrl: emu.url,
      apiKey: emu.apiKey,
    });
    const profileId = profile.id;
    const first = await fullSync(lead, profileId, serverGone);
    const firstStatus = await first.done;
    const firstSeconds = (performance.now() - first.startedAt) / 1000;
    log(`  first full sync: ${round(firstSeconds, 1)} s, ${fmt(firstStatus.lastRun!.requests)} requests`);
    const pool = await browsePool(lead, profileId);

    const sessions: TeamSession[] = [];
    const signInMs: number[] = [];
    for (let i = 1; i <= size.sessions; i++) {
      const s = new TeamSession(server.url);
      const t = performance.now();
      await s.signIn(agentLogin(i));
      signInMs.push(performance.now() - t);
      sessions.push(s);
    }
    log(
      `  ${sessions.length} sessions signed in through the provider (p50 ${round(percentile(signInMs, 0.5), 0)} ms each)`,
    );

    log(`  quiet pass: ${size.quietSeconds} s, no sync running`);
    const quiet = await runPass(
      sessions,
      pool,
      think,
      probe,
      1,
      new Promise((r) => setTimeout(r, size.quietSeconds * 1000)),
    );

    log(`  server CPU per call: ${size.soloCalls} calls of each kind from one session alone`);
    const solo = await cpuPerCall(sessions[0]!, pool, server.pid, size.soloCalls);
    const soloMean = CALL_KINDS.reduce((sum, k) => sum + solo.msPerCall[k], 0) / CALL_KINDS.length;

    const wantedChanges = Math.max(10, Math.round((size.directories * size.users) / 100));
    const changes = await stepEmulator(emu, wantedChanges);
    log(
      `  emulator changed data (${fmt(changes)} changes); second full sync with ${sessions.length} sessions browsing`,
    );
    const loadStart = round(loadavg()[0]!, 1);
    const second = await fullSync(lead, profileId, serverGone);
    const during = await runPass(sessions, pool, think, probe, 1000, second.done);
    // A sync (or server) that fails still leaves the figures measured until then.
    const secondOutcome = await second.done.then(
      (status) => ({ status, error: null }),
      (err: Error) => ({ status: null, error: err.message }),
    );
    if (secondOutcome.error) {
      keepDir = true;
      log(`  second full sync failed: ${secondOutcome.error}; data and log kept in ${dir}`);
    }
    const syncSeconds = (performance.now() - second.startedAt) / 1000;
    const run = secondOutcome.status?.lastRun ?? null;
    const runSeconds = run?.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : Number.NaN;
    const loadEnd = round(loadavg()[0]!, 1);
    log(
      `  second full sync: ${round(syncSeconds, 1)} s; ${fmt(during.samples.length)} calls, ${during.errors.length} errors`,
    );

    const totalUsers = size.directories * size.users;
    return {
      scenario: 'team',
      title: 'Team server: signed-in sessions browsing during a full sync',
      setup:
        `${size.sessions} viewer sessions (OIDC code flow through oidc-provider's pages), think time ${think.min}–${think.max} ms between calls; ` +
        `team server and emulator in processes of their own (${size.directories} directories × ${fmt(size.users)} users, latency ${args.latencyMs} ms; ` +
        `the server syncs at WorkOS's real limits); latency measured by the client (request → body parsed); ` +
        `load average ${loadStart} → ${loadEnd} during the sync (${availableParallelism()} cores, shared: under load)`,
      figures: [
        ...passFigures('during full sync', during, server.logPath, true),
        {
          name: 'second full sync (while browsing)',
          value: run
            ? `${round(syncSeconds, 1)} s wall (run ${round(runSeconds, 1)} s, ${fmt(run.requests)} requests, ${fmt(run.changes)} changes, ${fmt(totalUsers)} users; first sync ${round(firstSeconds, 1)} s)`
            : `failed after ${round(syncSeconds, 1)} s: ${secondOutcome.error}`,
          verdict: run ? 'info' : 'missed',
        },
        ...passFigures('quiet (no sync)', quiet, server.logPath, false),
        {
          name: 'server CPU per call, one session alone (search / page / user / group)',
          value:
            `${CALL_KINDS.map((k) => solo.msPerCall[k]).join(' / ')} ms, of which the main thread ${CALL_KINDS.map((k) => solo.mainMsPerCall[k]).join(' / ')} ms (${size.soloCalls} each${solo.errors.length ? `, ${solo.errors.length} errors` : ''}); ` +
            `≈ ${fmt(1000 / soloMean)} calls/s per core at the loop's mix`,
          verdict: solo.errors.length === 0 ? 'info' : 'missed',
        },
      ],
      details: {
        size,
        thinkMs: think,
        signInMs: { p50: round(percentile(signInMs, 0.5), 1), max: round(Math.max(...signInMs), 1) },
        terms: pool.terms.length,
        emulatorChanges: changes,
        firstSync: { seconds: round(firstSeconds, 2), run: firstStatus.lastRun },
        secondSync: { seconds: round(syncSeconds, 2), run, error: secondOutcome.error },
        during: passDetails(during, server.logPath),
        quiet: passDetails(quiet, server.logPath),
        cpuPerCall: {
          ...solo.msPerCall,
          mainThread: solo.mainMsPerCall,
          calls: size.soloCalls,
          errors: errorSummary(solo.errors),
        },
      },
    };
  } catch (err) {
    keepDir = true;
    log(`  team scenario failed; its data and the server's log are kept in ${dir}`);
    throw err;
  } finally {
    for (const c of children.reverse()) await c.stop();
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}
