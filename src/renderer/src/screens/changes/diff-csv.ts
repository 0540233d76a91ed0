import type { Diff } from '../../../../shared/api';
import { toCsv, type CsvColumn } from '../../lib/csv';

interface DiffCsvRow {
  change: string;
  entityType: string;
  entityId: string;
  name: string;
  detail: string;
  before: string;
  after: string;
}

const json = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/** One row per change, flattening memberships, created/deleted entities and field changes. */
export function diffRows(diff: Diff): DiffCsvRow[] {
  const rows: DiffCsvRow[] = [];
  for (const m of diff.memberships) {
    for (const u of m.added)
      rows.push({
        change: 'membership_added',
        entityType: 'user',
        entityId: u.id,
        name: u.displayName,
        detail: m.groupName,
        before: '',
        after: m.groupId,
      });
    for (const u of m.removed)
      rows.push({
        change: 'membership_removed',
        entityType: 'user',
        entityId: u.id,
        name: u.displayName,
        detail: m.groupName,
        before: m.groupId,
        after: '',
      });
  }
  for (const u of diff.usersAdded)
    rows.push({
      change: 'user_created',
      entityType: 'user',
      entityId: u.id,
      name: u.displayName,
      detail: u.email ?? '',
      before: '',
      after: '',
    });
  for (const u of diff.usersRemoved)
    rows.push({
      change: 'user_deleted',
      entityType: 'user',
      entityId: u.id,
      name: u.displayName,
      detail: u.email ?? '',
      before: '',
      after: '',
    });
  for (const g of diff.groupsAdded)
    rows.push({
      change: 'group_created',
      entityType: 'group',
      entityId: g.id,
      name: g.name,
      detail: '',
      before: '',
      after: '',
    });
  for (const g of diff.groupsRemoved)
    rows.push({
      change: 'group_deleted',
      entityType: 'group',
      entityId: g.id,
      name: g.name,
      detail: '',
      before: '',
      after: '',
    });
  for (const f of diff.fieldChanges)
    rows.push({
      change: 'field_changed',
      entityType: f.entityType,
      entityId: f.entityId,
      name: f.name,
      detail: f.field,
      before: json(f.before),
      after: json(f.after),
    });
  return rows;
}

const columns: CsvColumn<DiffCsvRow>[] = [
  { header: 'change', value: (r) => r.change },
  { header: 'entity_type', value: (r) => r.entityType },
  { header: 'entity_id', value: (r) => r.entityId },
  { header: 'name', value: (r) => r.name },
  { header: 'group_or_field', value: (r) => r.detail },
  { header: 'before', value: (r) => r.before },
  { header: 'after', value: (r) => r.after },
];

export function diffToCsv(diff: Diff): string {
  return toCsv(diffRows(diff), columns);
}
