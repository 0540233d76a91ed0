/** The Users table's columns: what each shows, how wide it is, and how it exports to CSV. */
import type { ReactNode } from 'react';
import type { UserSummary } from '../../../../shared/api';
import { UserStateBadge } from '../../components/badges';
import type { CsvColumn } from '../../lib/csv';
import { formatDate, formatDateTime } from '../../lib/format';
import cells from './user-cells.module.css';

export interface UserColumn {
  id: string;
  label: string;
  /** CSS grid track, e.g. `minmax(180px, 2fr)`. */
  width: string;
  /** Server-side sort key, when the column is sortable. */
  sort?: 'name' | 'updatedAt';
  render(user: UserSummary): ReactNode;
  csv: CsvColumn<UserSummary>['value'];
}

const dim = (text: string | null) => (
  <span className={text ? cells.text : `${cells.text} ${cells.dimmed}`}>{text ?? '—'}</span>
);

export const userColumns: UserColumn[] = [
  {
    id: 'name',
    label: 'Name',
    width: 'minmax(180px, 1.6fr)',
    sort: 'name',
    render: (u) => (
      <span className={`${cells.text} ${cells.strong}`}>
        {u.displayName}
        {u.matchedField && u.matchedField !== 'name' && u.matchedField !== 'email' && (
          <span className={cells.matched} data-testid="matched-field">
            matched {u.matchedField}
          </span>
        )}
      </span>
    ),
    csv: (u) => u.displayName,
  },
  { id: 'email', label: 'Email', width: 'minmax(200px, 1.8fr)', render: (u) => dim(u.email), csv: (u) => u.email },
  {
    id: 'directory',
    label: 'Directory',
    width: 'minmax(140px, 1.2fr)',
    render: (u) => <span className={`${cells.text} ${cells.dimmed}`}>{u.directoryName}</span>,
    csv: (u) => u.directoryName,
  },
  {
    id: 'state',
    label: 'State',
    width: '96px',
    render: (u) => <UserStateBadge state={u.state} />,
    csv: (u) => u.state,
  },
  {
    id: 'stateSince',
    label: 'State since',
    width: '132px',
    render: (u) => (
      <span
        className={`${cells.text} ${cells.dimmed} tabular`}
        title={u.stateSinceObserved ? undefined : 'Estimated: the console first saw the user in this state'}
      >
        {formatDate(u.stateSince)}
        {u.stateSinceObserved ? '' : ' ≈'}
      </span>
    ),
    csv: (u) => u.stateSince,
  },
  {
    id: 'username',
    label: 'Username',
    width: 'minmax(120px, 1fr)',
    render: (u) => dim(u.username),
    csv: (u) => u.username,
  },
  {
    id: 'idpId',
    label: 'IdP id',
    width: 'minmax(120px, 1fr)',
    render: (u) => <span className={`${cells.text} ${cells.small} ${cells.dimmed} mono`}>{u.idpId}</span>,
    csv: (u) => u.idpId,
  },
  {
    id: 'department',
    label: 'Department',
    width: 'minmax(110px, 1fr)',
    render: (u) => dim(typeof u.customAttributes.department === 'string' ? u.customAttributes.department : null),
    csv: (u) => (typeof u.customAttributes.department === 'string' ? u.customAttributes.department : ''),
  },
  {
    id: 'updatedAt',
    label: 'Updated',
    width: '184px',
    sort: 'updatedAt',
    render: (u) => <span className={`${cells.text} ${cells.dimmed} tabular`}>{formatDateTime(u.updatedAt)}</span>,
    csv: (u) => u.updatedAt,
  },
  {
    id: 'createdAt',
    label: 'Created',
    width: '120px',
    render: (u) => <span className={`${cells.text} ${cells.dimmed} tabular`}>{formatDate(u.createdAt)}</span>,
    csv: (u) => u.createdAt,
  },
];

export const defaultUserColumns = ['name', 'email', 'directory', 'state', 'stateSince', 'updatedAt'];

/** Export always carries the ids, whatever is on screen, so rows can be traced back. */
export const userIdCsvColumns: CsvColumn<UserSummary>[] = [
  { header: 'id', value: (u) => u.id },
  { header: 'directory_id', value: (u) => u.directoryId },
];
