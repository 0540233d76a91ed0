/**
 * The web console's Host (DNS rebinding) and Origin (CSRF) checks, for a server whose public
 * address may differ from the one it binds (behind a reverse proxy): the Host must be the
 * public URL's host or the bound address, and a state-changing request must come from the
 * public origin (or carry no Origin: not a browser).
 */
import type { Context } from 'hono';

export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly origin: string;

  constructor(publicUrl: URL, boundHosts: readonly string[]) {
    this.origin = publicUrl.origin;
    this.hosts = new Set([publicUrl.host.toLowerCase(), ...boundHosts.map((h) => h.toLowerCase())]);
  }

  hostAllowed(hostHeader: string | undefined): boolean {
    return hostHeader !== undefined && this.hosts.has(hostHeader.toLowerCase());
  }

  originAllowed(originHeader: string | undefined, secFetchSite: string | undefined): boolean {
    if (secFetchSite && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return false;
    return originHeader === undefined || originHeader === this.origin;
  }
}

/**
 * The client's address: the socket's peer, or with `trustProxy` the address the reverse proxy
 * appended last to X-Forwarded-For (earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for');
    const last = xff?.split(',').at(-1)?.trim();
    if (last && /^[0-9a-fA-F.:]{2,45}$/.test(last)) return last;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
