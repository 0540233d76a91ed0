/**
 * The users table: only the rows in view are in the DOM (react-virtual), and rows come from
 * the server in keyset pages fetched as the end of the loaded range scrolls into view — so a
 * million cached users cost what one screenful costs.
 */
import { Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef } from 'react';
import type { UserSummary } from '../../../../shared/api';
import { rowKeyDown } from '../../lib/use-row-keyboard-nav';
import type { UserColumn } from './user-columns';
import classes from './VirtualUserTable.module.css';

const ROW_HEIGHT = 36;
/** Rows rendered beyond the visible ones on each side. */
const OVERSCAN_ROWS = 8;
/** Start fetching the next page this many rows before the loaded end is reached. */
const PREFETCH_ROWS = 60;

interface VirtualUserTableProps {
  users: UserSummary[];
  columns: UserColumn[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  sort: { key: 'name' | 'updatedAt'; order: 'asc' | 'desc' };
  onSort(key: 'name' | 'updatedAt'): void;
  onOpen(user: UserSummary): void;
}

export function VirtualUserTable({
  users,
  columns,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  sort,
  onSort,
  onOpen,
}: VirtualUserTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row callback keeps one identity, so memoized rows do not re-render when the screen does.
  const onOpenRef = useRef(onOpen);
  useEffect(() => {
    onOpenRef.current = onOpen;
  }, [onOpen]);
  const openUser = useCallback((user: UserSummary) => onOpenRef.current(user), []);
  const rowCount = users.length + (hasNextPage ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- react-virtual returns fresh functions by design
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN_ROWS,
    useFlushSync: false,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= users.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, users.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const template = columns.map((c) => c.width).join(' ');

  return (
    <div className={classes.scroller} ref={scrollRef} data-testid="user-table" role="grid" aria-rowcount={rowCount}>
      <div className={classes.header} style={{ gridTemplateColumns: template }} role="row">
        {columns.map((c) => {
          const active = c.sort && sort.key === c.sort;
          return (
            <div
              key={c.id}
              className={classes.headerCell}
              role="columnheader"
              aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.sort ? (
                <UnstyledButton
                  onClick={() => onSort(c.sort!)}
                  className={classes.sort}
                  data-active={active || undefined}
                >
                  <Group gap={4} wrap="nowrap">
                    {c.label}
                    {active && (sort.order === 'asc' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />)}
                  </Group>
                </UnstyledButton>
              ) : (
                c.label
              )}
            </div>
          );
        })}
      </div>
      <div className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((vr) => {
          const user = users[vr.index];
          if (!user) {
            return (
              <div
                key="loader"
                className={classes.loaderRow}
                style={{ transform: `translateY(${vr.start}px)`, height: ROW_HEIGHT }}
              >
                <Loader size="xs" type="dots" />
                <Text size="xs" c="dimmed">
                  Loading more…
                </Text>
              </div>
            );
          }
          return (
            <UserRow
              key={user.id}
              user={user}
              index={vr.index}
              start={vr.start}
              template={template}
              columns={columns}
              onOpen={openUser}
            />
          );
        })}
      </div>
    </div>
  );
}

interface UserRowProps {
  user: UserSummary;
  index: number;
  start: number;
  template: string;
  columns: UserColumn[];
  onOpen(user: UserSummary): void;
}

const UserRow = memo(function UserRow({ user, index, start, template, columns, onOpen }: UserRowProps) {
  const open = () => onOpen(user);
  return (
    <div
      className={classes.row}
      style={{ gridTemplateColumns: template, transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={open}
      onKeyDown={rowKeyDown(open)}
      tabIndex={0}
      role="row"
      aria-rowindex={index + 1}
      data-row
      data-testid="user-row"
      data-user-id={user.id}
    >
      {columns.map((c) => (
        <div key={c.id} className={classes.cell} role="gridcell">
          {c.render(user)}
        </div>
      ))}
    </div>
  );
});
