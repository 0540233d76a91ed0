/**
 * What someone typed into user search, turned into (a) an FTS5 expression that finds the
 * candidates and (b) exact filters that keep only real matches.
 *
 * - A plain word is a token prefix: `jo` finds Jo, John and jo@…
 * - A word with punctuation (`alice.smith@example.com`, `maria.`, `MKT-122`) is one phrase of
 *   its tokens, the last one a prefix, so the tokens must be adjacent and in order; then the
 *   typed text itself must occur (case-insensitively) in the user's email, username or other
 *   emails when it contains `@`, else anywhere in the indexed text. Without this the tokenizer's
 *   split made `alice.smith@example.com` find every Alice Smith with any example.com address.
 * - A single letter or digit is an initial: some word of the user's name starts with it (a
 *   one-character FTS prefix would merge the doclists of every token starting with it).
 *
 * The same matching is also available as a row test in JavaScript (`searchTextMatches`), for
 * plans that walk users in name order instead of reading every match from the FTS index.
 */
import { sql, type SqlFragment } from '../sql.ts';

export interface SearchTerm {
  /** Folded tokens that must appear adjacent and in order. */
  tokens: string[];
  /** The last token matches as a prefix. */
  prefix: boolean;
}

export interface UserSearch {
  /** All must match (FTS5 AND); empty when the input held only initials. */
  terms: SearchTerm[];
  /** FTS5 MATCH expression for `terms`, or null when there are none. */
  match: string | null;
  /** Predicates on `users u` that every result must also satisfy. */
  exact: SqlFragment[];
  /** Lower-cased start of the email every result has (an indexed range), if any. */
  emailPrefix: string | null;
}

const MAX_WORDS = 12;

/**
 * Case and diacritic folding as FTS5's `unicode61 remove_diacritics 2` does it for Latin
 * scripts (combining marks U+0300–U+036F); both sides of every comparison go through it.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '');
}

/** Tokens as unicode61 sees them: runs of letters, numbers and private-use characters. */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
}

/** SQLite's lower() folds ASCII only; fold the input the same way so instr() compares alike. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function phrase(term: SearchTerm): string {
  return `"${term.tokens.join(' ')}"${term.prefix ? '*' : ''}`;
}

function identifierFilter(word: string): SqlFragment {
  const needle = asciiLower(word);
  if (word.includes('@')) {
    return sql`(instr(lower(coalesce(u.email, '')), ${needle}) > 0
               OR instr(lower(coalesce(u.username, '')), ${needle}) > 0
               OR EXISTS (SELECT 1 FROM json_each(u.raw_json, '$.emails') e
                          WHERE instr(lower(coalesce(json_extract(e.value, '$.value'), '')), ${needle}) > 0))`;
  }
  return sql`instr(lower(u.search_text), ${needle}) > 0`;
}

/** A word of the name starts with `initial` (sort_name is lower-cased, NFKD). */
function initialFilter(initial: string): SqlFragment {
  const key = initial.toLocaleLowerCase('en').normalize('NFKD');
  return sql`(substr(u.sort_name, 1, ${key.length}) = ${key} OR instr(u.sort_name, ${` ${key}`}) > 0)`;
}

function wordsOf(input: string): string[] {
  return input
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '')
    .slice(0, MAX_WORDS);
}

function isIdentifier(word: string): boolean {
  const tokens = tokenize(word);
  return tokens.length > 0 && !(tokens.length === 1 && foldText(word) === tokens[0]);
}

/**
 * @param emailWord a word (one of the input's) to match as an email prefix instead of as text:
 *   see `emailPrefixWord`.
 */
export function parseUserSearch(input: string, emailWord?: string): UserSearch | null {
  const terms: SearchTerm[] = [];
  const exact: SqlFragment[] = [];
  let emailPrefix: string | null = null;
  for (const word of wordsOf(input)) {
    const tokens = tokenize(word);
    if (tokens.length === 0) continue;
    const plain = tokens.length === 1 && foldText(word) === tokens[0];
    if (word === emailWord && emailPrefix === null) {
      emailPrefix = asciiLower(word);
      exact.push(emailPrefixFilter(emailPrefix));
    } else if (plain && tokens[0]!.length === 1) {
      exact.push(initialFilter(word));
    } else if (plain) {
      terms.push({ tokens, prefix: true });
    } else {
      // A one-character last token ("mary.t") would make FTS merge every token starting with
      // it; the phrase without it still narrows, and the exact filter checks the whole word.
      const indexed = tokens.length > 1 && tokens[tokens.length - 1]!.length === 1 ? tokens.slice(0, -1) : tokens;
      terms.push({ tokens: indexed, prefix: true });
      exact.push(identifierFilter(word));
    }
  }
  if (terms.length === 0 && exact.length === 0) return null;
  return { terms, match: terms.length > 0 ? terms.map(phrase).join(' AND ') : null, exact, emailPrefix };
}

/**
 * The word to try first as the start of an email (`alice.smith@exa`, `maria.`): the first
 * word with punctuation. An indexed range on lower(email) answers it exactly and at once;
 * when no email starts with it, the word is matched as text instead.
 */
export function emailPrefixWord(input: string): string | null {
  return wordsOf(input).find(isIdentifier) ?? null;
}

/** Upper bound of a prefix range: every text that starts with the prefix sorts below it. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

function emailPrefixFilter(prefix: string): SqlFragment {
  return sql`(lower(u.email) >= ${prefix} AND lower(u.email) < ${prefixEnd(prefix)})`;
}

const TOKEN_CHAR = '\\p{L}\\p{N}\\p{Co}';

/** One regular expression for all terms: each phrase at a token start, tokens apart by separators. */
export function termsPattern(terms: readonly SearchTerm[]): RegExp[] {
  return terms.map((t) => {
    const body = t.tokens.join(`[^${TOKEN_CHAR}]+`);
    return new RegExp(`(?<![${TOKEN_CHAR}])${body}${t.prefix ? '' : `(?![${TOKEN_CHAR}])`}`, 'u');
  });
}

/** Plain ASCII text needs no Unicode folding (the common case; folding is the costly part). */
const NON_ASCII = /[^ -~\t\n\r]/;

/** Whether an indexed text matches every term (the FTS5 expression, evaluated on one row). */
export function searchTextMatches(searchText: string, patterns: readonly RegExp[]): boolean {
  const folded = NON_ASCII.test(searchText) ? foldText(searchText) : searchText.toLowerCase();
  return patterns.every((p) => p.test(folded));
}
