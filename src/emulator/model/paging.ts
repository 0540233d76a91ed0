/**
 * Cursor pagination over any sequence whose ids increase with position (creation order).
 * Finding the cursor is a binary search over ids, so every page costs O(log n + limit) no matter
 * how deep into a million-record list it is. Semantics follow the OpenAPI `PaginationOrder`
 * description: `asc` and `desc` page forward with `after` and back with `before`; `normal` is
 * descending with reversed cursors (`before` → older, `after` → newer).
 */
export type ListOrder = 'asc' | 'desc' | 'normal';

export interface Sequence<T> {
  readonly length: number;
  idAt(position: number): string;
  /** False for tombstoned positions (deleted records keep their slot). */
  isLive(position: number): boolean;
  itemAt(position: number): T;
}

export interface PageRequest {
  limit: number;
  order: ListOrder;
  before?: string;
  after?: string;
}

export interface Page<T> {
  data: T[];
  before: string | null;
  after: string | null;
}

/** First position whose id is ≥ `id`. */
export function lowerBoundById<T>(seq: Sequence<T>, id: string): number {
  let lo = 0;
  let hi = seq.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seq.idAt(mid) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAfter<T>(seq: Sequence<T>, id: string): number {
  const k = lowerBoundById(seq, id);
  return k < seq.length && seq.idAt(k) === id ? k + 1 : k;
}

/** Collects up to `limit` live positions starting at `from`, stepping by `step` (±1). */
function walk<T>(seq: Sequence<T>, from: number, step: 1 | -1, limit: number): { positions: number[]; more: boolean } {
  const positions: number[] = [];
  let k = from;
  while (k >= 0 && k < seq.length && positions.length < limit) {
    if (seq.isLive(k)) positions.push(k);
    k += step;
  }
  let more = false;
  while (k >= 0 && k < seq.length) {
    if (seq.isLive(k)) {
      more = true;
      break;
    }
    k += step;
  }
  return { positions, more };
}

function hasLiveBefore<T>(seq: Sequence<T>, position: number, step: 1 | -1): boolean {
  for (let k = position - step; k >= 0 && k < seq.length; k -= step) if (seq.isLive(k)) return true;
  return false;
}

export function paginate<T>(seq: Sequence<T>, req: PageRequest): Page<T> {
  const ascending = req.order === 'asc';
  // Which way to walk in position space, and where from.
  let step: 1 | -1;
  let from: number;
  const cursor = req.after ?? req.before;
  const towardsNewer =
    req.after !== undefined
      ? ascending || req.order === 'normal'
      : req.before !== undefined
        ? !ascending && req.order !== 'normal'
        : ascending;
  if (cursor === undefined) {
    step = ascending ? 1 : -1;
    from = ascending ? 0 : seq.length - 1;
  } else if (towardsNewer) {
    step = 1;
    from = firstAfter(seq, cursor);
  } else {
    step = -1;
    from = lowerBoundById(seq, cursor) - 1;
  }
  const displayStep: 1 | -1 = ascending ? 1 : -1;
  // Walking against the display order means fetching the previous page: reverse afterwards.
  const reversedCursor = step !== displayStep;
  const { positions, more } = walk(seq, from, step, req.limit);
  const first = positions[0];
  const hasOther = first !== undefined && hasLiveBefore(seq, first, step);
  if (reversedCursor) positions.reverse();
  const data = positions.map((k) => seq.itemAt(k));
  if (positions.length === 0) return { data, before: null, after: null };
  // In display order: is there anything beyond the last item, and before the first?
  const moreAtEnd = reversedCursor ? hasOther : more;
  const moreAtStart = reversedCursor ? more : hasOther;
  const firstId = seq.idAt(positions[0] as number);
  const lastId = seq.idAt(positions[positions.length - 1] as number);
  if (req.order === 'normal') {
    // Descending display; `before` continues to older records, `after` to newer ones.
    return { data, before: moreAtEnd ? lastId : null, after: moreAtStart ? firstId : null };
  }
  return { data, before: moreAtStart ? firstId : null, after: moreAtEnd ? lastId : null };
}

/** A sequence over a plain array already sorted by id. */
export function arraySequence<T extends { id: string }>(items: readonly T[]): Sequence<T> {
  return {
    length: items.length,
    idAt: (k) => (items[k] as T).id,
    isLive: () => true,
    itemAt: (k) => items[k] as T,
  };
}
