/**
 * Whether the person may call a method, from the role a team server gave them (the server
 * enforces it; this only hides what would be refused). Locally everything is allowed, and a
 * connected console's own methods (profiles, connecting) stay its user's.
 */
import { isLocalMethod, requiredRole, roleAllows, type MethodName } from '../../../shared/api';
import { useTeamSession } from './team-session';

/** Null when allowed; otherwise why not, for a tooltip. */
export function useDeniedReason(method: MethodName): string | null {
  const session = useTeamSession();
  if (!session) return null;
  if (session.mode === 'connected' && isLocalMethod(method)) return null;
  const needed = requiredRole(method);
  if (roleAllows(session.role, needed)) return null;
  return `Needs the ${needed} role on the team server; you are signed in as ${session.role}.`;
}
