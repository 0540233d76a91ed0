/**
 * How the palette orders what it found. Within a kind: exact, then prefix (of the value or of
 * one of its words), then substring, then the rest (stable). Across kinds: a directory or group
 * that matches exactly or by prefix ranks above users ("acme" → the Acme directory first,
 * "sales" → the Sales group), since there are few of them and they are what a short query names.
 */
export const EXACT = 0;
export const PREFIX = 1;
export const WORD_PREFIX = 2;
export const SUBSTRING = 3;
export const OTHER = 4;

export function matchScore(values: string[], query: string): number {
  const q = query.trim().toLowerCase();
  if (!q) return OTHER;
  let best = OTHER;
  for (const raw of values) {
    const v = raw.toLowerCase();
    if (v === q) return EXACT;
    if (v.startsWith(q)) best = Math.min(best, PREFIX);
    else if (v.split(/[\s@._-]+/).some((w) => w.startsWith(q))) best = Math.min(best, WORD_PREFIX);
    else if (v.includes(q)) best = Math.min(best, SUBSTRING);
  }
  return best;
}

export function rankByQuery<T>(items: T[], query: string, fields: (item: T) => string[]): T[] {
  return items
    .map((item, index) => ({ item, index, score: matchScore(fields(item), query) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((x) => x.item);
}

export interface RankedSection<T> {
  kind: 'directories' | 'groups' | 'users';
  /** The best score of the section's items (OTHER when empty). */
  best: number;
  items: T[];
}

const kindOrder = { directories: 0, groups: 1, users: 2 } as const;

/** Sections by their best match; directories and groups win ties with users (and exact/prefix beats all fuzzy). */
export function orderSections<S extends RankedSection<unknown>>(sections: S[]): S[] {
  const strong = (s: S) => (s.kind !== 'users' && s.best <= PREFIX ? 0 : 1);
  return [...sections].sort(
    (a, b) => strong(a) - strong(b) || a.best - b.best || kindOrder[a.kind] - kindOrder[b.kind],
  );
}
