/** The Users table's columns: what each shows and how wide it is (exports: src/shared/user-csv-columns.ts). */
import type { ReactNode } from 'react';
import type { UserSummary } from '../../../../shared/api';
import { UserStateBadge } from '../../components/badges';
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
  },
  { id: 'email', label: 'Email', width: 'minmax(200px, 1.8fr)', render: (u) => dim(u.email) },
  {
    id: 'directory',
    label: 'Directory',
    width: 'minmax(140px, 1.2fr)',
    render: (u) => <span className={`${cells.text} ${cells.dimmed}`}>{u.directoryName}</span>,
  },
  {
    id: 'state',
    label: 'State',
    width: '96px',
    render: (u) => <UserStateBadge state={u.state} />,
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
  },
  {
    id: 'username',
    label: 'Username',
    width: 'minmax(120px, 1fr)',
    render: (u) => dim(u.username),
  },
  {
    id: 'idpId',
    label: 'IdP id',
    width: 'minmax(120px, 1fr)',
    render: (u) => <span className={`${cells.text} ${cells.small} ${cells.dimmed} mono`}>{u.idpId}</span>,
  },
  {
    id: 'department',
    label: 'Department',
    width: 'minmax(110px, 1fr)',
    render: (u) => dim(typeof u.customAttributes.department === 'string' ? u.customAttributes.department : null),
  },
  {
    id: 'updatedAt',
    label: 'Updated',
    width: '184px',
    sort: 'updatedAt',
    render: (u) => <span className={`${cells.text} ${cells.dimmed} tabular`}>{formatDateTime(u.updatedAt)}</span>,
  },
  {
    id: 'createdAt',
    label: 'Created',
    width: '120px',
    render: (u) => <span className={`${cells.text} ${cells.dimmed} tabular`}>{formatDate(u.createdAt)}</span>,
  },
];

export const defaultUserColumns = ['name', 'email', 'directory', 'state', 'stateSince', 'updatedAt'];
