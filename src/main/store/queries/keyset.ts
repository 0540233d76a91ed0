/**
 * Opaque keyset cursors: the sort value and id of the last row of a page, so the next page
 * starts strictly after it (stable under concurrent inserts, no OFFSET scans).
 */
import { ConsoleError } from '../../../shared/api/define.ts';

export type CursorValue = string | number;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorValue[] | null {
  if (cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw new ConsoleError('invalid_input', 'The page cursor is not valid; start again from the first page.');
}

/** Returns the page and the cursor for the next one (null when this was the last). */
export function finishPage<Row>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorValue[],
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(keyOf(page[page.length - 1]!)) };
}
