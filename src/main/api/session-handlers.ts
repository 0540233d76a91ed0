/** Handlers for a team server's sessions (the server passes its session store; see server/sessions.ts). */
import { ConsoleError, type ConsoleHandlers, type SessionInfo } from '../../shared/api.ts';
import type { sessionMethods } from '../../shared/api/sessions.ts';

type SessionHandlers = Pick<ConsoleHandlers, keyof typeof sessionMethods>;

/** What the core may do with a team server's sessions. */
export interface SessionDirectory {
  list(): SessionInfo[];
  revoke(handle: string): boolean;
}

export function sessionHandlers(sessions: SessionDirectory | undefined): SessionHandlers {
  const directory = (): SessionDirectory => {
    if (!sessions) throw new ConsoleError('unavailable', 'Only a team server has signed-in sessions.');
    return sessions;
  };
  return {
    listSessions: () => directory().list(),
    revokeSession: ({ handle }) => ({ revoked: directory().revoke(handle) }),
  };
}
