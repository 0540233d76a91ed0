/**
 * The core's side of a team-server profile. While one is active, `forward` sends every
 * contract method not marked `local` to the server with this machine's session token, and the
 * server's push events are relayed onto this core's event bus, so every host (web console,
 * Electron) shows the server's data without knowing. Nothing of the server's is cached here.
 */
import {
  consoleEvents,
  consoleMethods,
  type Envelope,
  type EventName,
  type MethodName,
  type ProfileSummary,
  type TeamConnection,
} from '../../shared/api.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../log.ts';
import type { KeyStore } from '../profiles/key-store.ts';
import { describeZodError } from '../rpc/dispatch.ts';
import { TeamConnections, type StoredConnection } from './connections.ts';
import { TeamServerHttp } from './remote.ts';
import { beginLoopbackSignIn, type LoopbackSignIn } from './sign-in.ts';

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
const ALL_TABLES = ['profiles', 'sync_runs', 'directories', 'organizations', 'users', 'groups', 'memberships'];

export class TeamClient {
  readonly connections: TeamConnections;
  private readonly pending = new Map<string, LoopbackSignIn>();
  private stream: { id: string; controller: AbortController } | null = null;

  constructor(
    dataDir: string,
    private readonly keys: KeyStore,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {
    this.connections = new TeamConnections(dataDir, (m) => log.warn(m));
    this.syncStream();
  }

  /** The active team-server profile, if one is active. */
  active(): StoredConnection | null {
    return this.connections.active();
  }

  summary(c: StoredConnection): ProfileSummary {
    return {
      id: c.id,
      name: c.name,
      kind: 'team-server',
      apiBaseUrl: c.serverUrl,
      maskedKey: null,
      isDemo: false,
      active: c.active,
      team: this.status(c.id),
    };
  }

  status(id: string): TeamConnection {
    const c = this.connections.get(id);
    const signedIn = c.identity !== null && this.keys.get(c.id) !== null;
    return {
      serverUrl: c.serverUrl,
      signedIn,
      email: signedIn ? (c.identity?.email ?? null) : null,
      name: signedIn ? (c.identity?.name ?? null) : null,
      role: signedIn ? (c.identity?.role ?? null) : null,
      profileId: signedIn ? (c.remote?.profileId ?? null) : null,
      profileName: signedIn ? (c.remote?.profileName ?? null) : null,
      message: signedIn ? c.message : (c.message ?? 'Not signed in.'),
    };
  }

  private http(c: StoredConnection): TeamServerHttp | null {
    const token = this.keys.get(c.id);
    return token ? new TeamServerHttp(c.serverUrl, token) : null;
  }

  /** Sends a call to the active team server. The input is checked here first, like dispatch does. */
  async forward(c: StoredConnection, method: MethodName, input: unknown): Promise<Envelope<unknown>> {
    const parsed = consoleMethods[method].input.safeParse(input);
    if (!parsed.success) {
      const message = `Invalid input for ${method}: ${describeZodError(parsed.error)}`;
      return { ok: false, error: { code: 'invalid_input', message } };
    }
    const http = this.http(c);
    if (!http || !c.identity) {
      const message = `Sign in to the team server ${c.serverUrl} first (profile "${c.name}").`;
      return { ok: false, error: { code: 'unauthorized', message } };
    }
    const envelope = await http.call(method, input);
    if (!envelope.ok && envelope.error.code === 'unauthorized') {
      this.signedOut(c.id, `The team server ended this session (${envelope.error.message}) Sign in again.`);
      const message = `Your session with the team server ${c.serverUrl} ended; sign in again.`;
      return { ok: false, error: { code: 'unauthorized', message } };
    }
    return envelope;
  }

  /** Starts the browser sign-in; the session arrives through the loopback listener. */
  async beginSignIn(id: string): Promise<string> {
    const c = this.connections.get(id);
    this.pending.get(id)?.cancel();
    const signIn = await beginLoopbackSignIn({
      serverUrl: c.serverUrl,
      clientName: 'dsync-console on this computer',
      onToken: (token) => this.signedIn(id, token),
      onError: (message) => {
        this.pending.delete(id);
        this.connections.update(id, { message });
        this.changed(id);
      },
    });
    this.pending.set(id, signIn);
    return signIn.signInUrl;
  }

  private async signedIn(id: string, token: string): Promise<string> {
    this.pending.delete(id);
    const c = this.connections.get(id);
    const http = new TeamServerHttp(c.serverUrl, token);
    const who = await http.identity();
    if ('error' in who) throw new Error(who.error.ok ? 'unexpected answer' : who.error.error.message);
    const profiles = await http.call('listProfiles', undefined);
    if (!profiles.ok) throw new Error(profiles.error.message);
    const list = profiles.value as ProfileSummary[];
    const shown = list.find((p) => p.active) ?? list[0] ?? null;
    this.keys.set(id, token);
    this.connections.update(id, {
      identity: who.identity,
      remote: shown ? { profileId: shown.id, profileName: shown.name } : null,
      message: shown ? null : 'The team server has no profile yet; an admin of the server adds one.',
    });
    this.log.info(
      `signed in to team server ${c.serverUrl} as ${who.identity.email ?? 'unknown'} (${who.identity.role})`,
    );
    this.changed(id);
    this.syncStream();
    return `Signed in to ${c.serverUrl} as ${who.identity.email ?? who.identity.name ?? 'you'} (${who.identity.role}).`;
  }

  async signOut(id: string): Promise<TeamConnection> {
    const c = this.connections.get(id);
    this.pending.get(id)?.cancel();
    this.pending.delete(id);
    await this.http(c)?.signOut();
    this.signedOut(id, 'Signed out.');
    return this.status(id);
  }

  private signedOut(id: string, message: string): void {
    this.keys.delete(id);
    this.connections.update(id, { identity: null, remote: null, message });
    this.changed(id);
    this.syncStream();
  }

  setActive(id: string | null): void {
    this.connections.setActive(id);
    this.syncStream();
  }

  async remove(id: string): Promise<boolean> {
    if (!this.connections.find(id)) return false;
    await this.signOut(id);
    this.connections.remove(id);
    this.syncStream();
    return true;
  }

  private changed(id: string): void {
    this.events.emit('dataChanged', { profileId: id, tables: ['profiles'] });
  }

  /** Keeps one relay of the server's events open exactly while a signed-in team profile is active. */
  private syncStream(): void {
    const c = this.active();
    const wanted = c && this.status(c.id).signedIn ? c.id : null;
    if (this.stream?.id === wanted) return;
    this.stream?.controller.abort();
    this.stream = null;
    if (!c || !wanted) return;
    const controller = new AbortController();
    this.stream = { id: wanted, controller };
    void this.relay(c, controller.signal);
  }

  private async relay(c: StoredConnection, signal: AbortSignal): Promise<void> {
    let delay = RECONNECT_MIN_MS;
    let first = true;
    while (!signal.aborted) {
      const http = this.http(c);
      if (!http) return;
      let opened = false;
      const status = await http.readEvents(signal, (name, data) => {
        if (name === 'ready') {
          opened = true;
          delay = RECONNECT_MIN_MS;
          // Events may have been missed while the stream was down: refresh everything once.
          if (!first && c.remote)
            this.events.emit('dataChanged', { profileId: c.remote.profileId, tables: ALL_TABLES });
          first = false;
          return;
        }
        this.relayEvent(name, data);
      });
      if (signal.aborted) return;
      if (status === 401) {
        this.signedOut(c.id, 'The team server ended this session; sign in again.');
        return;
      }
      if (!opened) delay = Math.min(delay * 2, RECONNECT_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }

  private relayEvent(name: string, data: string): void {
    if (!Object.prototype.hasOwnProperty.call(consoleEvents, name)) return;
    try {
      this.events.emit(name as EventName, JSON.parse(data) as never);
    } catch (err) {
      this.log.warn(`dropped a ${name} event from the team server that does not fit the contract: ${String(err)}`);
    }
  }

  close(): void {
    for (const p of this.pending.values()) p.cancel();
    this.pending.clear();
    this.stream?.controller.abort();
    this.stream = null;
  }
}
