/**
 * `dsync-console sync`: sync a profile into the local cache and report what happened.
 * The first sync of a profile is a full sync; later ones apply events (or reconcile, when
 * due), unless --full. Exit 0 when every directory synced, 1 otherwise, 2 on usage errors.
 * `--json` prints counts per directory, requests, rate-limit waits and the duration.
 */
import type { Command } from 'commander';
import { parseUrl, parseDir } from '../args.ts';
import { progressLine } from '../../sync/cli-format.ts';
import { CliUsageError, openCliServices, resolveCliProfile, type ProfileFlags } from '../../sync/cli-support.ts';
import type { SyncOutcome } from '../../sync/sync-service.ts';
import { terminalText } from '../terminal-text.ts';

interface SyncFlags extends ProfileFlags {
  directory?: string;
  full?: boolean;
  json?: boolean;
}

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
          })),
          requests: full.requests,
          directoryUsersRequests: full.directoryUsersRequests,
          retries: full.retries,
          rateLimited: full.rateLimited,
          rateLimitWaitMs: Math.round(full.rateLimitWaitMs),
          changes: full.changes,
        }
      : null,
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
  }
  return `${lines.join('\n')}\n`;
}

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('Sync WorkOS directories into the local cache (key from WORKOS_API_KEY or --api-key-file).')
    .option('--profile <name>', 'profile to sync (default: the active profile, or the built-in Demo)')
    .option('--api-url <url>', 'WorkOS API base URL to sync (creates a profile named after its host)', parseUrl)
    .option('--api-key-file <path>', 'read the API key from this file (must be chmod 600)')
    .option('--directory <id>', 'sync only this directory')
    .option('--full', 'run a full sync even if incremental sync would do')
    .option(
      '--data-dir <dir>',
      'where the cache lives (default: $DSYNC_CONSOLE_DATA_DIR or the app-data folder)',
      parseDir,
    )
    .option('--json', 'print a machine-readable summary')
    .action(async (flags: SyncFlags) => {
      let opened: ReturnType<typeof openCliServices>;
      let profileId: string;
      try {
        opened = openCliServices(flags);
        profileId = resolveCliProfile(opened.services, flags, true);
      } catch (err) {
        process.stderr.write(`error: ${(err as Error).message}\n`);
        process.exitCode = err instanceof CliUsageError ? 2 : 1;
        return;
      }
      const { services, events } = opened;
      const tty = process.stderr.isTTY === true && !flags.json;
      const unsubscribe = events.subscribe((name, payload) => {
        if (name !== 'syncProgress' || !tty) return;
        process.stderr.write(`\r\x1b[2K${progressLine(payload as Parameters<typeof progressLine>[0])}`);
      });
      const started = performance.now();
      try {
        const profile = services.profileManager.get(profileId);
        const outcome = await services.sync.run(
          profileId,
          flags.full || flags.directory ? 'full' : 'auto',
          flags.directory,
        );
        if (tty) process.stderr.write('\r\x1b[2K');
        const status = outcome.full?.status ?? outcome.events?.status;
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(syncSummaryJson(profile, outcome, performance.now() - started), null, 2)}\n`
            : describeOutcome(outcome),
        );
        process.exitCode = status === 'succeeded' ? 0 : 1;
      } catch (err) {
        process.stderr.write(`error: ${(err as Error).message}\n`);
        process.exitCode = 1;
      } finally {
        unsubscribe();
        await services.close();
      }
    });
}
