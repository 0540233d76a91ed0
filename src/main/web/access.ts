/**
 * Who may talk to the web console. A random one-time token (printed in the URL) is exchanged
 * for an HttpOnly, SameSite=Strict session cookie. The Host header must name the address we
 * listen on (DNS-rebinding defence), and state-changing requests must come from our own
 * origin (CSRF defence).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'dsync_session';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export class AccessControl {
  private pendingTokens = new Set<string>();
  private sessions = new Set<string>();
  private allowedHosts = new Set<string>();

  /** Call once the port is known. */
  bind(host: string, port: number): void {
    const names = isLoopbackHost(host) ? LOOPBACK_NAMES : [host.includes(':') ? `[${host}]` : host];
    this.allowedHosts = new Set(names.map((n) => `${n}:${port}`));
    if (isLoopbackHost(host) && host.startsWith('127.') && host !== '127.0.0.1')
      this.allowedHosts.add(`${host}:${port}`);
  }

  /** A new one-time token for a launch URL. */
  issueToken(): string {
    const token = newSecret();
    this.pendingTokens.add(token);
    return token;
  }

  /** Spends a token; returns a session id for the cookie, or null if the token is unknown or spent. */
  exchange(token: string): string | null {
    for (const pending of this.pendingTokens) {
      if (sameSecret(pending, token)) {
        this.pendingTokens.delete(pending);
        const session = newSecret();
        this.sessions.add(session);
        return session;
      }
    }
    return null;
  }

  hasSession(cookieValue: string | undefined): boolean {
    if (!cookieValue) return false;
    for (const s of this.sessions) if (sameSecret(s, cookieValue)) return true;
    return false;
  }

  hostAllowed(hostHeader: string | undefined): boolean {
    return hostHeader !== undefined && this.allowedHosts.has(hostHeader.toLowerCase());
  }

  /** A state-changing request must carry no Origin (non-browser) or exactly ours. */
  originAllowed(originHeader: string | undefined, secFetchSite: string | undefined): boolean {
    if (secFetchSite && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return false;
    if (originHeader === undefined) return true;
    try {
      const origin = new URL(originHeader);
      return origin.protocol === 'http:' && this.allowedHosts.has(origin.host.toLowerCase());
    } catch {
      return false;
    }
  }

  cookieHeader(session: string): string {
    return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
