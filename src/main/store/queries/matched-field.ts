/**
 * Which field of a user a search matched, for results that matched something the list does
 * not show ("matched manager email"). The FTS index holds one text per user, so the field is
 * found again on the page's rows (at most a page, so cheap): the first field, in the order
 * below, that holds every searched token as a word prefix — else the first that holds any.
 */
import type { UserRow } from '../rows.ts';
import { parseJsonObject } from './row-mappers.ts';
import { foldText, tokenize } from './user-search.ts';

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

function holdsPrefix(value: string, token: string): boolean {
  return tokenize(value).some((t) => t.startsWith(token)) || foldText(value).includes(token);
}

/** The field label ("name", "email", "manager email", …), or null when none is found. */
export function matchedField(row: UserRow, search: string): string | null {
  const tokens = tokenize(search);
  if (tokens.length === 0) return null;
  const fields = fieldsOf(row);
  const all = fields.find(([, v]) => tokens.every((t) => holdsPrefix(v, t)));
  if (all) return all[0];
  return fields.find(([, v]) => tokens.some((t) => holdsPrefix(v, t)))?.[0] ?? null;
}
