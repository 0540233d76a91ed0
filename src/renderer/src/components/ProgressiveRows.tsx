/**
 * A long list's rows a chunk at a time (`useProgressiveCount` says how many): the first rows
 * paint at once, and each later chunk is its own memoized component, so adding one renders only
 * that chunk, not every row shown before it.
 */
import { memo, type ReactNode } from 'react';
import { chunkRanges } from '../lib/use-progressive-count';

/** The first `shown` of `items`, one memoized chunk per range, so a new chunk renders alone. */
export function ProgressiveRows<T>({
  items,
  shown,
  render,
}: {
  items: readonly T[];
  shown: number;
  render(item: T): ReactNode;
}) {
  return chunkRanges(shown).map(([start, end]) => (
    <RowChunk
      key={start}
      items={items as readonly unknown[]}
      start={start}
      end={end}
      render={render as (item: unknown) => ReactNode}
    />
  ));
}

const RowChunk = memo(function RowChunk({
  items,
  start,
  end,
  render,
}: {
  items: readonly unknown[];
  start: number;
  end: number;
  render(item: unknown): ReactNode;
}) {
  return items.slice(start, end).map(render);
});
