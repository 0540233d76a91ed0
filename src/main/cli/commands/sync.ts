/**
 * `dsync-console sync`: sync a profile into the local cache and report what happened.
 * The first sync of a profile is a full sync; later ones apply events (or reconcile, when
 * due), unless --full. Exit 0 when every directory synced, 1 otherwise, 2 on usage errors.
 * `--json` prints counts per directory, requests, rate-limit waits and the duration.
 */
import type { Command } from 'commander';
import { parseUrl, parseDir } from '../args.ts';
import { progressLine } from '../cli-format.ts';
import { openCliServices, resolveCliProfile, type ProfileFlags } from '../cli-support.ts';
import { directoryNamesOf } from '../../store/queries/directory-listing.ts';
import { pickDirectory } from '../directory-arg.ts';
import type { SyncServices } from '../../sync/core-services.ts';
import type { SyncOutcome } from '../../sync/sync-service.ts';
import type { SyncProgress } from '../../../shared/api.ts';
import { parseBound, REQUEST_BOUND_ENV } from '../../workos/request-bounds.ts';
import { terminalText } from '../terminal-text.ts';

interface SyncFlags extends ProfileFlags {
  directory?: string;
  full?: boolean;
  json?: boolean;
  requestTimeout?: string;
  requestAttempts?: string;
}

/** Flags win over the environment; the client reads the bounds from there (request-bounds.ts). */
function applyRequestBoundFlags(flags: SyncFlags): void {
  if (flags.requestTimeout !== undefined)
    process.env[REQUEST_BOUND_ENV.timeoutMs] = String(
      parseBound('timeoutMs', flags.requestTimeout, '--request-timeout'),
    );
  if (flags.requestAttempts !== undefined)
    process.env[REQUEST_BOUND_ENV.maxAttempts] = String(
      parseBound('maxAttempts', flags.requestAttempts, '--request-attempts'),
    );
}

const WAITING = 'waiting for WorkOS';

export function syncSummaryJson(
  profile: { id: string; name: string },
  outcome: SyncOutcome,
  durationMs: number,
): unknown {
  const full = outcome.full;
  const events = outcome.events;
  return {
    profile: profile.name,
    profileId: profile.id,
    status: full?.status ?? events?.status ?? 'unknown',
    error: full?.error ?? events?.error ?? null,
    fullSyncReason: events?.fullSyncReason ?? null,
    events: events ? { runId: events.runId, ...events.outcomes, requests: events.requests } : null,
    full: full
      ? {
          runId: full.runId,
          kind: full.kind,
          directories: full.directories.map((d) => ({
            id: d.directoryId,
            name: d.name,
            status: d.status,
            users: d.users,
            groups: d.groups,
            memberships: d.memberships,
            changes: d.changes,
            strategy: d.strategy,
            error: d.error,
            warnings: d.warnings,
          })),
          requests: full.requests,
          directoryUsersRequests: full.directoryUsersRequests,
          retries: full.retries,
          rateLimited: full.rateLimited,
          rateLimitWaitMs: Math.round(full.rateLimitWaitMs),
          changes: full.changes,
        }
      : null,
    warnings: full?.warnings ?? [],
    durationMs: Math.round(durationMs),
  };
}

function describeOutcome(outcome: SyncOutcome): string {
  const lines: string[] = [];
  const ev = outcome.events;
  if (ev) {
    if (ev.fullSyncReason) lines.push(`Events: ${terminalText(ev.fullSyncReason)}`);
    else
      lines.push(
        `Events: ${ev.outcomes.applied} applied, ${ev.outcomes.duplicate} duplicates, ${ev.outcomes.stale} stale (${ev.status}).`,
      );
  }
  const full = outcome.full;
  if (full) {
    lines.push(
      `${full.kind === 'reconcile' ? 'Reconcile' : 'Full sync'} ${full.status}: ${full.requests} requests, ${(full.rateLimitWaitMs / 1000).toFixed(1)} s rate-limit waits, ${full.changes} changes.`,
    );
    for (const d of full.directories) {
      const counts = `${d.users} users, ${d.groups} groups, ${d.memberships} memberships`;
      lines.push(
        `  ${d.status === 'succeeded' ? '✓' : '✗'} ${terminalText(d.name)} (${terminalText(d.directoryId)}): ${d.status === 'succeeded' ? counts : terminalText(d.error ?? '')}`,
      );
    }
    if (full.error && full.directories.length === 0) lines.push(`  ${terminalText(full.error)}`);
    for (const w of full.warnings) lines.push(`warning: ${terminalText(w)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A cached directory's id or exact name; a value the cache does not know goes to WorkOS as an
 * id as it is (a directory can be synced before it was ever cached).
 */
function syncDirectoryArg(services: SyncServices, profileId: string, value: string): string {
  const dirs = directoryNamesOf(services.store.reader, profileId);
  if (!dirs.some((d) => d.id === value || d.name === value)) return value;
  return pickDirectory(dirs, value);
}

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Sync WorkOS directories into the local cache (key from WORKOS_API_KEY or --api-key-file).')
    .option('--profile <name>', 'profile to sync (default: the active profile, or the built-in Demo)')
    .option('--api-url <url>', 'WorkOS API base URL to sync (creates a profile named after its host)', parseUrl)
    .option('--api-key-file <path>', 'read the API key from this file (must be chmod 600)')
    .option('--directory <id|name>', 'sync only this directory (its id, or the exact name of a cached one)')
    .option('--full', 'run a full sync even if incremental sync would do')
    .option(
      '--data-dir <dir>',
      'where the cache lives (default: $DSYNC_CONSOLE_DATA_DIR or the app-data folder)',
      parseDir,
    )
    .option('--json', 'print a machine-readable summary')
    .option('--request-timeout <ms>', `per-request timeout (default 15000, or $${REQUEST_BOUND_ENV.timeoutMs})`)
    .option('--request-attempts <n>', `attempts per request (default 6, or $${REQUEST_BOUND_ENV.maxAttempts})`)
    .action(async (flags: SyncFlags) => {
      // Errors go to runCli, which prints one line (usage errors exit 2, others 1).
      applyRequestBoundFlags(flags);
      const opened = openCliServices(flags);
      let profileId: string;
      let directoryId: string | undefined;
      try {
        profileId = resolveCliProfile(opened.services, flags, true);
        directoryId = flags.directory && syncDirectoryArg(opened.services, profileId, flags.directory);
      } catch (err) {
        await opened.services.close();
        throw err;
      }
      const { services, events } = opened;
      const tty = process.stderr.isTTY === true && !flags.json;
      const unsubscribe = events.subscribe((name, payload) => {
        if (name !== 'syncProgress') return;
        const progress = payload as SyncProgress;
        // Waits and retries get a line of their own, on a terminal or not (a hang is never silent).
        if (progress.message?.startsWith(WAITING)) {
          // The path may hold ids WorkOS sent: no control characters reach the terminal.
          const line = [...progress.message].map((ch) => (/\p{Cc}/u.test(ch) ? '?' : ch)).join('');
          process.stderr.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`);
        }
        if (tty) process.stderr.write(`\r\x1b[2K${progressLine(progress)}`);
      });
      const started = performance.now();
      try {
        const profile = services.profileManager.get(profileId);
        const outcome = await services.sync.run(profileId, flags.full || directoryId ? 'full' : 'auto', directoryId);
        const status = outcome.full?.status ?? outcome.events?.status;
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(syncSummaryJson(profile, outcome, performance.now() - started), null, 2)}\n`
            : describeOutcome(outcome),
        );
        process.exitCode = status === 'succeeded' ? 0 : 1;
      } finally {
        if (tty) process.stderr.write('\r\x1b[2K');
        unsubscribe();
        await services.close();
      }
    });
}
