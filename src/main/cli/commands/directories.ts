/**
 * `dsync-console directories`: every cached directory of a profile with its health (offline).
 * The JSON form is a stable contract (scripts and tests read it), documented in --help.
 */
import type { Command } from 'commander';
import { parseDir, parseUrl } from '../args.ts';
import { listDirectorySummaries } from '../../store/queries/directories-query.ts';
import { lastEventsSyncAt, organizationNamesOf } from '../../store/queries/directory-listing.ts';
import type { ReadableDB } from '../../store/db-types.ts';
import { formatRows, layoutTable, tableText, type Column, type TableLine } from '../cli-format.ts';
import { parseFormat, withCacheScope, type ProfileFlags } from '../cli-support.ts';

interface DirectoriesFlags extends ProfileFlags {
  format: 'table' | 'csv' | 'json';
}

/** One directory as `--format json` prints it. Add keys; never rename or remove one. */
export interface DirectoryListing {
  id: string;
  name: string;
  organizationId: string;
  organizationName: string | null;
  type: string;
  state: string;
  health: { level: 'healthy' | 'warning' | 'critical' | 'unknown'; reasons: string[] };
  userCount: number;
  groupCount: number;
  lastFullSyncAt: string | null;
  lastEventsSyncAt: string | null;
}

const JSON_HELP = `
JSON (--format json): an array, one object per directory, sorted by name:
  id, name, organizationId, organizationName (null when unknown), type, state,
  health: { level: healthy|warning|critical, reasons: [string] },
  userCount, groupCount (numbers),
  lastFullSyncAt, lastEventsSyncAt (ISO-8601 UTC times, or null if never).
lastEventsSyncAt is the profile's last successful events read (one read serves all its directories).

Exit status: 0 listed (an empty list too), 1 no readable cache in the data folder, 2 bad arguments or unknown profile.
`;

/** CSV: one row per directory, reasons joined with "; ". */
const csvColumns: Column<DirectoryListing>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'name', value: (d) => d.name },
  { header: 'organization_id', value: (d) => d.organizationId },
  { header: 'organization_name', value: (d) => d.organizationName },
  { header: 'type', value: (d) => d.type },
  { header: 'state', value: (d) => d.state },
  { header: 'health', value: (d) => d.health.level },
  { header: 'health_reasons', value: (d) => d.health.reasons.join('; ') },
  { header: 'users', value: (d) => d.userCount },
  { header: 'groups', value: (d) => d.groupCount },
  { header: 'last_full_sync_at', value: (d) => d.lastFullSyncAt },
  { header: 'last_events_sync_at', value: (d) => d.lastEventsSyncAt },
];

const TABLE_COLUMNS = [
  { header: 'id', keep: true },
  { header: 'name', min: 12 },
  { header: 'type', min: 8 },
  { header: 'state', keep: true },
  { header: 'health', keep: true },
  { header: 'users', keep: true },
  { header: 'groups', keep: true },
];

const minute = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z') : 'never');

/** A directory per block: its figures on the first line, organization and syncs, then each reason. */
function directoriesTable(rows: readonly DirectoryListing[]): string {
  const lines: TableLine[] = rows.flatMap((d) => [
    {
      cells: [d.id, d.name, d.type, d.state, d.health.level, String(d.userCount), String(d.groupCount)].map(tableText),
    },
    {
      from: 1,
      text: tableText(
        `org ${d.organizationName ? `${d.organizationName} (${d.organizationId})` : d.organizationId} · full sync ${minute(d.lastFullSyncAt)} · events ${minute(d.lastEventsSyncAt)}`,
      ),
      wrap: true,
    },
    ...d.health.reasons.map((r) => ({ from: 1, text: tableText(`! ${r}`), wrap: true })),
  ]);
  return layoutTable(TABLE_COLUMNS, lines);
}

export function readDirectoryListing(db: ReadableDB, profileId: string, now?: number): DirectoryListing[] {
  const orgs = organizationNamesOf(db, profileId);
  const eventsAt = lastEventsSyncAt(db, profileId);
  return listDirectorySummaries(db, profileId, undefined, now).map((d) => ({
    id: d.id,
    name: d.name,
    organizationId: d.organizationId,
    organizationName: orgs.get(d.organizationId) ?? null,
    type: d.type,
    state: d.state,
    health: { level: d.verdict, reasons: d.reasons },
    userCount: d.users,
    groupCount: d.groups,
    lastFullSyncAt: d.lastFullSyncAt,
    lastEventsSyncAt: eventsAt,
  }));
}

export function registerDirectoriesCommand(program: Command): void {
  program
    .command('directories')
    .description('List the cached directories with their health, counts and last syncs (works offline).')
    .option('--profile <name>', 'profile to read (default: the active profile)')
    .option('--api-url <url>', 'read the profile synced from this API URL', parseUrl)
    .option('--format <format>', 'table, csv or json (see below)', parseFormat, 'table')
    .option('--data-dir <dir>', 'where the cache lives', parseDir)
    .addHelpText('after', JSON_HELP)
    .action((flags: DirectoriesFlags) => {
      const rows = withCacheScope(flags, ({ db, profileId }) => readDirectoryListing(db, profileId));
      if (rows.length === 0 && flags.format === 'table')
        process.stderr.write('No directories are cached for this profile yet: run "dsync-console sync" first.\n');
      process.stdout.write(
        flags.format === 'table' ? directoriesTable(rows) : formatRows(rows, csvColumns, flags.format, (d) => d),
      );
    });
}
