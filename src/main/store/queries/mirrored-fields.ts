/**
 * WorkOS mirrors some user fields into `custom_attributes` (e.g. `job_title` and
 * `custom_attributes.job_title`), so one change in the directory is logged twice. History shows
 * it once, naming both sources, when the two agree on before and after.
 */
import { stableJson } from '../field-diff.ts';

const PREFIX = 'custom_attributes.';

export interface FoldableField {
  field: string | null;
  before: unknown;
  after: unknown;
  alsoAs?: string[];
}

/** `custom_attributes.jobTitle` and `job_title` name the same thing. */
function normal(name: string): string {
  return name.replace(/[_\s-]/g, '').toLowerCase();
}

/**
 * Folds each `custom_attributes.X` change into the top-level change of the same name (snake or
 * camel case) when both say the same; keeps order, and keeps both when they disagree.
 */
export function foldMirrored<T extends FoldableField>(fields: readonly T[]): (T & { alsoAs: string[] })[] {
  const topLevel = new Map<string, T & { alsoAs: string[] }>();
  const out: (T & { alsoAs: string[] })[] = fields.map((f) => ({ ...f, alsoAs: [...(f.alsoAs ?? [])] }));
  for (const f of out) {
    if (f.field !== null && !f.field.startsWith(PREFIX) && !f.field.includes('.')) topLevel.set(normal(f.field), f);
  }
  return out.filter((f) => {
    if (f.field === null || !f.field.startsWith(PREFIX)) return true;
    const rest = f.field.slice(PREFIX.length);
    if (rest.includes('.')) return true;
    const twin = topLevel.get(normal(rest));
    if (!twin || stableJson(twin.before) !== stableJson(f.before) || stableJson(twin.after) !== stableJson(f.after))
      return true;
    twin.alsoAs.push(f.field);
    return false;
  });
}
