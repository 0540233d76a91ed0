/**
 * The local webhook endpoint. It answers like a correct production endpoint — 200 for a
 * valid delivery (duplicates included: acknowledge, don't reprocess), 401 when the signature
 * does not verify, 400 when a verified body is not JSON, 413 above 1 MiB, 404/405 elsewhere,
 * 503 when it cannot store (or, never expected, verify) a delivery, so the sender retries —
 * and stores every request it answers in the inbox, raw (the body up to the cap), with the
 * verdict or the reason it was refused. Never 500: nothing a sender sends is our error. Loopback by
 * default; tunnels (ngrok, cloudflared) forward to it unchanged, so Host is not checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboxItemSummary, WebhookVerdict } from '../../shared/api/webhooks.ts';
import type { Logger } from '../log.ts';
import type { WebhookInbox } from './inbox.ts';
import {
  badRequestVerdict,
  notVerifiedVerdict,
  tooLargeVerdict,
  wrongMethodVerdict,
  wrongPathVerdict,
} from './receiver-verdicts.ts';
import { verifyWebhookDelivery } from './verify.ts';

/** An error as one line, never its stack: logs name what failed, not where in our code. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/[\r\n]+/g, ' ').slice(0, 300);
}

export const DEFAULT_RECEIVER_PATH = '/webhooks/workos';
export const MAX_DELIVERY_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  readonly host?: string;
  readonly port: number;
  readonly path?: string;
  readonly secrets: readonly string[];
  readonly toleranceMs?: number;
  readonly maxBodyBytes?: number;
  readonly inbox: WebhookInbox;
  readonly now?: () => number;
  readonly log?: Logger;
  /** Called after each delivery is stored (and before nothing else: the response is already sent). */
  readonly onDelivery?: (summary: InboxItemSummary) => void;
}

/** What is known of a request HTTP parsing refused. */
interface RequestMeta {
  readonly method: string;
  readonly url: string;
  readonly socket: { readonly remoteAddress?: string | undefined };
  readonly headers: Array<{ name: string; value: string }>;
}

export interface RunningReceiver {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly url: string;
  stop(): Promise<void>;
}

function statusFor(verdict: WebhookVerdict): number {
  if (verdict.valid) return 200;
  if (verdict.reason === 'invalid_json') return 400;
  return 401;
}

function rawHeaders(req: IncomingMessage): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    out.push({ name: req.rawHeaders[i] as string, value: req.rawHeaders[i + 1] as string });
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

export async function startReceiver(options: ReceiverOptions): Promise<RunningReceiver> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? DEFAULT_RECEIVER_PATH;
  const maxBytes = options.maxBodyBytes ?? MAX_DELIVERY_BYTES;
  const now = options.now ?? Date.now;
  const toleranceMs = options.toleranceMs ?? 180_000;
  const secrets = [...options.secrets];

  /** Stores the delivery; false when the inbox could not (e.g. the database is busy or full). */
  const store = (
    req: IncomingMessage | RequestMeta,
    body: Uint8Array,
    truncated: boolean,
    status: number,
    verdict: WebhookVerdict,
    receivedAt: number,
  ): boolean => {
    let summary: InboxItemSummary;
    try {
      summary = options.inbox.add({
        receivedAt,
        method: req.method ?? 'POST',
        path: req.url ?? path,
        remoteAddress: req.socket.remoteAddress ?? null,
        headers: 'headers' in req && !('rawHeaders' in req) ? req.headers : rawHeaders(req as IncomingMessage),
        body,
        bodyTruncated: truncated,
        status,
        verdict,
      });
    } catch (err) {
      options.log?.error(`webhook receiver could not store a delivery (${status}, ${verdict.reason}): ${oneLine(err)}`);
      return false;
    }
    try {
      options.onDelivery?.(summary);
    } catch (err) {
      options.log?.error(`webhook delivery listener failed: ${oneLine(err)}`);
    }
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const receivedAt = now();
    const requestPath = (req.url ?? '/').split('?')[0] ?? '/';
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      // Answer at once and close: the client learns the limit without uploading the rest.
      store(req, new Uint8Array(0), true, 413, tooLargeVerdict(declared, maxBytes, false), receivedAt);
      sendJson(res, 413, { error: 'payload_too_large', limitBytes: maxBytes }, { Connection: 'close' });
      res.on('finish', () => req.socket.destroySoon());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      if (size + chunk.length > maxBytes) {
        rejected = true;
        chunks.push(chunk.subarray(0, maxBytes - size));
        const kept = Buffer.concat(chunks);
        chunks.length = 0;
        store(req, kept, true, 413, tooLargeVerdict(size + chunk.length, maxBytes, true), receivedAt);
        sendJson(res, 413, { error: 'payload_too_large', limitBytes: maxBytes }, { Connection: 'close' });
        res.on('finish', () => req.socket.destroySoon());
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('error', () => {
      // Client went away mid-upload; nothing to answer.
    });
    req.on('end', () => {
      if (rejected) return;
      const body = Buffer.concat(chunks);
      if (requestPath !== path) {
        store(req, body, false, 404, wrongPathVerdict(requestPath, path, body.length), receivedAt);
        sendJson(res, 404, { error: 'not_found', message: `Webhooks are received at POST ${path}.` });
        return;
      }
      if (req.method !== 'POST') {
        store(req, body, false, 405, wrongMethodVerdict(req.method ?? '', body.length), receivedAt);
        sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
        return;
      }
      const header = req.headers['workos-signature'];
      verifyWebhookDelivery({
        body,
        header: Array.isArray(header) ? header.join(', ') : (header ?? ''),
        secrets,
        toleranceMs,
        nowMs: now(),
      })
        .then(
          (verdict) => ({ verdict, status: statusFor(verdict) }),
          (err: unknown) => {
            // Never expected (the verifier does not throw): keep the delivery, ask for a retry.
            options.log?.error(`webhook receiver could not verify a delivery: ${oneLine(err)}`);
            return { verdict: notVerifiedVerdict(body.length, err), status: 503 };
          },
        )
        .then(({ verdict, status }) => {
          if (!store(req, body, false, status, verdict, receivedAt) && verdict.valid) {
            // Not stored, so not acknowledged: WorkOS retries a non-2xx delivery later.
            sendJson(res, 503, { error: 'unavailable', message: 'The delivery could not be stored; retry.' });
            return;
          }
          if (verdict.valid) sendJson(res, status, { received: true });
          else if (status === 503)
            sendJson(res, 503, { error: 'unavailable', message: 'The delivery could not be verified; retry.' });
          else
            sendJson(res, status, {
              error: status === 400 ? 'invalid_body' : 'invalid_signature',
              reason: verdict.reason,
            });
        })
        .catch((err: unknown) => {
          options.log?.error(`webhook receiver failed to answer a delivery: ${oneLine(err)}`);
          sendJson(res, 503, { error: 'unavailable' });
        });
    });
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      options.log?.error(`webhook receiver failed on a request: ${oneLine(err)}`);
      sendJson(res, 503, { error: 'unavailable' });
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // A request HTTP parsing refused (oversized headers, bad framing): answered and stored too,
    // so nothing a sender sends disappears. Resets and timeouts are not requests: nothing to keep.
    if (!socket.writable || !(err.code ?? '').startsWith('HPE_')) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const remoteAddress = (socket as { remoteAddress?: string }).remoteAddress;
    const meta: RequestMeta = { method: '?', url: '?', socket: { remoteAddress }, headers: [] };
    store(meta, new Uint8Array(0), true, status, badRequestVerdict(err.code ?? 'HPE', status), now());
    const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    host,
    port: address.port,
    path,
    url: `http://${urlHost}:${address.port}${path}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
