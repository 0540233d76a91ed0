/** `dsync-console changes`: the change log between two times (offline), newest first, with names. */
import type { Command } from 'commander';
import { parsePositiveInt, parseUrl, parseDir } from '../args.ts';
import { listChanges } from '../../store/queries/changes-query.ts';
import { formatRows, type Column } from '../cli-format.ts';
import { CliUsageError, parseFormat, runCacheListing, type ProfileFlags } from '../cli-support.ts';
import { nameChanges, type NamedChange } from '../change-names.ts';
import { changesTable } from '../changes-table.ts';
import { parseInstantArg, TIME_HELP } from '../time-args.ts';

interface ChangesFlags extends ProfileFlags {
  since?: string;
  until?: string;
  directory?: string;
  includeBaseline?: boolean;
  format: 'table' | 'csv' | 'json';
  limit: number;
}

const short = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

const hasValues = (c: NamedChange): boolean => c.kind === 'changed' || c.kind === 'state_changed';

const csvColumns: Column<NamedChange>[] = [
  { header: 'at', value: (c) => c.at },
  { header: 'entity', value: (c) => c.entityType },
  { header: 'id', value: (c) => c.entityId },
  { header: 'name', value: (c) => c.entityName },
  { header: 'change', value: (c) => c.kind },
  { header: 'field', value: (c) => c.field },
  { header: 'before', value: (c) => (hasValues(c) ? short(c.before) : null) },
  { header: 'after', value: (c) => (hasValues(c) ? short(c.after) : null) },
  { header: 'user_id', value: (c) => c.userId },
  { header: 'user_name', value: (c) => c.userName },
  { header: 'group_id', value: (c) => c.groupId },
  { header: 'group_name', value: (c) => c.groupName },
  { header: 'source', value: (c) => c.source },
  { header: 'directory', value: (c) => c.directoryId },
  { header: 'directory_name', value: (c) => c.directoryName },
];

export function registerChangesCommand(program: Command): void {
  program
    .command('changes')
    .description('Show what changed in the cached directories (works offline), with the names of who and what.')
    .option('--profile <name>', 'profile to read (default: the active profile)')
    .option('--api-url <url>', 'read the profile synced from this API URL', parseUrl)
    .option('--since <time>', `changes at or after this time: ${TIME_HELP}`, parseInstantArg)
    .option('--until <time>', 'changes at or before this time (same forms as --since)', parseInstantArg)
    .option('--directory <id|name>', 'only this directory (its id or exact name)')
    .option(
      '--include-baseline',
      "also list each directory's first snapshot: its users and groups (its memberships are the groups' members since then)",
    )
    .option(
      '--format <format>',
      'table, csv or json (json: the change rows plus entityName, userName, groupName, directoryName)',
      parseFormat,
      'table',
    )
    .option('--limit <n>', 'at most this many changes', parsePositiveInt('limit'), 100_000)
    .option('--data-dir <dir>', 'where the cache lives', parseDir)
    .action((flags: ChangesFlags) => {
      runCacheListing(
        flags,
        ({ db, profileId, directoryId }, cursor, limit) =>
          listChanges(db, {
            profileId,
            since: flags.since,
            until: flags.until,
            directoryId,
            includeBaseline: flags.includeBaseline === true,
            limit,
            cursor,
          }),
        (rows, { db, profileId }) => {
          const named = nameChanges(db, profileId, rows);
          return flags.format === 'table' ? changesTable(named) : formatRows(named, csvColumns, flags.format, (c) => c);
        },
        () => {
          if (flags.since && flags.until && flags.since > flags.until)
            throw new CliUsageError('--since is after --until.');
        },
      );
    });
}
