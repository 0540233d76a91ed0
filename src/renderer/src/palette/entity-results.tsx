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

/** Exact matches first, then prefix matches, then substring matches, then the rest (stable). */
function rankByQuery<T>(items: T[], query: string, fields: (item: T) => string[]): T[] {
  const q = query.toLowerCase();
  const score = (item: T) => {
    const values = fields(item).map((v) => v.toLowerCase());
    if (values.some((v) => v === q)) return 0;
    if (values.some((v) => v.startsWith(q))) return 1;
    if (values.some((v) => v.includes(q))) return 2;
    return 3;
  };
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((x) => x.item);
}

export function usePaletteEntityResults(query: string): PaletteEntityResults {
  const profileId = useProfileId();
  const [search] = useDebouncedValue(query.trim(), 150);
  const enabled = !!profileId && search.length >= 2;
  const base = { profileId: profileId ?? '', search };
  // Fetch more than shown and rank locally: the cache's search matches words and sorts by name,
  // so an exact email or name should still come first.
  const users = useApiQuery('listUsers', { ...base, limit: 30 }, { enabled, placeholderData: keep });
  const groups = useApiQuery('listGroups', { ...base, limit: 4 }, { enabled, placeholderData: keep });
  const directories = useApiQuery('listDirectories', base, { enabled, placeholderData: keep });

  if (!enabled) return { groups: [], status: null };
  const failed = users.error ?? groups.error ?? directories.error;
  const loading = users.isFetching || groups.isFetching || directories.isFetching;
  return {
    groups: [
      {
        label: 'Users',
        items: rankByQuery(users.data?.items ?? [], search, (u) => [
          u.email ?? '',
          u.displayName,
          u.username ?? '',
          u.id,
        ])
          .slice(0, 6)
          .map((u) => ({
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
