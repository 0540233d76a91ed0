/**
 * Text from a webhook sender, WorkOS or the cache, made safe to print on a terminal line.
 * Every character a terminal could interpret instead of showing is written as a visible
 * escape: C0 controls (NUL…US, so ESC and CR/LF too) as `\x1b`, `\r`, `\n`, `\t`; DEL as
 * `\x7f`; C1 controls (U+0080–U+009F, which some terminals read as CSI/OSC) as `\u009b`;
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible
 * direction marks (U+200E, U+200F, U+061C) as `\u202e`, because they reorder what is shown
 * (“Trojan Source”); line and paragraph separators (U+2028, U+2029) as `\u2028`, because
 * some terminals break the line there. Lone surrogates become `\ud800` rather than the
 * replacement character the encoder would silently write. Everything else, including any
 * printable non-ASCII text (names in any script), is kept as is.
 *
 * Backslashes are not doubled: Windows account names (`CORP\jdoe`) stay readable, at the
 * cost that a literal `\x1b` in the data and an escaped ESC print alike — the output is
 * for people, and `--format json` stays the exact form.
 */

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// One character class for everything escaped, plus lone surrogates (high not followed by low,
// low not preceded by high).
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, bidi and line-breaking character shown as an escape. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** For optional values printed with a placeholder (`-`) when absent. */
export function terminalTextOr(text: string | null | undefined, absent: string): string {
  return text === null || text === undefined ? absent : terminalText(text);
}
