import { describe, expect, it } from 'vitest';
import { matchedField } from '../../../src/main/store/queries/matched-field.ts';
import type { UserRow } from '../../../src/main/store/rows.ts';

const row = {
  first_name: 'Priya',
  last_name: 'Natarajan',
  name: null,
  email: 'priya@acme.test',
  username: 'pnatarajan',
  job_title: 'Account Executive',
  idp_id: '00u123',
  raw_json: JSON.stringify({ emails: [{ value: 'priya@acme.test' }, { value: 'p.n@old.test' }] }),
  custom_attributes: JSON.stringify({ manager_email: 'boss.anderson@acme.test', department: 'Sales' }),
} as UserRow;

describe('matched field', () => {
  it('names the field a search matched', () => {
    expect(matchedField(row, 'pri')).toBe('name');
    expect(matchedField(row, 'priya@acme')).toBe('email');
    expect(matchedField(row, 'boss.anderson')).toBe('manager email');
    expect(matchedField(row, 'sales')).toBe('department');
    expect(matchedField(row, 'old.test')).toBe('other email');
    expect(matchedField(row, 'executive')).toBe('job title');
    expect(matchedField(row, 'zzz')).toBeNull();
  });

  it('names the field a substring matched inside a word', () => {
    expect(matchedField(row, 'taraj')).toBe('name');
    expect(matchedField(row, 'derso')).toBe('manager email');
    expect(matchedField(row, 'ss.anderson@ac')).toBe('manager email');
    expect(matchedField(row, 'ccount exec')).toBe('job title');
    expect(matchedField(row, 'ALE')).toBe('department');
    // Every word in one field wins over a field that holds only some of them.
    expect(matchedField(row, 'ya@ac iya')).toBe('email');
    // Two-character words still match word starts only: "ar" starts no word, "ac" does.
    expect(matchedField(row, 'ar')).toBeNull();
    expect(matchedField(row, 'ac')).toBe('email');
  });
});
