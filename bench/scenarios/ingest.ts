/**
 * Scenario 5: users per second written into the cache with change detection and history —
 * the full-sync write path (stage pages, then diff against the cache and apply in one
 * transaction, writing change-log rows and FTS), on a real file with synchronous=FULL.
 * Three passes over one directory: first snapshot (baseline), a re-sync where a share of
 * users changed, and a re-sync with nothing changed.
 */
import { startEmulator } from '../../src/emulator/index.ts';
import { judge, type ScenarioReport } from '../lib/report.ts';
import { RANDOM_SEED, oneLargeDirectory } from '../lib/seeds.ts';
import { editedUser, inSyncRun, snapshotOf, writeSnapshotTimed, type DirectorySnapshot } from '../lib/snapshots.ts';
import { fmt, mb, round } from '../lib/stats.ts';
import { fileBytes, tempStore } from '../lib/temp-store.ts';

const TARGET = 50_000;

interface PassResult {
  seconds: number;
  stageSeconds: number;
  applySeconds: number;
  changes: number;
  usersPerSecond: number;
  /** The apply transaction alone (staging happens while pages arrive, off the critical path). */
  applyUsersPerSecond: number;
}

const rounded = (p: PassResult) => ({
  ...p,
  usersPerSecond: round(p.usersPerSecond, 0),
  applyUsersPerSecond: round(p.applyUsersPerSecond, 0),
});

export async function ingestScenario(
  size: { users: number; changedShare: number },
  log: (line: string) => void,
): Promise<ScenarioReport> {
  const groups = Math.max(10, Math.round(size.users / 50));
  const emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: oneLargeDirectory(size.users, groups),
    randomSeed: RANDOM_SEED,
    rateLimitScale: 0,
  });
  let snap: DirectorySnapshot;
  try {
    snap = snapshotOf(emu, emu.control.directories()[0]!.id);
  } finally {
    await emu.close();
  }
  const temp = tempStore('bench');
  try {
    const pass = (label: string, s: DirectorySnapshot): PassResult => {
      const t0 = performance.now();
      let stageSeconds = 0;
      let applySeconds = 0;
      const { changes } = inSyncRun(temp.store, 'bench', (ctx, runId) => {
        const r = writeSnapshotTimed(temp.store, ctx, runId, s);
        stageSeconds = r.stageMs / 1000;
        applySeconds = r.applyMs / 1000;
        return r.changes;
      });
      const seconds = (performance.now() - t0) / 1000;
      const usersPerSecond = s.users.length / seconds;
      const applyUsersPerSecond = s.users.length / applySeconds;
      log(
        `  ingest ${label}: ${fmt(s.users.length)} users in ${round(seconds, 2)} s (staging ${round(stageSeconds, 2)} s, apply ${round(applySeconds, 2)} s), ${fmt(changes)} changes`,
      );
      return { seconds, stageSeconds, applySeconds, changes, usersPerSecond, applyUsersPerSecond };
    };
    const first = pass('first snapshot', snap);
    const at = new Date().toISOString();
    const every = Math.max(1, Math.round(1 / size.changedShare));
    const edited: DirectorySnapshot = {
      ...snap,
      users: snap.users.map((u, k) => (k % every === 0 ? editedUser(u, k, at) : u)),
    };
    const changed = pass('re-sync with changes', edited);
    const unchanged = pass('re-sync, no changes', edited);
    return {
      scenario: 'ingest',
      title: 'Ingest with change detection and history',
      setup: `one directory, ${fmt(size.users)} users, ${fmt(groups)} groups, ${fmt(snap.memberships.length)} memberships; stage in pages of 100 + apply in one transaction (users/s count both); file on ${temp.dir.split('/')[1] ?? 'tmp'}, synchronous=FULL`,
      figures: [
        {
          name: `re-sync, ${round(size.changedShare * 100, 0)} % of users changed`,
          value: `${fmt(changed.usersPerSecond)} users/s (${fmt(changed.changes)} changes logged)`,
          target: `≥ ${fmt(TARGET)}/s`,
          verdict: judge(changed.usersPerSecond, '>=', TARGET),
        },
        {
          name: 'first snapshot (baseline history)',
          value: `${fmt(first.usersPerSecond)} users/s`,
          target: `≥ ${fmt(TARGET)}/s`,
          verdict: judge(first.usersPerSecond, '>=', TARGET),
        },
        {
          name: 're-sync, nothing changed',
          value: `${fmt(unchanged.usersPerSecond)} users/s`,
          target: `≥ ${fmt(TARGET)}/s`,
          verdict: judge(unchanged.usersPerSecond, '>=', TARGET),
        },
        {
          name: 'apply transaction alone: first snapshot / 10 % changed / nothing changed',
          value: [first, changed, unchanged].map((p) => `${fmt(p.applyUsersPerSecond)}`).join(' / ') + ' users/s',
          verdict: 'info',
        },
        { name: 'cache file size', value: `${mb(fileBytes(temp.path))} MB`, verdict: 'info' },
      ],
      details: {
        users: size.users,
        groups,
        memberships: snap.memberships.length,
        first: rounded(first),
        changed: rounded(changed),
        unchanged: rounded(unchanged),
      },
    };
  } finally {
    temp.dispose();
  }
}
