/**
 * Talking to a team server with this machine's session token: contract calls
 * (`POST /api/<method>`), who the session belongs to (`GET /auth/session`), sign-out, and the
 * server's event stream (`GET /api/events`, read by hand: Node has no EventSource here). The
 * server's answers are treated as untrusted: envelopes and events are checked against the
 * contract before anything is used, and every failure becomes a message for people.
 */
import { z } from 'zod';
import {
  apiErrorSchema,
  consoleMethods,
  roles,
  type Envelope,
  type ErrorCode,
  type MethodName,
  type Role,
} from '../../shared/api.ts';

const CALL_TIMEOUT_MS = 30_000;
/** An event larger than this ends the stream (the server never sends one). */
const MAX_EVENT_CHARS = 1_000_000;

export interface RemoteIdentity {
  email: string | null;
  name: string | null;
  role: Role;
}

const identitySchema = z.object({
  signedIn: z.literal(true),
  email: z.string().max(320).nullable(),
  name: z.string().max(200).nullable(),
  role: z.enum(roles),
});

const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

export class TeamServerHttp {
  constructor(
    readonly serverUrl: string,
    private readonly token: string,
  ) {}

  private headers(json: boolean): Record<string, string> {
    return {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
      ...(json ? { 'content-type': 'application/json' } : {}),
    };
  }

  private unreachable(err: unknown): Envelope<never> {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return fail(
      'unavailable',
      `The team server ${this.serverUrl} is not reachable (${reason.slice(0, 200)}). Try again when it is back.`,
    );
  }

  /** Calls a contract method on the server; the answer is checked against the contract. */
  async call(method: MethodName, input: unknown): Promise<Envelope<unknown>> {
    let res: Response;
    try {
      res = await fetch(new URL(`/api/${method}`, this.serverUrl), {
        method: 'POST',
        headers: this.headers(true),
        body: input === undefined ? '' : JSON.stringify(input),
        redirect: 'error',
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (err) {
      return this.unreachable(err);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return fail('unavailable', `The team server ${this.serverUrl} answered ${res.status} without a console answer.`);
    }
    const envelope = body as { ok?: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true) {
      const output = consoleMethods[method].output.safeParse(envelope.value);
      if (output.success) return { ok: true, value: output.data };
      return fail('invalid_output', `The team server's answer to ${method} does not fit this console's contract.`);
    }
    const error = apiErrorSchema.safeParse(envelope.error);
    if (!error.success) return fail('unavailable', `The team server answered ${res.status} with an unreadable error.`);
    return { ok: false, error: { code: error.data.code, message: error.data.message.slice(0, 1000) } };
  }

  /** Who this token signs in as, or the reason it does not. */
  async identity(): Promise<{ identity: RemoteIdentity } | { error: Envelope<never> }> {
    let res: Response;
    try {
      res = await fetch(new URL('/auth/session', this.serverUrl), {
        headers: this.headers(false),
        redirect: 'error',
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (err) {
      return { error: this.unreachable(err) };
    }
    const parsed = identitySchema.safeParse(await res.json().catch(() => null));
    if (res.status === 401 || !parsed.success) {
      return { error: fail('unauthorized', 'The team server does not accept this session; sign in again.') };
    }
    return { identity: { email: parsed.data.email, name: parsed.data.name, role: parsed.data.role } };
  }

  async signOut(): Promise<void> {
    await fetch(new URL('/auth/logout', this.serverUrl), {
      method: 'POST',
      headers: this.headers(false),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
  }

  /**
   * Reads the server's event stream until it ends or `signal` aborts; calls `onEvent` for each
   * event. Resolves with the HTTP status (0 when the server could not be reached).
   */
  async readEvents(signal: AbortSignal, onEvent: (name: string, data: string) => void): Promise<number> {
    let res: Response;
    try {
      res = await fetch(new URL('/api/events', this.serverUrl), {
        headers: { ...this.headers(false), accept: 'text/event-stream' },
        redirect: 'error',
        signal,
      });
    } catch {
      return 0;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      return res.status;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length > 0) onEvent(name, data.join('\n'));
        }
        if (buffer.length > MAX_EVENT_CHARS) break;
      }
    } catch {
      // Aborted or cut: the caller decides whether to reconnect.
    }
    return res.status;
  }
}
