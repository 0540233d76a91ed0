/**
 * Which field of a user a search matched, for results that matched something the list does
 * not show ("matched manager email"). The FTS index holds one text per user, so the field is
 * found again on the page's rows (at most a page, so cheap): the first field, in the order
 * below, that holds every searched word — else the first that holds any. A word holds as the
 * search matched it: three or more characters anywhere in the field (a substring, `derso` in
 * Anderson), shorter ones as a word prefix.
 */
import type { UserRow } from '../rows.ts';
import { parseJsonObject } from './row-mappers.ts';
import { foldText, SUBSTRING_MIN, tokenize } from './user-search.ts';

function humanize(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .toLowerCase()
    .trim();
}

function fieldsOf(row: UserRow): [string, string][] {
  const fields: [string, string][] = [];
  const add = (label: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') fields.push([label, value]);
    else if (typeof value === 'number') fields.push([label, String(value)]);
  };
  add('name', [row.first_name, row.last_name, row.name].filter(Boolean).join(' '));
  add('email', row.email);
  const raw = parseJsonObject(row.raw_json);
  if (Array.isArray(raw.emails))
    for (const e of raw.emails)
      if (e && typeof e === 'object' && !Array.isArray(e)) {
        const value = (e as Record<string, unknown>).value;
        if (value !== row.email) add('other email', value);
      }
  add('username', row.username);
  add('job title', row.job_title);
  add('IdP id', row.idp_id);
  const custom = parseJsonObject(row.custom_attributes);
  for (const [key, value] of Object.entries(custom)) {
    if (value && typeof value === 'object') add(humanize(key), JSON.stringify(value));
    else add(humanize(key), value);
  }
  return fields;
}

type FieldTest = (folded: string, tokens: () => string[]) => boolean;

/** One test per searched word, on a field's folded text and (computed on demand) its tokens. */
function wordTests(search: string): FieldTest[] {
  const tests: FieldTest[] = [];
  for (const word of search.trim().split(/\s+/u).slice(0, 12)) {
    const folded = foldText(word);
    if ([...folded].length >= SUBSTRING_MIN) {
      tests.push((text) => text.includes(folded));
      continue;
    }
    for (const token of tokenize(word)) tests.push((_, tokens) => tokens().some((t) => t.startsWith(token)));
  }
  return tests;
}

/** Plain ASCII needs no Unicode folding (the common case; folding is the costly part). */
const NON_ASCII = /[^ -~]/;

/** The field label ("name", "email", "manager email", …), or null when none is found. */
export function matchedField(row: UserRow, search: string): string | null {
  const tests = wordTests(search);
  if (tests.length === 0) return null;
  // Fields are folded lazily, in order: most results match the first field (the name).
  const fields = fieldsOf(row).map(([label, value]) => {
    const folded = NON_ASCII.test(value) ? foldText(value) : value.toLowerCase();
    let tokens: string[] | null = null;
    return { label, folded, tokens: () => (tokens ??= tokenize(folded)) };
  });
  const holds = (f: (typeof fields)[number], test: FieldTest) => test(f.folded, f.tokens);
  const all = fields.find((f) => tests.every((t) => holds(f, t)));
  if (all) return all.label;
  return fields.find((f) => tests.some((t) => holds(f, t)))?.label ?? null;
}
