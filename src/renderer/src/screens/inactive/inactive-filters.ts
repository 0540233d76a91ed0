/**
 * The Inactive screen's filters, read from the URL (so a filtered view is a link that survives
 * reload), and the query they make. Pure, so they are tested without a browser.
 */
import { daysAgoIso } from './days';

export const INACTIVE_PERIODS = [
  { value: 'any', label: 'Any time' },
  { value: 'min30', label: 'Inactive 30+ days' },
  { value: 'min90', label: 'Inactive 90+ days' },
  { value: 'min180', label: 'Inactive 180+ days' },
  { value: 'last7', label: 'Became inactive in the last 7 days' },
  { value: 'last90', label: 'Became inactive in the last 90 days' },
] as const;

export type InactivePeriod = (typeof INACTIVE_PERIODS)[number]['value'];

export interface InactiveFilters {
  directory: string | null;
  period: InactivePeriod;
  includeDeleted: boolean;
}

function isPeriod(value: string | null): value is InactivePeriod {
  return INACTIVE_PERIODS.some((p) => p.value === value);
}

/** An unknown period in a hand-edited link reads as "any time" rather than failing. */
export function readInactiveFilters(params: URLSearchParams): InactiveFilters {
  const period = params.get('period');
  return {
    directory: params.get('directory') || null,
    period: isPeriod(period) ? period : 'any',
    includeDeleted: params.get('deleted') !== 'no',
  };
}

export function isFiltered(f: InactiveFilters): boolean {
  return f.directory !== null || f.period !== 'any' || !f.includeDeleted;
}

/** "min90" → inactive since at least 90 days ago; "last7" → since 7 days ago or later. */
export function periodFilter(
  period: InactivePeriod,
  now: number = Date.now(),
): { inactiveBefore?: string; inactiveAfter?: string } {
  const m = /^(min|last)(\d+)$/.exec(period);
  if (!m) return {};
  const iso = daysAgoIso(Number(m[2]), now);
  return m[1] === 'min' ? { inactiveBefore: iso } : { inactiveAfter: iso };
}

/** The `listInactiveUsers` input (without paging) for a profile and these filters. */
export function inactiveQuery(profileId: string, f: InactiveFilters, now: number = Date.now()) {
  return {
    profileId,
    includeDeleted: f.includeDeleted,
    ...(f.directory ? { directoryId: f.directory } : {}),
    ...periodFilter(f.period, now),
  };
}
