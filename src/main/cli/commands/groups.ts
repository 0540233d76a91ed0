/** `dsync-console groups`: list cached groups with member counts (offline). */
import type { Command } from 'commander';
import { parsePositiveInt, parseUrl, parseDir } from '../args.ts';
import type { GroupSummary } from '../../../shared/api/sync.ts';
import { listGroups } from '../../store/queries/groups-query.ts';
import { formatRows, type Column } from '../cli-format.ts';
import { parseFormat, runCacheListing, type ProfileFlags } from '../cli-support.ts';

interface GroupsFlags extends ProfileFlags {
  directory?: string;
  user?: string;
  search?: string;
  format: 'table' | 'csv' | 'json';
  limit: number;
}

const columns: Column<GroupSummary>[] = [
  { header: 'id', value: (g) => g.id, keep: true },
  { header: 'name', value: (g) => g.name },
  { header: 'members', value: (g) => g.members },
  { header: 'directory', value: (g) => g.directoryName },
  { header: 'idp_id', value: (g) => g.idpId },
];

export function registerGroupsCommand(program: Command): void {
  program
    .command('groups')
    .description('List groups from the local cache (works offline).')
    .option('--profile <name>', 'profile to read (default: the active profile)')
    .option('--api-url <url>', 'read the profile synced from this API URL', parseUrl)
    .option('--directory <id|name>', 'only this directory (its id or exact name)')
    .option('--user <id>', 'only groups this user belongs to')
    .option('--search <text>', 'search group names and idp ids')
    .option('--format <format>', 'table, csv or json', parseFormat, 'table')
    .option('--limit <n>', 'at most this many groups', parsePositiveInt('limit'), 100_000)
    .option('--data-dir <dir>', 'where the cache lives', parseDir)
    .action((flags: GroupsFlags) => {
      runCacheListing(
        flags,
        ({ db, profileId, directoryId }, cursor, limit) =>
          listGroups(db, {
            profileId,
            directoryId,
            userId: flags.user,
            search: flags.search,
            limit,
            cursor,
          }),
        (rows) => formatRows(rows, columns, flags.format, (g) => g),
      );
    });
}
