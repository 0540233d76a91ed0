/**
 * Candidate "original bodies": the received body with one of the usual accidents undone
 * (re-serialised JSON, CRLF, trailing newline, BOM, unicode escaping, reordered keys, double
 * encoding). Generated lazily, most likely first, so a budget can stop the search anywhere.
 */
import type { BodyChange } from '../../shared/api/webhooks.ts';
import { jsonTextDepth, MAX_JSON_DEPTH } from '../../shared/json-depth.ts';
import { parseJsonLoosely, type BodyView } from './body.ts';
import {
  detectIndent,
  detectUnicodeStyle,
  hasNonAscii,
  isPlainJsonObject,
  reorderKeys,
  serializeJson,
  withTopLevelOrder,
  type Indent,
  type KeyOrder,
  type UnicodeStyle,
} from './json-format.ts';

export interface BodyCandidate {
  readonly text: string;
  /** How the received body differs from this candidate, most telling first. */
  readonly changes: readonly BodyChange[];
}

export interface CandidateLimits {
  /** Above this many characters the body is not parsed as JSON for re-serialisation. */
  readonly maxJsonChars: number;
  /** Top-level key permutations are tried only for objects with at most this many keys. */
  readonly maxPermutedKeys: number;
}

export const DEFAULT_CANDIDATE_LIMITS: CandidateLimits = { maxJsonChars: 4 * 1024 * 1024, maxPermutedKeys: 6 };

function* byteLevelCandidates(view: BodyView): Generator<BodyCandidate> {
  const text = view.text;
  const withoutBom = text.replace(/^\uFEFF/, '');
  if (view.hasBom) yield { text: withoutBom, changes: ['bom'] };
  if (text.includes('\r\n')) yield { text: text.replace(/\r\n/g, '\n'), changes: ['line_endings'] };
  else if (text.includes('\n')) yield { text: text.replace(/\n/g, '\r\n'), changes: ['line_endings'] };
  if (/\r?\n$/.test(text)) {
    yield { text: text.replace(/\r?\n$/, ''), changes: ['trailing_newline'] };
    yield { text: text.replace(/[\r\n]+$/, ''), changes: ['trailing_newline'] };
  } else {
    yield { text: text + '\n', changes: ['trailing_newline'] };
  }
  const trimmed = withoutBom.trim();
  if (trimmed !== withoutBom) yield { text: trimmed, changes: ['surrounding_whitespace'] };
  // Several accidents at once: BOM + CRLF + trailing newline (typical of a file saved on Windows).
  const scrubChanges: BodyChange[] = [];
  if (view.hasBom) scrubChanges.push('bom');
  if (text.includes('\r\n')) scrubChanges.push('line_endings');
  if (/[\r\n]$/.test(text)) scrubChanges.push('trailing_newline');
  if (scrubChanges.length > 1) {
    yield { text: withoutBom.replace(/\r\n/g, '\n').replace(/[\r\n]+$/, ''), changes: scrubChanges };
  }
}

function doubleEncodedCandidate(text: string): BodyCandidate | null {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('"')) return null;
  const parsed = parseJsonLoosely(trimmed);
  if (!parsed.ok || typeof parsed.value !== 'string') return null;
  return { text: parsed.value, changes: ['double_encoded'] };
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i] as T, ...tail];
  }
}

interface JsonShape {
  readonly indent: Indent;
  readonly unicode: UnicodeStyle;
  readonly nonAscii: boolean;
}

function describeJsonCandidate(
  view: BodyView,
  shape: JsonShape,
  reordered: boolean,
  indent: Indent,
  unicode: UnicodeStyle,
): BodyChange[] {
  const changes: BodyChange[] = [];
  if (reordered) changes.push('key_order');
  if (indent !== shape.indent) changes.push('whitespace');
  if (shape.nonAscii && unicode !== shape.unicode) changes.push('unicode_escaping');
  if (view.hasBom) changes.push('bom');
  if (view.text.includes('\r\n')) changes.push('line_endings');
  if (/[\r\n]$/.test(view.text)) changes.push('trailing_newline');
  if (changes.length === 0) changes.push('reserialized');
  return changes;
}

function* jsonCandidates(view: BodyView, limits: CandidateLimits): Generator<BodyCandidate> {
  if (view.text.length > limits.maxJsonChars) return;
  // JSON.stringify recurses (and indenting costs depth² characters): deep bodies are not re-serialised.
  if (jsonTextDepth(view.text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return;
  const parsed = parseJsonLoosely(view.text.trim());
  if (!parsed.ok) return;
  const value = parsed.value;
  const compactRaw = serializeJson(value, 'compact', 'raw');
  const shape: JsonShape = {
    indent: detectIndent(view.text),
    unicode: detectUnicodeStyle(view.text),
    nonAscii: hasNonAscii(compactRaw),
  };
  const unicodeStyles: UnicodeStyle[] = shape.nonAscii ? ['raw', 'escaped'] : ['raw'];
  const indents: Indent[] = ['compact', 'two_spaces', 'four_spaces', 'tab'];
  const orders: KeyOrder[] = ['as_received', 'workos', 'sorted'];
  const baseline = new Map<string, string>();
  for (const order of orders) {
    const ordered = reorderKeys(value, order);
    for (const indent of indents) {
      for (const unicode of unicodeStyles) {
        const text = serializeJson(ordered, indent, unicode);
        const key = `${indent}/${unicode}`;
        if (order === 'as_received') baseline.set(key, text);
        const reordered = order !== 'as_received' && baseline.get(key) !== text;
        if (order !== 'as_received' && !reordered) continue;
        yield { text, changes: describeJsonCandidate(view, shape, reordered, indent, unicode) };
      }
    }
  }
  if (!isPlainJsonObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length < 2 || keys.length > limits.maxPermutedKeys) return;
  // A tool that reordered the top level: try every order of the top-level keys, with the
  // nested objects as received or in WorkOS's schema order, compact as WorkOS sends it.
  const nestedVariants = [value, reorderKeys(value, 'workos')].filter(isPlainJsonObject);
  for (const perm of permutations(keys)) {
    for (const nested of nestedVariants) {
      for (const unicode of unicodeStyles) {
        const text = serializeJson(withTopLevelOrder(nested, perm), 'compact', unicode);
        yield { text, changes: describeJsonCandidate(view, shape, true, 'compact', unicode) };
      }
    }
  }
}

/** Every candidate once (by text, for small bodies), never the received text itself. */
export function* bodyCandidates(
  view: BodyView,
  limits: CandidateLimits = DEFAULT_CANDIDATE_LIMITS,
): Generator<BodyCandidate> {
  const dedupe = view.text.length <= 64 * 1024;
  const seen = new Set<string>([view.text]);
  const fresh = (c: BodyCandidate): boolean => {
    if (!dedupe) return c.text !== view.text;
    if (seen.has(c.text)) return false;
    seen.add(c.text);
    return true;
  };
  for (const c of byteLevelCandidates(view)) if (fresh(c)) yield c;
  const doubled = doubleEncodedCandidate(view.text);
  if (doubled && fresh(doubled)) yield doubled;
  for (const c of jsonCandidates(view, limits)) if (fresh(c)) yield c;
}
