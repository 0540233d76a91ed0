/**
 * Signed-in sessions of the team server, held in memory (a restart signs everyone out, which
 * is the safe direction). A session id is 32 random bytes in an HttpOnly cookie; it ends after
 * `idleMs` without a request, after `absoluteMs` whatever happens, or when revoked (sign-out,
 * or an admin revoking a person's sessions).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/api.ts';

export interface Identity {
  /** The IdP's subject. */
  readonly sub: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly role: Role;
}

export interface Session extends Identity {
  readonly id: string;
  /** `console`: signed in from someone's computer through /auth/client (client-sign-in.ts). */
  readonly via: 'browser' | 'console';
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

export type SessionLookup = { session: Session } | { session: null; reason: 'none' | 'expired' | 'revoked' };

/** How many revoked ids are remembered, to tell "revoked" from "unknown" in the answer. */
const REMEMBERED_REVOKED = 10_000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly revoked = new Set<string>();
  private readonly endListeners: Array<() => void> = [];

  constructor(
    private readonly lifetimes: SessionLifetimes,
    private readonly now: () => number = Date.now,
  ) {}

  create(identity: Identity, via: Session['via'] = 'browser'): Session {
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const { sub, email, name, role } = identity;
    const session: Session = { sub, email, name, role, via, id, createdAt: at, lastSeenAt: at };
    this.sessions.set(id, session);
    return session;
  }

  /** Finds a live session and marks it used now. */
  use(id: string | undefined): SessionLookup {
    if (!id) return { session: null, reason: 'none' };
    const session = this.sessions.get(id);
    if (!session) return { session: null, reason: this.revoked.has(id) ? 'revoked' : 'none' };
    const at = this.now();
    if (at - session.lastSeenAt > this.lifetimes.idleMs || at - session.createdAt > this.lifetimes.absoluteMs) {
      this.sessions.delete(id);
      return { session: null, reason: 'expired' };
    }
    session.lastSeenAt = at;
    return { session };
  }

  /** Whether a session is still live, without counting this as activity. */
  isLive(id: string): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    const at = this.now();
    return at - s.lastSeenAt <= this.lifetimes.idleMs && at - s.createdAt <= this.lifetimes.absoluteMs;
  }

  /** Called after sessions were revoked (to end what they hold open, e.g. event streams). */
  onEnd(listener: () => void): void {
    this.endListeners.push(listener);
  }

  revoke(id: string): boolean {
    const existed = this.sessions.delete(id);
    if (existed) {
      this.remember(id);
      this.ended();
    }
    return existed;
  }

  private ended(): void {
    for (const listener of this.endListeners) listener();
  }

  /** Ends every session of a person (e.g. removed from the IdP group). */
  revokeSubject(sub: string): number {
    let n = 0;
    for (const [id, s] of this.sessions) {
      if (s.sub === sub) {
        this.sessions.delete(id);
        this.remember(id);
        n++;
      }
    }
    if (n > 0) this.ended();
    return n;
  }

  /** Live sessions, newest first (for an admin's list). */
  list(): Session[] {
    return [...this.sessions.keys()]
      .filter((id) => this.isLive(id))
      .map((id) => this.sessions.get(id)!)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Revokes the session with this handle (see `sessionHandle`). */
  revokeHandle(handle: string): boolean {
    for (const id of this.sessions.keys()) if (sessionHandle(id) === handle) return this.revoke(id);
    return false;
  }

  /** Drops expired sessions; the server calls it every few minutes. */
  sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) {
      if (at - s.lastSeenAt > this.lifetimes.idleMs || at - s.createdAt > this.lifetimes.absoluteMs) {
        this.sessions.delete(id);
      }
    }
  }

  get size(): number {
    return this.sessions.size;
  }

  private remember(id: string): void {
    this.revoked.add(id);
    if (this.revoked.size > REMEMBERED_REVOKED) this.revoked.delete(this.revoked.values().next().value!);
  }
}

/** Names a session without revealing its id (which is the credential). */
export function sessionHandle(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}
