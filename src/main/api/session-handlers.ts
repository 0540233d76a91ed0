/** Handlers for a team server's sessions (the server passes its session store; see server/sessions.ts). */
import { ConsoleError, type ConsoleHandlers, type SessionInfo } from '../../shared/api.ts';
import type { sessionMethods } from '../../shared/api/sessions.ts';

type SessionHandlers = Pick<ConsoleHandlers, keyof typeof sessionMethods>;

/** What the core may do with a team server's sessions. */
export interface SessionDirectory {
  list(): SessionInfo[];
  revoke(handle: string): boolean;
}

/** Without a directory (the desktop app, the local web console) there are no sessions to show. */
export function sessionHandlers(sessions: SessionDirectory | undefined): SessionHandlers {
  return {
    listSessions: () => sessions?.list() ?? [],
    revokeSession: ({ handle }) => {
      if (!sessions) throw new ConsoleError('not_found', 'Only a team server has signed-in sessions to revoke.');
      return { revoked: sessions.revoke(handle) };
    },
  };
}
