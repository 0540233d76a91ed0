/**
 * A team server's signed-in sessions, for its admins: who is signed in, from a browser or a
 * console on someone's computer, since when; and revoking one. A session's id never leaves the
 * server: each is named by a handle derived from it.
 */
import { z } from 'zod';
import { method, noInput, roles } from './define.ts';

export const sessionInfoSchema = z.object({
  handle: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(roles),
  /** `console`: a desktop app or local web console signed in through /auth/client. */
  via: z.enum(['browser', 'console']),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionMethods = {
  listSessions: method(noInput, z.array(sessionInfoSchema), { role: 'admin', query: { reads: [] } }),
  revokeSession: method(
    z.object({ handle: z.string().regex(/^[a-f0-9]{16}$/, 'expected a session handle from listSessions') }),
    z.object({ revoked: z.boolean() }),
    { role: 'admin' },
  ),
};
