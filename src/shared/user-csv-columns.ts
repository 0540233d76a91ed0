/**
 * The columns a user export can have, by name: the CLI's `users --format csv` and the Users
 * screen's export pick from this one list, so the same field has the same header and the same
 * value in both.
 */
import type { UserSummary } from './api/sync.ts';
import type { CsvColumn } from './csv.ts';

const department = (u: UserSummary): string =>
  typeof u.customAttributes.department === 'string' ? u.customAttributes.department : '';

export const USER_CSV_COLUMNS = {
  id: { header: 'id', value: (u) => u.id },
  name: { header: 'name', value: (u) => u.displayName },
  email: { header: 'email', value: (u) => u.email },
  username: { header: 'username', value: (u) => u.username },
  state: { header: 'state', value: (u) => u.state },
  state_since: { header: 'state_since', value: (u) => u.stateSince },
  directory: { header: 'directory', value: (u) => u.directoryName },
  directory_id: { header: 'directory_id', value: (u) => u.directoryId },
  idp_id: { header: 'idp_id', value: (u) => u.idpId },
  department: { header: 'department', value: department },
  updated_at: { header: 'updated_at', value: (u) => u.updatedAt },
  created_at: { header: 'created_at', value: (u) => u.createdAt },
} satisfies Record<string, CsvColumn<UserSummary>>;

export type UserCsvColumnName = keyof typeof USER_CSV_COLUMNS;

/** The Users screen's column ids (camelCase) under their export names. */
export const USER_CSV_NAME_OF_SCREEN_COLUMN: Record<string, UserCsvColumnName> = {
  name: 'name',
  email: 'email',
  directory: 'directory',
  state: 'state',
  stateSince: 'state_since',
  username: 'username',
  idpId: 'idp_id',
  department: 'department',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
};
