import { describe, expect, it } from 'vitest';
import { parseAttributeFilter } from '../../../src/renderer/src/screens/users/attribute-filter.ts';

describe('attribute filter', () => {
  it('parses key=value, trimming around both', () => {
    expect(parseAttributeFilter(' department = Sales ')).toEqual({ ok: true, key: 'department', value: 'Sales' });
    expect(parseAttributeFilter('cost_center=a=b')).toEqual({ ok: true, key: 'cost_center', value: 'a=b' });
    expect(parseAttributeFilter('')).toBeNull();
  });

  it('names what is wrong with a malformed filter', () => {
    expect(parseAttributeFilter('department')).toMatchObject({ ok: false, error: expect.stringMatching(/No "="/) });
    expect(parseAttributeFilter('=Sales')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/name before "="/),
    });
    expect(parseAttributeFilter('department=')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/value after "department="/),
    });
    expect(parseAttributeFilter('cost center=1')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no spaces/),
    });
  });
});
