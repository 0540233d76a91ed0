/** The Inactive screen's filters as URL state: the current values, a setter, and the query they make. */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useProfileId } from '../../app/session';
import { inactiveQuery, isFiltered, readInactiveFilters, type InactiveFilters } from './inactive-filters';

export function useInactiveFilters() {
  const profileId = useProfileId();
  const [params, setParams] = useSearchParams();
  const filters = readInactiveFilters(params);
  // The period is resolved to instants once per URL, so the query key stays stable.
  const query = useMemo(() => inactiveQuery(profileId ?? '', readInactiveFilters(params)), [profileId, params]);
  const set = (patch: Partial<InactiveFilters>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        const put = (k: string, v: string | null) => (v === null ? next.delete(k) : next.set(k, v));
        if ('directory' in patch) put('directory', patch.directory ?? null);
        if (patch.period !== undefined) put('period', patch.period === 'any' ? null : patch.period);
        if (patch.includeDeleted !== undefined) put('deleted', patch.includeDeleted ? null : 'no');
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams({}, { replace: true });
  return { profileId, filters, filtered: isFiltered(filters), query, set, clear };
}
