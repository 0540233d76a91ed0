/** `dsync-console changes`: the change log between two times (offline), newest first. */
import type { Command } from 'commander';
import { parsePositiveInt, parseUrl, parseDir } from '../args.ts';
import type { Change } from '../../../shared/api/sync.ts';
import { listChanges } from '../../store/queries/changes-query.ts';
import { formatRows, type Column } from '../cli-format.ts';
import {
  CliUsageError,
  parseFormat,
  parseInstantArg,
  runCacheListing,
  type ProfileFlags,
} from '../cli-support.ts';

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

const columns: Column<Change>[] = [
  { header: 'at', value: (c) => c.at },
  { header: 'entity', value: (c) => c.entityType },
  { header: 'id', value: (c) => c.entityId },
  { header: 'change', value: (c) => c.kind },
  { header: 'field', value: (c) => c.field },
  { header: 'before', value: (c) => (c.kind === 'changed' || c.kind === 'state_changed' ? short(c.before) : null) },
  { header: 'after', value: (c) => (c.kind === 'changed' || c.kind === 'state_changed' ? short(c.after) : null) },
  { header: 'source', value: (c) => c.source },
  { header: 'directory', value: (c) => c.directoryId },
];

export function registerChangesCommand(program: Command): void {
  program
    .command('changes')
    .description('Show what changed in the cached directories (works offline).')
    .option('--profile <name>', 'profile to read (default: the active profile)')
    .option('--api-url <url>', 'read the profile synced from this API URL', parseUrl)
    .option('--since <time>', 'changes at or after this time', parseInstantArg)
    .option('--until <time>', 'changes at or before this time', parseInstantArg)
    .option('--directory <id>', 'only this directory')
    .option(
      '--include-baseline',
      "also list each directory's first snapshot: its users and groups (its memberships are the groups' members since then)",
    )
    .option('--format <format>', 'table, csv or json', parseFormat, 'table')
    .option('--limit <n>', 'at most this many changes', parsePositiveInt('limit'), 100_000)
    .option('--data-dir <dir>', 'where the cache lives', parseDir)
    .action((flags: ChangesFlags) => {
      runCacheListing(
        flags,
        (reader, profileId, cursor, limit) =>
          listChanges(reader, {
            profileId,
            since: flags.since,
            until: flags.until,
            directoryId: flags.directory,
            includeBaseline: flags.includeBaseline === true,
            limit,
            cursor,
          }),
        (rows) => formatRows(rows, columns, flags.format, (c) => c),
        () => {
          if (flags.since && flags.until && flags.since > flags.until)
            throw new CliUsageError('--since is after --until.');
        },
      );
    });
}
