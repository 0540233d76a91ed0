/**
 * The row-level search test a walk (or a drive from another filter) runs on each candidate's
 * indexed text, in JavaScript: the word-prefix terms and substrings the driving index did not
 * already answer. Registered as an SQL function on each connection that needs it.
 */
import type { ReadableDB } from '../db-types.ts';
import { sql, type SqlFragment } from '../sql.ts';
import { searchTextMatches, termsPattern, type SearchTerm } from './user-search.ts';

/** Registered on each connection that runs a walk with a search (see ensureSearchFunction). */
const SEARCH_FUNCTION = 'dsync_search_matches';
const withSearchFunction = new WeakSet<ReadableDB>();

/** Registers the row-level search test on this connection (once). */
export function ensureSearchFunction(db: ReadableDB): void {
  if (withSearchFunction.has(db)) return;
  let lastSpec = '';
  let lastPatterns: RegExp[] = [];
  let lastSubstrings: string[] = [];
  db.function(SEARCH_FUNCTION, { deterministic: true }, (text: unknown, spec: unknown) => {
    if (typeof text !== 'string' || typeof spec !== 'string') return 0;
    if (spec !== lastSpec) {
      const parsed = JSON.parse(spec) as SearchSpec;
      lastPatterns = termsPattern(parsed.terms);
      lastSubstrings = parsed.substrings;
      lastSpec = spec;
    }
    return searchTextMatches(text, lastPatterns, lastSubstrings) ? 1 : 0;
  });
  withSearchFunction.add(db);
}

/** What the row-level search test still checks: the parts the driving source did not. */
export interface SearchSpec {
  terms: SearchTerm[];
  substrings: string[];
}

/**
 * `u.search_text` (or the walked index entry's `w.search_text`) matches `spec` (call
 * ensureSearchFunction on the connection first).
 */
export function searchRowTest(spec: SearchSpec, of: 'row' | 'entry' = 'row'): SqlFragment {
  const text = of === 'row' ? sql`u.search_text` : sql`w.search_text`;
  return sql`dsync_search_matches(${text}, ${JSON.stringify(spec)}) = 1`;
}
