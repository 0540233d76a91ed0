import { describe, expect, it } from 'vitest';
import { terminalText } from '../../../src/main/cli/terminal-text.ts';
import { formatRows } from '../../../src/main/cli/cli-format.ts';

/** Anything a terminal would interpret rather than show. */
// eslint-disable-next-line no-control-regex -- these are exactly what must never be printed
const INTERPRETED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it.each([
    ['ESC / OSC retitle', 'a\u001b]0;owned\u0007b', 'a\\x1b]0;owned\\x07b'],
    ['CSI clear screen', '\u001b[2J\u001b[H', '\\x1b[2J\\x1b[H'],
    ['forged line', 'x\r\n#2  200  valid', 'x\\r\\n#2  200  valid'],
    ['tab, NUL, DEL', '\t\u0000\u007f', '\\t\\x00\\x7f'],
    ['C1 CSI', '\u009b31m', '\\u009b31m'],
    ['bidi override and isolate', 'user\u202etxt.exe\u2066', 'user\\u202etxt.exe\\u2066'],
    ['direction marks', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['line separators', '\u2028\u2029', '\\u2028\\u2029'],
    ['lone surrogate', 'a\ud800b', 'a\\ud800b'],
  ])('%s is made visible', (_label, input, shown) => {
    expect(terminalText(input)).toBe(shown);
    expect(terminalText(input)).not.toMatch(INTERPRETED);
  });

  it('keeps printable text of any script, emoji and backslashes as they are', () => {
    const text = 'Zoë André — 山田 太郎 — שלום — 😀 — CORP\\jdoe';
    expect(terminalText(text)).toBe(text);
  });
});

describe('table output of cached names', () => {
  it('never carries an escape or bidi control; CSV keeps neutralising formulas; JSON stays exact', () => {
    const rows = [{ name: '\u001b]0;owned\u0007Eve\u202e', email: '=cmd|calc\r\nx' }];
    const columns = [
      { header: 'name', value: (r: (typeof rows)[number]) => r.name },
      { header: 'email', value: (r: (typeof rows)[number]) => r.email },
    ];
    const table = formatRows(rows, columns, 'table', (r) => r);
    expect(table.replace(/\n/g, '')).not.toMatch(INTERPRETED);
    expect(table.split('\n').filter(Boolean)).toHaveLength(2);
    expect(table).toContain('\\x1b]0;owned\\x07Eve\\u202e');
    expect(formatRows(rows, columns, 'csv', (r) => r)).toContain(`"'=cmd|calc\r\nx"`);
    expect(JSON.parse(formatRows(rows, columns, 'json', (r) => r))).toEqual(rows);
  });
});
