import { describe, expect, it } from 'vitest';
import { nextVersionTime, previousAttributes } from '../../../src/emulator/model/mutations.ts';

describe('previous_attributes', () => {
  it('holds old values of changed root fields and one level of custom/raw attributes', () => {
    const before = {
      id: 'u',
      state: 'active',
      email: 'a@x',
      custom_attributes: { department: 'Sales', location: 'Paris' },
      updated_at: '1',
    };
    const after = {
      id: 'u',
      state: 'inactive',
      email: 'a@x',
      custom_attributes: { department: 'Legal', location: 'Paris', badge: 'B1' },
      updated_at: '2',
    };
    expect(previousAttributes(before, after)).toEqual({
      state: 'active',
      custom_attributes: { department: 'Sales', badge: null },
    });
  });

  it('is empty when nothing changed but updated_at', () => {
    expect(previousAttributes({ name: 'n', updated_at: '1' }, { name: 'n', updated_at: '2' })).toEqual({});
  });
});

describe('updated_at of a new version', () => {
  it('is after the version it replaces even when both happen in the same millisecond', () => {
    const previous = '2026-11-23T10:00:00.000Z';
    const same = Date.parse(previous);
    expect(nextVersionTime(same, previous)).toBe(same + 1);
    expect(nextVersionTime(same - 5_000, previous)).toBe(same + 1);
    expect(nextVersionTime(same + 250, previous)).toBe(same + 250);
  });
});
