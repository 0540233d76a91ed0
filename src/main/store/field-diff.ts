/**
 * Field-level differences between two versions of a record, as recorded in the change log.
 * Custom attributes are compared key by key (`custom_attributes.department`) so a timeline
 * can say exactly which attribute moved.
 */
import type { JsonObject } from './records.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields that change without meaning anything to a reader of the history. */
const ignoredFields = new Set(['updated_at', 'groups', 'raw_attributes', 'object', 'previous_attributes', 'metadata']);
const perKeyFields = new Set(['custom_attributes']);

function flatten(record: JsonObject): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (ignoredFields.has(key)) continue;
    if (perKeyFields.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, subValue] of Object.entries(value as JsonObject)) flat.set(`${key}.${sub}`, subValue);
    } else {
      flat.set(key, value);
    }
  }
  return flat;
}

/** Stable JSON (sorted keys) so reordered objects are not reported as changes. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as JsonObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/**
 * The user fields WorkOS deprecated on 15 Apr 2026: from then on it sends `[]`/null for them
 * (and `{}` for `raw_attributes`) whatever the directory holds (docs/workos-api.md §8).
 */
const DEPRECATED_USER_FIELDS = ['emails', 'username', 'job_title'] as const;

function isEmptied(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * A user record in today's shape: `raw_attributes` empty and every deprecated field emptied.
 * Its deprecated fields going from filled to empty is WorkOS's deprecation, not a change in
 * the directory, so it is never recorded as one.
 */
export function isDeprecationShaped(record: JsonObject): boolean {
  return (
    record.object === 'directory_user' &&
    isEmptyObject(record.raw_attributes) &&
    DEPRECATED_USER_FIELDS.every((f) => isEmptied(record[f]))
  );
}

export function diffFields(before: JsonObject, after: JsonObject): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const deprecationEmptied = isDeprecationShaped(after) ? new Set<string>(DEPRECATED_USER_FIELDS) : null;
  const changes: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field) ?? null;
    const y = b.get(field) ?? null;
    if (deprecationEmptied?.has(field) && isEmptied(y)) continue;
    if (stableJson(x) !== stableJson(y)) changes.push({ field, before: x, after: y });
  }
  return changes.sort((p, q) => (p.field < q.field ? -1 : 1));
}
