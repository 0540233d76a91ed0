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

/**
 * The id under which a profile's data is asked for: its own, or for a team-server profile the
 * server's profile it shows (null until signed in, which keeps data queries waiting).
 */
export function dataProfileIdOf(profile: ProfileSummary | null): string | null {
  if (!profile) return null;
  if (profile.kind === 'team-server') return profile.team?.signedIn ? (profile.team.profileId ?? null) : null;
  return profile.id;
}

/** The active profile's data id, or null while profiles load. Every cache query is per profile. */
export function useProfileId(): string | null {
  return dataProfileIdOf(useActiveProfile());
}
