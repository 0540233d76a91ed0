/**
 * How typed words become search terms: substrings for three or more characters (trigram
 * phrases, quotes doubled so FTS5 reads no operator), word prefixes for two, initials for one,
 * and the row-level test that walks use agreeing with those rules.
 */
import { describe, expect, it } from 'vitest';
import {
  parseUserSearch,
  searchTextMatches,
  substringPhrase,
  termsPattern,
} from '../../../src/main/store/queries/user-search.ts';

describe('parseUserSearch', () => {
  it('makes words of three or more characters substrings, folded for case and accents', () => {
    const s = parseUserSearch('Derso  JOSÉ')!;
    expect(s.substrings).toEqual(['derso', 'jose']);
    expect(s.substringMatch).toBe('"derso" AND "jose"');
    expect(s.terms).toEqual([]);
    expect(s.match).toBeNull();
    expect(s.exact).toEqual([]);
  });

  it('keeps two-character words as word prefixes and single characters as initials', () => {
    const s = parseUserSearch('jo a derso')!;
    expect(s.terms).toEqual([{ tokens: ['jo'], prefix: true }]);
    expect(s.match).toBe('"jo"*');
    expect(s.substrings).toEqual(['derso']);
    expect(s.initials).toEqual(['a']);
    expect(s.exact).toEqual([]);
  });

  it('keeps punctuation inside a substring, and asks an "@" word to be in an email', () => {
    const mid = parseUserSearch('son.smith@exa')!;
    expect(mid.substrings).toEqual(['son.smith@exa']);
    expect(mid.exact).toHaveLength(1);
    expect(parseUserSearch('mkt-122')!).toMatchObject({ substrings: ['mkt-122'], exact: [] });
    // The email-prefix form (tried first when some email starts with it) is a range, not a substring.
    expect(parseUserSearch('alice.smith@exa', 'alice.smith@exa')).toMatchObject({
      substrings: [],
      emailPrefix: 'alice.smith@exa',
    });
  });

  it('quotes FTS5 operators and quotes so they match literally', () => {
    const s = parseUserSearch('a"b"c OR NEAR(x')!;
    expect(s.substrings).toEqual(['a"b"c', 'near(x']);
    expect(s.substringMatch).toBe('"a""b""c" AND "near(x"');
    expect(substringPhrase('"')).toBe('""""');
    // "OR" is two characters: a word prefix, quoted, never the operator.
    expect(s.match).toBe('"or"*');
    expect(parseUserSearch('   ')).toBeNull();
    expect(parseUserSearch('((( ***')).toBeNull();
  });

  it('bounds the work of huge input: at most 12 words', () => {
    const s = parseUserSearch(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '))!;
    expect(s.substrings).toHaveLength(12);
  });
});

describe('searchTextMatches', () => {
  const text = 'Richard Anderson richard.anderson@customer-001.example Staff II ENG-133 San Francisco, US';
  const test = (input: string) => {
    const s = parseUserSearch(input)!;
    return searchTextMatches(text, termsPattern(s.terms), s.substrings);
  };

  it('finds substrings anywhere and word prefixes only at word starts', () => {
    expect(test('derso')).toBe(true);
    expect(test('son@cust')).toBe(true);
    expect(test('son.cust')).toBe(false); // the text has "@" there, not "."
    expect(test('chard.and')).toBe(true);
    expect(test('RANCIS')).toBe(true);
    expect(test('ri de')).toBe(false); // "de" starts no word
    expect(test('ri an')).toBe(true);
    expect(test('derso zzz')).toBe(false);
    expect(test('g-13')).toBe(true);
  });

  it('folds accents on both sides', () => {
    expect(searchTextMatches('José Müller', [], ['jose', 'mull'])).toBe(true);
    expect(searchTextMatches('Jose Muller', [], ['müll'.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')])).toBe(true);
  });
});
