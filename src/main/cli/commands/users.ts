/** `dsync-console users`: list cached users (offline), as a table, CSV or JSON. */
import { InvalidArgumentError, type Command } from 'commander';
import { parsePositiveInt, parseUrl, parseDir } from '../args.ts';
import type { UserSummary } from '../../../shared/api/sync.ts';
import { listUsers } from '../../store/queries/users-query.ts';
import { formatRows, type Column } from '../cli-format.ts';
import { parseFormat, runCacheListing, type ProfileFlags } from '../cli-support.ts';

interface UsersFlags extends ProfileFlags {
  directory?: string;
  group?: string;
  state?: 'active' | 'inactive';
  search?: string;
  format: 'table' | 'csv' | 'json';
  limit: number;
}

const columns: Column<UserSummary>[] = [
  { header: 'id', value: (u) => u.id },
  { header: 'name', value: (u) => u.displayName },
  { header: 'email', value: (u) => u.email },
  { header: 'state', value: (u) => u.state },
  { header: 'state_since', value: (u) => u.stateSince },
  { header: 'directory', value: (u) => u.directoryName },
  { header: 'idp_id', value: (u) => u.idpId },
];

function parseState(value: string): 'active' | 'inactive' {
  if (value !== 'active' && value !== 'inactive')
    throw new InvalidArgumentError(`"${value}" is not a user state (active or inactive).`);
  return value;
}

export function registerUsersCommand(program: Command): void {
  program
    .command('users')
    .description('List users from the local cache (works offline).')
    .option('--profile <name>', 'profile to read (default: the active profile)')
    .option('--api-url <url>', 'read the profile synced from this API URL', parseUrl)
    .option('--directory <id>', 'only this directory')
    .option('--group <id>', 'only members of this group')
    .option('--state <state>', 'active or inactive', parseState)
    .option('--search <text>', 'search names, emails, usernames, idp ids and attribute values')
    .option('--format <format>', 'table, csv or json', parseFormat, 'table')
    .option('--limit <n>', 'at most this many users', parsePositiveInt('limit'), 100_000)
    .option('--data-dir <dir>', 'where the cache lives', parseDir)
    .action((flags: UsersFlags) => {
      runCacheListing(
        flags,
        (reader, profileId, cursor, limit) =>
          listUsers(reader, {
            profileId,
            directoryId: flags.directory,
            groupId: flags.group,
            state: flags.state,
            search: flags.search,
            sort: 'name',
            order: 'asc',
            limit,
            cursor,
          }),
        (rows) => formatRows(rows, columns, flags.format, (u) => u),
      );
    });
}
