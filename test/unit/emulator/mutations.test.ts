import { describe, expect, it } from 'vitest';
import { previousAttributes } from '../../../src/emulator/model/mutations.ts';

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
