/**
 * Splits a pasted shell command (a curl line copied from docs, a terminal or a browser's
 * "Copy as cURL") into words: single quotes, double quotes with backslash escapes, $'…' ANSI
 * quoting, and backslash-newline continuations (bash and cmd.exe `^` style). Never throws; an
 * unterminated quote ends at the end of the text and is reported.
 */

export interface ShellWords {
  readonly words: string[];
  readonly unterminatedQuote: boolean;
}

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  e: '\x1b',
};

export function splitShellWords(text: string): ShellWords {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let unterminated = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if ((c === '\\' || c === '^') && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) {
        current += text.slice(i + 1);
        unterminated = true;
        i = n;
      } else {
        current += text.slice(i + 1, end);
        i = end + 1;
      }
      continue;
    }
    if (c === '$' && text[i + 1] === "'") {
      i += 2;
      while (i < n && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < n) {
          const e = text[i + 1] as string;
          if (e === 'x' || e === 'u') {
            const len = e === 'x' ? 2 : 4;
            const hex = text.slice(i + 2, i + 2 + len);
            if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
              current += String.fromCharCode(parseInt(hex, 16));
              i += 2 + len;
              continue;
            }
          }
          current += ANSI_ESCAPES[e] ?? e;
          i += 2;
        } else {
          current += text[i];
          i++;
        }
      }
      if (i >= n) unterminated = true;
      i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(text[i + 1] as string)) {
          if (text[i + 1] !== '\n') current += text[i + 1];
          i += 2;
        } else {
          current += text[i];
          i++;
        }
      }
      if (i >= n) unterminated = true;
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < n) {
      current += text[i + 1];
      i += 2;
      continue;
    }
    current += c;
    i++;
  }
  if (inWord) words.push(current);
  return { words, unterminatedQuote: unterminated };
}
