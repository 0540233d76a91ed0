/** What the whole shell needs to know about the running console: app info and profiles. */
import type { ProfileSummary } from '../../../shared/api';
import { useApiQuery } from '../api/queries';

export function useAppInfo() {
  return useApiQuery('getAppInfo');
}

export function useProfiles() {
  return useApiQuery('listProfiles');
}

/** The profile the console is showing, or null while profiles load or when none exists. */
export function useActiveProfile(): ProfileSummary | null {
  const profiles = useProfiles();
  return profiles.data?.find((p) => p.active) ?? profiles.data?.[0] ?? null;
}

/** The active profile's id, or null while profiles load. Every cache query is per profile. */
export function useProfileId(): string | null {
  return useActiveProfile()?.id ?? null;
}
