import { describe, expect, it } from 'vitest';
import {
  inactiveQuery,
  isFiltered,
  periodFilter,
  readInactiveFilters,
} from '../../../src/renderer/src/screens/inactive/inactive-filters.ts';

const NOW = Date.parse('2026-12-05T12:00:00.000Z');

describe('inactive filters', () => {
  it('reads the URL, with unknown or missing values falling back to "everything"', () => {
    expect(readInactiveFilters(new URLSearchParams(''))).toEqual({
      directory: null,
      period: 'any',
      includeDeleted: true,
    });
    expect(readInactiveFilters(new URLSearchParams('directory=d1&period=min90&deleted=no'))).toEqual({
      directory: 'd1',
      period: 'min90',
      includeDeleted: false,
    });
    // A hand-edited link with a period the screen does not offer is not a filter.
    expect(readInactiveFilters(new URLSearchParams('period=min99999999999&directory=')).period).toBe('any');
    expect(readInactiveFilters(new URLSearchParams('directory=')).directory).toBeNull();
  });

  it('says whether anything narrows the list', () => {
    expect(isFiltered({ directory: null, period: 'any', includeDeleted: true })).toBe(false);
    expect(isFiltered({ directory: null, period: 'any', includeDeleted: false })).toBe(true);
    expect(isFiltered({ directory: null, period: 'last7', includeDeleted: true })).toBe(true);
  });

  it('turns "at least N days" into an upper bound and "in the last N days" into a lower bound', () => {
    expect(periodFilter('min30', NOW)).toEqual({ inactiveBefore: '2026-11-05T12:00:00.000Z' });
    expect(periodFilter('last7', NOW)).toEqual({ inactiveAfter: '2026-11-28T12:00:00.000Z' });
    expect(periodFilter('any', NOW)).toEqual({});
  });

  it('builds the listInactiveUsers input without keys for filters that are off', () => {
    expect(inactiveQuery('demo', { directory: null, period: 'any', includeDeleted: true }, NOW)).toEqual({
      profileId: 'demo',
      includeDeleted: true,
    });
    expect(inactiveQuery('demo', { directory: 'd1', period: 'min180', includeDeleted: false }, NOW)).toEqual({
      profileId: 'demo',
      includeDeleted: false,
      directoryId: 'd1',
      inactiveBefore: '2026-06-08T12:00:00.000Z',
    });
  });
});
