/**
 * Entity search for the palette: users, groups and directories from the local cache, as you
 * type (debounced), through the same keyset list methods the screens use.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { IconSitemap, IconUser, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useApiQuery } from '../api/queries';
import { useProfileId } from '../app/session';
import { matchScore, orderSections, rankByQuery, type RankedSection } from './ranking';

export interface PaletteEntity {
  id: string;
  label: string;
  description?: string;
  path: string;
  icon: ReactNode;
  badge?: string;
}

export interface PaletteEntityResults {
  /** Sections in rank order (see ranking.ts); the first item of the first is preselected. */
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
  // Fetch more than shown and rank locally: the cache's search matches words and sorts by name,
  // so an exact email or name should still come first.
  const users = useApiQuery('listUsers', { ...base, limit: 30 }, { enabled, placeholderData: keep });
  const groups = useApiQuery('listGroups', { ...base, limit: 50 }, { enabled, placeholderData: keep });
  const directories = useApiQuery('listDirectories', base, { enabled, placeholderData: keep });

  if (!enabled) return { groups: [], status: null };
  const failed = users.error ?? groups.error ?? directories.error;
  const loading = users.isFetching || groups.isFetching || directories.isFetching;
  const userItems = rankByQuery(users.data?.items ?? [], search, (u) => [
    u.email ?? '',
    u.displayName,
    u.username ?? '',
    u.id,
  ]).slice(0, 6);
  const groupItems = rankByQuery(groups.data?.items ?? [], search, (g) => [g.name]).slice(0, 4);
  const directoryItems = rankByQuery(directories.data ?? [], search, (d) => [
    d.name,
    d.domain ?? '',
    d.organizationId,
  ]).slice(0, 4);
  const sections: (RankedSection<PaletteEntity> & { label: string })[] = [
    {
      kind: 'users',
      label: 'Users',
      best: Math.min(
        4,
        ...userItems.map((u) => matchScore([u.email ?? '', u.displayName, u.username ?? '', u.id], search)),
      ),
      items: userItems.map((u) => ({
        id: `user:${u.id}`,
        label: u.displayName,
        description: [u.email, u.directoryName].filter(Boolean).join(' · '),
        path: `/users/${encodeURIComponent(u.id)}`,
        icon: <IconUser size={16} stroke={1.6} />,
        badge: u.state === 'active' ? undefined : u.state,
      })),
    },
    {
      kind: 'groups',
      label: 'Groups',
      best: Math.min(4, ...groupItems.map((g) => matchScore([g.name], search))),
      items: groupItems.map((g) => ({
        id: `group:${g.id}`,
        label: g.name,
        description: `${g.directoryName} · ${g.members} members`,
        path: `/groups/${encodeURIComponent(g.id)}`,
        icon: <IconUsersGroup size={16} stroke={1.6} />,
      })),
    },
    {
      kind: 'directories',
      label: 'Directories',
      best: Math.min(4, ...directoryItems.map((d) => matchScore([d.name, d.domain ?? '', d.organizationId], search))),
      items: directoryItems.map((d) => ({
        id: `directory:${d.id}`,
        label: d.name,
        description: `${d.domain ?? d.organizationId} · ${d.users} users`,
        path: `/directories/${encodeURIComponent(d.id)}`,
        icon: <IconSitemap size={16} stroke={1.6} />,
        badge: d.verdict === 'healthy' ? undefined : d.verdict,
      })),
    },
  ];
  return {
    groups: orderSections(sections).map(({ label, items }) => ({ label, items })),
    status: failed ? `Search failed: ${failed.message}` : loading && !users.data ? 'Searching…' : null,
  };
}
