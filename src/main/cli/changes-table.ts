/**
 * `changes` as a table that fits the terminal (120 columns when not one): one line per change
 * with the time, what happened, the id and the name; a membership's group and a field's
 * before → after on a second line. Ids are never cut — names give up room first — and a
 * footer names each directory with its id.
 */
import { layoutTable, tableText, type TableLine } from './cli-format.ts';
import type { NamedChange } from './change-names.ts';

const short = (v: unknown): string =>
  v === null || v === undefined ? '∅' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);

const COLUMNS = [
  { header: 'at', keep: true },
  { header: 'change', keep: true },
  { header: 'id', keep: true },
  { header: 'name', min: 12 },
  { header: 'directory', min: 10 },
];

function what(c: NamedChange): string {
  return `${c.entityType} ${c.kind.replace('_', ' ')}`;
}

function linesOf(c: NamedChange): TableLine[] {
  const at = c.at.replace(/\.\d+Z$/, 'Z');
  const id = c.entityType === 'membership' ? (c.userId ?? c.entityId) : c.entityId;
  const lines: TableLine[] = [
    { cells: [at, what(c), tableText(id), tableText(c.entityName ?? ''), tableText(c.directoryName)] },
  ];
  if (c.entityType === 'membership' && c.groupId)
    lines.push({
      cells: [
        '',
        c.kind === 'added' ? '  to group' : '  from group',
        tableText(c.groupId),
        tableText(c.groupName ?? ''),
        '',
      ],
    });
  if (c.kind === 'changed' || c.kind === 'state_changed')
    lines.push({ from: 1, text: tableText(`  ${c.field ?? 'state'}: ${short(c.before)} → ${short(c.after)}`) });
  return lines;
}

export function changesTable(changes: readonly NamedChange[], width?: number): string {
  const table = layoutTable(COLUMNS, changes.flatMap(linesOf), width);
  const directories = new Map<string, string>();
  for (const c of changes) directories.set(c.directoryId, c.directoryName);
  const legend = [...directories]
    .filter(([id, name]) => id !== name)
    .map(([id, name]) => `  ${tableText(name)}: ${tableText(id)}`);
  return legend.length > 0 ? `${table}\ndirectories:\n${legend.join('\n')}\n` : table;
}
