/** `dsync-console users`: list cached users (offline), as a table, CSV or JSON. */
import { InvalidArgumentError, type Command } from 'commander';
import { oneLine, parsePositiveInt, parseUrl, parseDir } from '../args.ts';
import type { UserSummary } from '../../../shared/api/sync.ts';
import { USER_CSV_COLUMNS } from '../../../shared/user-csv-columns.ts';
import { USER_STATES, isUserState, type UserState } from '../../../shared/user-states.ts';
import { listUsers } from '../../store/queries/users-query.ts';
import { formatRows, type Column } from '../cli-format.ts';
import { parseFormat, runCacheListing, type ProfileFlags } from '../cli-support.ts';

interface UsersFlags extends ProfileFlags {
  directory?: string;
  group?: string;
  state?: UserState;
  search?: string;
  format: 'table' | 'csv' | 'json';
  limit: number;
}

// The same names and values as the Users screen's export (src/shared/user-csv-columns.ts).
const columns: Column<UserSummary>[] = [
  { ...USER_CSV_COLUMNS.id, keep: true },
  USER_CSV_COLUMNS.name,
  USER_CSV_COLUMNS.email,
  { ...USER_CSV_COLUMNS.state, keep: true },
  { ...USER_CSV_COLUMNS.state_since, keep: true, tableValue: (u) => u.stateSince.slice(0, 10) },
  USER_CSV_COLUMNS.directory,
  USER_CSV_COLUMNS.idp_id,
];

function parseState(value: string): UserState {
  if (!isUserState(value))
    throw new InvalidArgumentError(`"${oneLine(value)}" is not a user state (${USER_STATES.join(', ')}).`);
  return value;
}

export function registerUsersCommand(program: Command): void {
  program
    .command('users')
    .description('List users from the local cache (works offline).')
    .option('--profile <name>', 'profile to read (default: the active profile)')
    .option('--api-url <url>', 'read the profile synced from this API URL', parseUrl)
    .option('--directory <id|name>', 'only this directory (its id or exact name)')
    .option('--group <id>', 'only members of this group')
    .option('--state <state>', `only users in this state: ${USER_STATES.join(', ')}`, parseState)
    .option('--search <text>', 'search names, emails, usernames, idp ids and attribute values')
    .option('--format <format>', 'table, csv or json', parseFormat, 'table')
    .option('--limit <n>', 'at most this many users', parsePositiveInt('limit'), 100_000)
    .option('--data-dir <dir>', 'where the cache lives', parseDir)
    .action((flags: UsersFlags) => {
      runCacheListing(
        flags,
        ({ db, profileId, directoryId }, cursor, limit) =>
          listUsers(db, {
            profileId,
            directoryId,
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
