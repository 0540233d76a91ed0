/**
 * JSON nesting without recursion. `JSON.parse` in V8 is iterative and reads any depth, but
 * `JSON.stringify` and every recursive walk overflow the stack at a few thousand levels
 * (~10 KB of `[`), and a sender controls the depth. So code that re-serialises or walks a
 * parsed body first asks how deep it is (these scans are loops) and refuses above a limit,
 * saying so, instead of crashing. Pure functions: used by the core and the renderer.
 */

/** Deeper than this is not re-serialised or walked; WorkOS payloads nest fewer than 10 levels. */
export const MAX_JSON_DEPTH = 256;

/**
 * The deepest nesting of `[`/`{` in JSON text, skipping strings; stops counting once above
 * `stopAbove` (so a scan of a hostile body ends early). Not a validator: any text works.
 */
export function jsonTextDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

/** The nesting depth of a value (a scalar is 0, `[]` is 1); stops once above `stopAbove`. */
export function jsonValueDepth(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const depth = d + 1;
    if (depth > max) {
      max = depth;
      if (max > stopAbove) return max;
    }
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ v: child, d: depth });
  }
  return max;
}

/** The sentence every refusal uses, so people see one wording wherever it happens. */
export function tooDeepMessage(limit: number = MAX_JSON_DEPTH): string {
  return `JSON nested deeper than ${limit} levels; not re-serialised`;
}

/**
 * `JSON.stringify(value, null, indent)` for values at most `MAX_JSON_DEPTH` deep; deeper
 * values give the placeholder text instead of a stack overflow (for viewers: the exact form
 * is the raw text, which they can show instead).
 */
export function stringifyJsonBounded(value: unknown, indent?: number | string, limit: number = MAX_JSON_DEPTH): string {
  if (jsonValueDepth(value, limit) > limit) return `/* ${tooDeepMessage(limit)} */`;
  return JSON.stringify(value, null, indent) ?? 'null';
}
