/**
 * Field-by-field difference between two JSON payloads (e.g. a delivery and its retry, or a
 * body before and after a framework touched it). Paths read like `data.emails[0].value`.
 */
import type { PayloadDiff, PayloadDiffEntry } from '../../shared/api/webhooks.ts';
import { jsonTextDepth, MAX_JSON_DEPTH, stringifyJsonBounded, tooDeepMessage } from '../../shared/json-depth.ts';
import { parseJsonLoosely } from './body.ts';

const MAX_ENTRIES = 1_000;
const MAX_VALUE_CHARS = 2_000;

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function show(v: unknown): string {
  const text = stringifyJsonBounded(v);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? safe : `[${safe}]`;
  if (path === '') return part.startsWith('[') ? part : safe;
  return part.startsWith('[') ? `${path}${part}` : `${path}.${safe}`;
}

function walk(a: unknown, b: unknown, path: string, out: PayloadDiffEntry[], depth: number): void {
  if (out.length >= MAX_ENTRIES) return;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) {
    out.push({ path: path || '(root)', kind: 'type_changed', before: show(a), after: show(b) });
    return;
  }
  if (depth > 200) return;
  if (ka === 'array') {
    const aa = a as unknown[];
    const bb = b as unknown[];
    for (let i = 0; i < Math.max(aa.length, bb.length); i++) {
      if (i >= aa.length) out.push({ path: childPath(path, i), kind: 'added', before: null, after: show(bb[i]) });
      else if (i >= bb.length)
        out.push({ path: childPath(path, i), kind: 'removed', before: show(aa[i]), after: null });
      else walk(aa[i], bb[i], childPath(path, i), out, depth + 1);
    }
    return;
  }
  if (ka === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(oa), ...Object.keys(ob)]);
    for (const key of keys) {
      const inA = Object.prototype.hasOwnProperty.call(oa, key);
      const inB = Object.prototype.hasOwnProperty.call(ob, key);
      if (!inB) out.push({ path: childPath(path, key), kind: 'removed', before: show(oa[key]), after: null });
      else if (!inA) out.push({ path: childPath(path, key), kind: 'added', before: null, after: show(ob[key]) });
      else walk(oa[key], ob[key], childPath(path, key), out, depth + 1);
    }
    return;
  }
  if (!Object.is(a, b)) out.push({ path: path || '(root)', kind: 'changed', before: show(a), after: show(b) });
}

export function diffPayloads(a: string, b: string): PayloadDiff {
  const pa = parseJsonLoosely(a);
  const pb = parseJsonLoosely(b);
  if (!pa.ok || !pb.ok) {
    return {
      equal: a === b,
      sameValueDifferentBytes: false,
      aError: pa.ok ? null : `A is not JSON: ${pa.error}`,
      bError: pb.ok ? null : `B is not JSON: ${pb.error}`,
      entries: [],
      truncated: false,
    };
  }
  const deepA = jsonTextDepth(a, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
  const deepB = jsonTextDepth(b, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
  if (deepA || deepB) {
    // The walk recurses; past the limit the payloads are compared as text only.
    return {
      equal: a === b,
      sameValueDifferentBytes: false,
      aError: deepA ? `A: ${tooDeepMessage()}; not compared field by field` : null,
      bError: deepB ? `B: ${tooDeepMessage()}; not compared field by field` : null,
      entries: [],
      truncated: false,
    };
  }
  const entries: PayloadDiffEntry[] = [];
  walk(pa.value, pb.value, '', entries, 0);
  return {
    equal: a === b,
    sameValueDifferentBytes: a !== b && entries.length === 0,
    aError: null,
    bError: null,
    entries,
    truncated: entries.length >= MAX_ENTRIES,
  };
}
