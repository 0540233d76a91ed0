/**
 * Connecting this machine to a team server (`dsync-console serve`): a profile of kind
 * `team-server` holds only the server's address and, once signed in through the company's IdP
 * in a browser, a session token (kept like an API key, never a WorkOS key). While such a
 * profile is active, every method not marked `local` is answered by the team server.
 */
import { z } from 'zod';
import { profileSummarySchema, teamConnectionSchema } from './app.ts';
import { method } from './define.ts';

/** An https address, or plain http only on this machine (a server on loopback, tests). */
export const teamServerUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password || url.search || url.hash) return false;
      if (url.protocol === 'https:') return true;
      const host = url.hostname.replace(/^\[|\]$/g, '');
      return url.protocol === 'http:' && (host === 'localhost' || host === '::1' || /^127\./.test(host));
    } catch {
      return false;
    }
  }, 'expected the https address of a team server, e.g. https://dsync.example.com (plain http only on 127.0.0.1)');

const profileId = z.string().min(1).max(100);

export const teamMethods = {
  addTeamServer: method(
    z.object({ name: z.string().trim().min(1).max(80), serverUrl: teamServerUrlSchema }),
    profileSummarySchema,
    { role: 'admin', local: true },
  ),
  /** Starts the browser sign-in: open `signInUrl`; the session arrives on this machine by itself. */
  beginTeamServerSignIn: method(z.object({ profileId }), z.object({ signInUrl: z.string() }), {
    role: 'admin',
    local: true,
  }),
  signOutOfTeamServer: method(z.object({ profileId }), teamConnectionSchema, { role: 'admin', local: true }),
  getTeamServerStatus: method(z.object({ profileId }), teamConnectionSchema, {
    role: 'viewer',
    local: true,
    query: { reads: ['profiles'] },
  }),
};
