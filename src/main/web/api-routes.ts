/**
 * The ConsoleApi over HTTP, shared by the loopback web console and the team server:
 * `POST /api/<method>` with a JSON body answers an envelope, `GET /api/events` streams the
 * core's push events over SSE. Who may call is decided before these routes (the hosts' own
 * middleware); `call` receives the request so a host can pass its caller along.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { Envelope, ErrorCode } from '../../shared/api.ts';
import type { EventBus } from '../core/event-bus.ts';

export const MAX_API_BODY_BYTES = 16 * 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

export const statusFor: Partial<Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503>> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
  invalid_output: 500,
};

export function errorEnvelope(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** Open event streams, so closing the host can end them instead of waiting on keep-alives. */
export type OpenStreams = Set<{ close(): void }>;

export interface ApiRouteOptions {
  events: EventBus;
  call(c: Context, method: string, input: unknown): Promise<Envelope<unknown>>;
  openStreams: OpenStreams;
  /** Told of each event stream as it opens (the team server ends a stream with its session). */
  onStream?(c: Context, stream: { close(): void }, closed: Promise<void>): void;
}

export function mountApiRoutes(app: Hono, options: ApiRouteOptions): void {
  const { events, openStreams } = options;
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      let id = 0;
      let wake: () => void = () => {};
      const unsubscribe = events.subscribe((name, payload) => {
        void stream.writeSSE({ event: name, data: JSON.stringify(payload), id: String(++id) });
      });
      const client = { close: () => stream.abort() };
      openStreams.add(client);
      let ended: () => void = () => {};
      options.onStream?.(c, client, new Promise<void>((resolve) => (ended = resolve)));
      stream.onAbort(() => {
        unsubscribe();
        wake(); // end the keep-alive wait at once, so shutdown never waits on it
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, SSE_KEEPALIVE_MS).unref();
        });
        if (!stream.aborted && !stream.closed) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
      openStreams.delete(client);
      ended();
    }),
  );

  app.post(
    '/api/:method',
    bodyLimit({
      maxSize: MAX_API_BODY_BYTES,
      onError: (c) => c.json(errorEnvelope('invalid_input', 'The request body is larger than 16 MiB.'), 413),
    }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
        return c.json(errorEnvelope('invalid_input', 'Send the arguments as application/json.'), 415);
      }
      const text = await c.req.text();
      let input: unknown = undefined;
      if (text.trim() !== '') {
        try {
          input = JSON.parse(text);
        } catch {
          return c.json(errorEnvelope('invalid_input', 'The request body is not valid JSON.'), 400);
        }
      }
      const envelope = await options.call(c, c.req.param('method'), input ?? undefined);
      const status = envelope.ok ? 200 : (statusFor[envelope.error.code] ?? 500);
      return c.json(envelope, status);
    },
  );

  app.all('/api/*', (c) => c.json(errorEnvelope('unknown_method', `No such endpoint: ${c.req.path}`), 404));
}
