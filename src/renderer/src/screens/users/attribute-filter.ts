/**
 * The Users screen's `attribute=value` filter, parsed with a message naming what is wrong
 * instead of silently ignoring a malformed one.
 */
export type AttributeFilter = { ok: true; key: string; value: string } | { ok: false; error: string } | null;

const MAX_KEY = 200;
const MAX_VALUE = 500;

/** `null` for an empty input (no filter). */
export function parseAttributeFilter(text: string | null | undefined): AttributeFilter {
  const t = (text ?? '').trim();
  if (t === '') return null;
  const eq = t.indexOf('=');
  if (eq < 0)
    return { ok: false, error: `No "=" in "${t.slice(0, 40)}": write attribute=value, e.g. department=Sales.` };
  const key = t.slice(0, eq).trim();
  const value = t.slice(eq + 1).trim();
  if (key === '') return { ok: false, error: 'The attribute name before "=" is missing, e.g. department=Sales.' };
  if (/\s/.test(key)) return { ok: false, error: `Attribute names have no spaces ("${key.slice(0, 40)}").` };
  if (key.length > MAX_KEY) return { ok: false, error: `The attribute name is longer than ${MAX_KEY} characters.` };
  if (value === '') return { ok: false, error: `The value after "${key}=" is missing, e.g. ${key}=Sales.` };
  if (value.length > MAX_VALUE) return { ok: false, error: `The value is longer than ${MAX_VALUE} characters.` };
  return { ok: true, key, value };
}
