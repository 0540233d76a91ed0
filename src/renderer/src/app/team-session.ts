/**
 * When the console is served by a team server (`dsync-console serve`), who is signed in and
 * with which role. The local web console and the desktop app have no `/auth/session`: the
 * answer is then null (the local user is the admin of their own machine).
 */
import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../../shared/api';
import { useAppInfo } from './session';

export interface TeamSession {
  email: string | null;
  name: string | null;
  role: Role;
  /** Where the data comes from, e.g. `dsync.example.com`. */
  server: string;
}

async function fetchTeamSession(): Promise<TeamSession | null> {
  const res = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/json')) return null;
  const body = (await res.json()) as Partial<TeamSession> & { signedIn?: boolean };
  if (!body.signedIn || typeof body.role !== 'string') return null;
  return { email: body.email ?? null, name: body.name ?? null, role: body.role, server: window.location.host };
}

export function useTeamSession(): TeamSession | null {
  const info = useAppInfo();
  const query = useQuery({
    queryKey: ['team-session'],
    queryFn: fetchTeamSession,
    enabled: info.data?.transport === 'web',
    staleTime: 60_000,
    retry: false,
  });
  return query.data ?? null;
}

export async function signOut(): Promise<void> {
  const res = await fetch('/auth/logout', { method: 'POST' });
  const body = (await res.json().catch(() => ({}))) as { endSessionUrl?: string | null };
  window.location.assign(body.endSessionUrl ?? '/');
}
