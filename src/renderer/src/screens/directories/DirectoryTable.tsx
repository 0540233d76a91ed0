import { Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DirectorySummary, HealthVerdict } from '../../../../shared/api';
import { DirectoryStateBadge, providerLabel, VerdictBadge } from '../../components/badges';
import { formatNumber, formatRelative, humanizeTimestamps } from '../../lib/format';
import { rowKeyDown } from '../../lib/use-row-keyboard-nav';
import { useNow } from '../../lib/use-now';
import classes from './DirectoryTable.module.css';

type SortKey = 'name' | 'health' | 'users' | 'groups' | 'lastSync' | 'changes';
const verdictRank: Record<HealthVerdict, number> = { critical: 0, warning: 1, unknown: 2, healthy: 3 };

const compare: Record<SortKey, (a: DirectorySummary, b: DirectorySummary) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  health: (a, b) => verdictRank[a.verdict] - verdictRank[b.verdict] || a.name.localeCompare(b.name),
  users: (a, b) => a.users - b.users,
  groups: (a, b) => a.groups - b.groups,
  lastSync: (a, b) => (a.dataAsOf ?? '').localeCompare(b.dataAsOf ?? ''),
  changes: (a, b) => a.changesLast24h - b.changesLast24h,
};

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  align = 'left',
}: {
  label: string;
  sortKey: SortKey;
  sort: { key: SortKey; desc: boolean };
  onSort(key: SortKey): void;
  align?: 'left' | 'right';
}) {
  const active = sort.key === sortKey;
  const Icon = active ? (sort.desc ? IconArrowDown : IconArrowUp) : IconSelector;
  return (
    <Table.Th ta={align} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(sortKey)} className={classes.sort} data-active={active || undefined}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <span>{label}</span>
          <Icon size={12} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * Rows in the first paint. A fleet of hundreds of directories is thousands of Mantine components
 * (0.8 s to render 200 rows on a busy machine); the rows in view come first, the rest in the
 * next task, so the screen shows its data at once.
 */
const FIRST_PAINT_ROWS = 30;

function useProgressiveCount(total: number): number {
  const [shown, setShown] = useState(FIRST_PAINT_ROWS);
  useEffect(() => {
    if (shown >= total) return;
    const timer = setTimeout(() => setShown(Number.POSITIVE_INFINITY), 0);
    return () => clearTimeout(timer);
  }, [shown, total]);
  return shown;
}

/**
 * How fresh the directory's data is: the last successful data, frozen when the directory
 * broke; the last attempt only when it did not succeed. Never "just now" for a broken directory.
 */
function DataAsOf({ directory: d, now }: { directory: DirectorySummary; now: number }) {
  const frozen = d.dataAsOf !== null && d.dataAsOf !== d.lastFullSyncAt;
  return (
    <Stack gap={0} data-testid="data-as-of">
      <Text size="sm" c={frozen || d.lastSyncStatus === 'failed' ? 'red' : undefined}>
        {d.dataAsOf ? formatRelative(d.dataAsOf, now) : 'no data yet'}
      </Text>
      {frozen && (
        <Text size="xs" c="dimmed">
          frozen since the directory broke
        </Text>
      )}
      {!frozen && d.lastSyncStatus && d.lastSyncStatus !== 'succeeded' && (
        <Text size="xs" c="dimmed">
          last attempt {d.lastSyncStatus}
        </Text>
      )}
    </Stack>
  );
}

/** Every directory, sortable; health first by default so problems are on top. */
export function DirectoryTable({ directories }: { directories: DirectorySummary[] }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'health', desc: false });
  const navigate = useNavigate();
  const now = useNow();
  const sorted = useMemo(() => {
    const list = [...directories].sort(compare[sort.key]);
    return sort.desc ? list.reverse() : list;
  }, [directories, sort]);
  const shown = useProgressiveCount(sorted.length);
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'name' && key !== 'health' }));

  return (
    <Table stickyHeader className={classes.table} data-testid="directory-table">
      <Table.Thead>
        <Table.Tr>
          <SortHeader label="Directory" sortKey="name" sort={sort} onSort={onSort} />
          <Table.Th>Provider</Table.Th>
          <Table.Th>State</Table.Th>
          <SortHeader label="Health" sortKey="health" sort={sort} onSort={onSort} />
          <SortHeader label="Users" sortKey="users" sort={sort} onSort={onSort} align="right" />
          <SortHeader label="Groups" sortKey="groups" sort={sort} onSort={onSort} align="right" />
          <SortHeader label="Data as of" sortKey="lastSync" sort={sort} onSort={onSort} />
          <SortHeader label="24 h Δ" sortKey="changes" sort={sort} onSort={onSort} align="right" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.slice(0, shown).map((d) => {
          const open = () => navigate(`/directories/${encodeURIComponent(d.id)}`);
          return (
            <Table.Tr
              key={d.id}
              className={classes.row}
              onClick={open}
              onKeyDown={rowKeyDown(open)}
              tabIndex={0}
              data-row
              data-testid="directory-row"
              data-directory-id={d.id}
            >
              <Table.Td>
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={550} truncate>
                    {d.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {d.domain ?? d.organizationId}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate>
                  {providerLabel(d.type)}
                </Text>
              </Table.Td>
              <Table.Td>
                <DirectoryStateBadge state={d.state} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2} miw={0}>
                  <VerdictBadge verdict={d.verdict} reasons={d.reasons} />
                  {d.reasons[0] && (
                    <Text size="xs" c="dimmed" lineClamp={1} data-testid="directory-reason">
                      {humanizeTimestamps(d.reasons[0])}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                <Text size="sm">{formatNumber(d.users)}</Text>
                {d.inactiveUsers > 0 && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatNumber(d.inactiveUsers)} inactive
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {formatNumber(d.groups)}
              </Table.Td>
              <Table.Td>
                <DataAsOf directory={d} now={now} />
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                <Text size="sm" c={d.changesLast24h ? undefined : 'dimmed'}>
                  {formatNumber(d.changesLast24h)}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
