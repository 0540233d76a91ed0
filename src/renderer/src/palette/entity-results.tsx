/**
 * Entity search for the palette: users, groups and directories from the local cache, as you
 * type (debounced), through the same keyset list methods the screens use.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { IconSitemap, IconUser, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useApiQuery } from '../api/queries';
import { useProfileId } from '../app/session';

export interface PaletteEntity {
  id: string;
  label: string;
  description?: string;
  path: string;
  icon: ReactNode;
  badge?: string;
}

export interface PaletteEntityResults {
  groups: { label: string; items: PaletteEntity[] }[];
  /** A line shown under the results: searching, failed, or not available. */
  status: string | null;
}

const keep = <T,>(previous: T | undefined) => previous;

export function usePaletteEntityResults(query: string): PaletteEntityResults {
  const profileId = useProfileId();
  const [search] = useDebouncedValue(query.trim(), 150);
  const enabled = !!profileId && search.length >= 2;
  const base = { profileId: profileId ?? '', search };
  const users = useApiQuery('listUsers', { ...base, limit: 6 }, { enabled, placeholderData: keep });
  const groups = useApiQuery('listGroups', { ...base, limit: 4 }, { enabled, placeholderData: keep });
  const directories = useApiQuery('listDirectories', base, { enabled, placeholderData: keep });

  if (!enabled) return { groups: [], status: null };
  const failed = users.error ?? groups.error ?? directories.error;
  const loading = users.isFetching || groups.isFetching || directories.isFetching;
  return {
    groups: [
      {
        label: 'Users',
        items: (users.data?.items ?? []).map((u) => ({
          id: `user:${u.id}`,
          label: u.displayName,
          description: [u.email, u.directoryName].filter(Boolean).join(' · '),
          path: `/users/${encodeURIComponent(u.id)}`,
          icon: <IconUser size={16} stroke={1.6} />,
          badge: u.state === 'active' ? undefined : u.state,
        })),
      },
      {
        label: 'Groups',
        items: (groups.data?.items ?? []).map((g) => ({
          id: `group:${g.id}`,
          label: g.name,
          description: `${g.directoryName} · ${g.members} members`,
          path: `/groups/${encodeURIComponent(g.id)}`,
          icon: <IconUsersGroup size={16} stroke={1.6} />,
        })),
      },
      {
        label: 'Directories',
        items: (directories.data ?? []).slice(0, 4).map((d) => ({
          id: `directory:${d.id}`,
          label: d.name,
          description: `${d.domain ?? d.organizationId} · ${d.users} users`,
          path: `/directories/${encodeURIComponent(d.id)}`,
          icon: <IconSitemap size={16} stroke={1.6} />,
          badge: d.verdict === 'healthy' ? undefined : d.verdict,
        })),
      },
    ],
    status: failed ? `Search failed: ${failed.message}` : loading && !users.data ? 'Searching…' : null,
  };
}
