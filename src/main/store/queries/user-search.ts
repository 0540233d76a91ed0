/**
 * What someone typed into user search, turned into (a) FTS5 expressions that find the
 * candidates and (b) exact filters that keep only real matches.
 *
 * - A word of three or more characters is a substring: `derso` finds Anderson, `son.smi`
 *   finds anderson.smith@…, `ande` still finds Anderson (a word prefix is a substring too). It
 *   is a phrase of its trigrams in `users_trigram_fts` (migration 17), which is exact: the
 *   trigrams must be adjacent and in order, folded for case and diacritics like the text.
 * - A word with punctuation and `@` (`smith@example.com`) must moreover occur in the user's
 *   email, username or other emails, not merely somewhere in the indexed text.
 * - A two-character word is a token prefix: `jo` finds Jo, John and jo@… (trigrams cannot
 *   answer it). A two-character word with punctuation (`a.`) is a phrase of its tokens.
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
  /** Word-prefix terms; all must match (FTS5 AND). */
  terms: SearchTerm[];
  /** FTS5 MATCH expression on users_fts for `terms`, or null when there are none. */
  match: string | null;
  /** Folded texts (3+ characters each) that must all occur in the indexed text. */
  substrings: string[];
  /** FTS5 MATCH expression on users_trigram_fts for `substrings`, or null when there are none. */
  substringMatch: string | null;
  /** Predicates on `users u` that every result must also satisfy. */
  exact: SqlFragment[];
  /**
   * Single letters or digits, each the start of some word of the name (`initialFilter`); kept
   * apart from `exact` so a walk of the name index tests them on its entries, not on rows.
   */
  initials: string[];
  /**
   * Lower-cased start of the email every result has (an indexed range), if any. Not among
   * `exact`: a drive from that range needs no test of it (`emailPrefixFilter` otherwise).
   */
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

/** Characters a trigram index needs to answer a substring (shorter ones match nothing). */
export const SUBSTRING_MIN = 3;

/** Length in characters as the trigram tokenizer counts them (code points). */
function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A trigram phrase: the quoted text, quotes doubled, so FTS5 reads no operator in it. */
export function substringPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function phrase(term: SearchTerm): string {
  return `"${term.tokens.join(' ')}"${term.prefix ? '*' : ''}`;
}

function identifierFilter(word: string): SqlFragment {
  const needle = asciiLower(word);
  if (word.includes('@')) return emailFilter(needle);
  return sql`instr(lower(u.search_text), ${needle}) > 0`;
}

/** The typed text occurs in the user's email, username or one of its other emails. */
function emailFilter(needle: string): SqlFragment {
  return sql`(instr(lower(coalesce(u.email, '')), ${needle}) > 0
             OR instr(lower(coalesce(u.username, '')), ${needle}) > 0
             OR EXISTS (SELECT 1 FROM json_each(u.raw_json, '$.emails') e
                        WHERE instr(lower(coalesce(json_extract(e.value, '$.value'), '')), ${needle}) > 0))`;
}

/**
 * A word of the name starts with `initial` (sort_name is lower-cased, NFKD): tested on the user
 * row, or on a walked name-index entry (`w`, which holds the sort name).
 */
export function initialFilter(initial: string, of: 'row' | 'entry' = 'row'): SqlFragment {
  const key = initial.toLocaleLowerCase('en').normalize('NFKD');
  const name = of === 'row' ? sql`u.sort_name` : sql`w.sort_name`;
  return sql`(substr(${name}, 1, ${key.length}) = ${key} OR instr(${name}, ${` ${key}`}) > 0)`;
}

/**
 * The part of a word with `@` the trigram index is asked for: the text before the `@` when it
 * alone has enough characters. The domain's trigrams ("@cu", "cus", …) are in nearly every
 * user's text, and merging their doclists made such a search cost 65–85 ms at 1M users; the
 * word itself is then checked whole against the emails (`emailFilter`, always added for it).
 */
function indexedPart(folded: string): string {
  const local = folded.slice(0, folded.indexOf('@'));
  return charLength(local) >= SUBSTRING_MIN ? local : folded;
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
  const substrings: string[] = [];
  /** What the trigram index is asked for each substring (see `indexedPart`). */
  const indexed: string[] = [];
  const exact: SqlFragment[] = [];
  const initials: string[] = [];
  let emailPrefix: string | null = null;
  for (const word of wordsOf(input)) {
    const tokens = tokenize(word);
    if (tokens.length === 0) continue;
    const folded = foldText(word);
    const plain = tokens.length === 1 && folded === tokens[0];
    if (word === emailWord && emailPrefix === null) {
      emailPrefix = asciiLower(word);
    } else if (charLength(folded) >= SUBSTRING_MIN) {
      if (!substrings.includes(folded)) {
        substrings.push(folded);
        indexed.push(word.includes('@') ? indexedPart(folded) : folded);
      }
      if (!plain && word.includes('@')) exact.push(emailFilter(asciiLower(word)));
    } else if (plain && tokens[0]!.length === 1) {
      if (!initials.includes(word)) initials.push(word);
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
  if (
    terms.length === 0 &&
    substrings.length === 0 &&
    exact.length === 0 &&
    initials.length === 0 &&
    emailPrefix === null
  )
    return null;
  return {
    terms,
    match: terms.length > 0 ? terms.map(phrase).join(' AND ') : null,
    substrings,
    substringMatch: indexed.length > 0 ? [...new Set(indexed)].map(substringPhrase).join(' AND ') : null,
    exact,
    initials,
    emailPrefix,
  };
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

/** The user's email starts with `prefix` (lower-cased), on `users u`. */
export function emailPrefixFilter(prefix: string): SqlFragment {
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

/**
 * Whether an indexed text matches every term and holds every substring (the FTS5 expressions,
 * evaluated on one row).
 */
export function searchTextMatches(
  searchText: string,
  patterns: readonly RegExp[],
  substrings: readonly string[] = [],
): boolean {
  const folded = NON_ASCII.test(searchText) ? foldText(searchText) : searchText.toLowerCase();
  return patterns.every((p) => p.test(folded)) && substrings.every((s) => folded.includes(s));
}
