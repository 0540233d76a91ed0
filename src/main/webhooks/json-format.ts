/**
 * Re-serialising a parsed JSON value in the ways frameworks and tools commonly do: compact
 * or indented, non-ASCII escaped as \uXXXX or raw, object keys in their received order,
 * sorted, or in the order WorkOS's schemas list them.
 */

import { jsonValueDepth, MAX_JSON_DEPTH, tooDeepMessage } from '../../shared/json-depth.ts';

export class JsonTooDeepError extends Error {
  constructor() {
    super(tooDeepMessage());
    this.name = 'JsonTooDeepError';
  }
}

export type KeyOrder = 'as_received' | 'sorted' | 'workos';
export type Indent = 'compact' | 'two_spaces' | 'four_spaces' | 'tab';
export type UnicodeStyle = 'raw' | 'escaped';

type JsonObject = { [key: string]: unknown };

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Property order from WorkOS's OpenAPI schemas (`DirectoryUser`, `DirectoryGroup`, the event
// base and the directory event object), used to rebuild a body whose keys a tool reordered.
const EVENT_ORDER = ['object', 'id', 'event', 'data', 'created_at', 'context'];
const USER_ORDER = [
  'object',
  'id',
  'directory_id',
  'organization_id',
  'idp_id',
  'email',
  'first_name',
  'last_name',
  'name',
  'emails',
  'job_title',
  'username',
  'state',
  'raw_attributes',
  'custom_attributes',
  'role',
  'roles',
  'previous_attributes',
  'created_at',
  'updated_at',
];
const GROUP_ORDER = [
  'object',
  'id',
  'idp_id',
  'directory_id',
  'organization_id',
  'name',
  'raw_attributes',
  'previous_attributes',
  'created_at',
  'updated_at',
];
const DIRECTORY_ORDER = [
  'object',
  'id',
  'organization_id',
  'type',
  'state',
  'name',
  'created_at',
  'updated_at',
  'external_key',
  'domains',
];
const MEMBERSHIP_ORDER = ['directory_id', 'user', 'group'];

function workosOrderFor(obj: JsonObject): string[] | null {
  if ('event' in obj && 'data' in obj) return EVENT_ORDER;
  if (obj.object === 'directory_user') return USER_ORDER;
  if (obj.object === 'directory_group') return GROUP_ORDER;
  if (obj.object === 'directory') return DIRECTORY_ORDER;
  if ('user' in obj && 'group' in obj) return MEMBERSHIP_ORDER;
  return null;
}

function orderKeys(obj: JsonObject, order: KeyOrder): string[] {
  const keys = Object.keys(obj);
  if (order === 'sorted') return [...keys].sort();
  if (order === 'workos') {
    const known = workosOrderFor(obj);
    if (!known) return keys;
    const rank = (k: string): number => {
      const i = known.indexOf(k);
      return i < 0 ? known.length : i;
    };
    // Stable sort keeps unknown keys in their received order, after the known ones.
    return [...keys].sort((a, b) => rank(a) - rank(b));
  }
  return keys;
}

/** Rebuilds objects so that JSON.stringify emits keys in the chosen order. */
export function reorderKeys(value: unknown, order: KeyOrder, depth = 0): unknown {
  if (order === 'as_received' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, order, depth + 1));
  if (!isPlainObject(value)) return value;
  // Integer-like keys always come first in JS objects whatever the insertion order, so a
  // Map-free rebuild cannot express every order; such keys are rare in WorkOS payloads.
  const out: JsonObject = {};
  for (const key of orderKeys(value, order)) out[key] = reorderKeys(value[key], order, depth + 1);
  return out;
}

/** Reorders only the top level: `keys` is the wanted order of the object's own keys. */
export function withTopLevelOrder(value: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) out[key] = value[key];
  return out;
}

const INDENTS: Record<Indent, string | undefined> = {
  compact: undefined,
  two_spaces: '  ',
  four_spaces: '    ',
  tab: '\t',
};

export function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Throws `JsonTooDeepError` (not a stack overflow) for values nested deeper than
 * MAX_JSON_DEPTH; callers check `jsonTextDepth` of the text first and never get here with one.
 */
export function serializeJson(value: unknown, indent: Indent, unicode: UnicodeStyle): string {
  if (jsonValueDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new JsonTooDeepError();
  const text = JSON.stringify(value, null, INDENTS[indent]) ?? 'null';
  return unicode === 'escaped' ? escapeNonAscii(text) : text;
}

export function isPlainJsonObject(value: unknown): value is JsonObject {
  return isPlainObject(value);
}

/** Guesses how a body was formatted, so a candidate can say what differs from it. */
export function detectIndent(text: string): Indent {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return 'compact';
  const lead = m[1] ?? '';
  if (lead.startsWith('\t')) return 'tab';
  return lead.length >= 4 ? 'four_spaces' : 'two_spaces';
}

export function detectUnicodeStyle(text: string): UnicodeStyle {
  return /\\u(?:00[89a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]|[1-9a-fA-F][0-9a-fA-F]{2})[0-9a-fA-F]/.test(text)
    ? 'escaped'
    : 'raw';
}

export function hasNonAscii(text: string): boolean {
  return /[\u0080-\uffff]/.test(text);
}
