/**
 * Who is signed in to a team server, with which role, and where the data comes from: either
 * this console is served by a team server (`dsync-console serve`, its `/auth/session`), or it
 * runs on this machine with a team-server profile active (the profile's connection). The local
 * web console and the desktop app on their own profiles have neither: the answer is then null
 * (the local user is the admin of their own machine).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../shared/api';
import { callApi } from '../api/queries';
import { useActiveProfile, useAppInfo } from './session';

export interface TeamSession {
  email: string | null;
  name: string | null;
  role: Role;
  /** Where the data comes from, e.g. `https://dsync.example.com`. */
  server: string;
  /** `served`: this page comes from the team server; `connected`: this machine's core relays to it. */
  mode: 'served' | 'connected';
  /** The team-server profile (connected mode), to sign out of. */
  profileId: string | null;
}

async function fetchServedSession(): Promise<TeamSession | null> {
  const res = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/json')) return null;
  const body = (await res.json()) as Partial<TeamSession> & { signedIn?: boolean };
  if (!body.signedIn || typeof body.role !== 'string') return null;
  return {
    email: body.email ?? null,
    name: body.name ?? null,
    role: body.role,
    server: window.location.origin,
    mode: 'served',
    profileId: null,
  };
}

export function useTeamSession(): TeamSession | null {
  const info = useAppInfo();
  const active = useActiveProfile();
  const connected = active?.kind === 'team-server';
  const served = useQuery({
    queryKey: ['team-session'],
    queryFn: fetchServedSession,
    enabled: info.data?.transport === 'web' && !connected && active !== null,
    staleTime: 60_000,
    retry: false,
  });
  if (connected) {
    const team = active.team;
    if (!team?.signedIn || !team.role) return null;
    return {
      email: team.email,
      name: team.name,
      role: team.role,
      server: team.serverUrl,
      mode: 'connected',
      profileId: active.id,
    };
  }
  return served.data ?? null;
}

export function useSignOut(): (session: TeamSession) => Promise<void> {
  const client = useQueryClient();
  return async (session) => {
    if (session.mode === 'connected' && session.profileId) {
      await callApi('signOutOfTeamServer', { profileId: session.profileId });
      await client.invalidateQueries();
      return;
    }
    const res = await fetch('/auth/logout', { method: 'POST' });
    const body = (await res.json().catch(() => ({}))) as { endSessionUrl?: string | null };
    window.location.assign(body.endSessionUrl ?? '/');
  };
}
