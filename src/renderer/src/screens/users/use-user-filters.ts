/** The Users screen's filters. They live in the URL, so a filtered view is a link that survives reload. */
import { useSearchParams } from 'react-router';
import { isUserState, type UserState } from '../../../../shared/user-states';
import { parseAttributeFilter, type AttributeFilter } from './attribute-filter';

export interface UserFilters {
  q: string;
  directory: string | null;
  group: string | null;
  state: UserState | null;
  /** The raw `attr` text as typed (kept even when malformed, so the message can name it). */
  attrText: string;
  attribute: AttributeFilter;
  sort: 'name' | 'updatedAt';
  order: 'asc' | 'desc';
}

export function useUserFilters() {
  const [params, setParams] = useSearchParams();
  const attrText = params.get('attr') ?? '';
  const filters: UserFilters = {
    q: params.get('q') ?? '',
    directory: params.get('directory'),
    group: params.get('group'),
    state: isUserState(params.get('state')) ? (params.get('state') as UserState) : null,
    attrText,
    attribute: parseAttributeFilter(attrText),
    sort: params.get('sort') === 'updatedAt' ? 'updatedAt' : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
  const set = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, set };
}
