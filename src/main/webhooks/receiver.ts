/**
 * The local webhook endpoint. It answers like a correct production endpoint — 200 for a
 * valid delivery (duplicates included: acknowledge, don't reprocess), 401 when the signature
 * does not verify, 400 when a verified body is not JSON, 413 above 1 MiB, 404/405 elsewhere —
 * and stores every delivery to its path in the inbox, raw, with the verdict. Loopback by
 * default; tunnels (ngrok, cloudflared) forward to it unchanged, so Host is not checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboxItemSummary, WebhookVerdict } from '../../shared/api/webhooks.ts';
import type { Logger } from '../log.ts';
import type { WebhookInbox } from './inbox.ts';
import { verifyWebhookDelivery } from './verify.ts';

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

function tooLargeVerdict(bytes: number): WebhookVerdict {
  return {
    valid: false,
    reason: 'body_too_large',
    message: `The body is larger than the receiver accepts (${MAX_DELIVERY_BYTES} bytes).`,
    matchedSecret: null,
    sdkError: null,
    diagnostics: [
      {
        step: 'body',
        status: 'fail',
        title: 'Body too large',
        detail: 'WorkOS events are small; a body this large is not a WorkOS delivery. It was not verified or stored.',
        facts: { bytes },
      },
    ],
    bodyMutation: null,
    event: null,
    signatureTimestampMs: null,
    bodyBytes: bytes,
  };
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
    req: IncomingMessage,
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
        headers: rawHeaders(req),
        body,
        bodyTruncated: truncated,
        status,
        verdict,
      });
    } catch (err) {
      options.log?.error('webhook receiver could not store a delivery', err);
      return false;
    }
    try {
      options.onDelivery?.(summary);
    } catch (err) {
      options.log?.error('webhook delivery listener failed', err);
    }
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const receivedAt = now();
    const requestPath = (req.url ?? '/').split('?')[0];
    if (requestPath !== path) {
      sendJson(res, 404, { error: 'not_found', message: `Webhooks are received at POST ${path}.` });
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'POST' });
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    const reject = (bytes: number): void => {
      rejected = true;
      chunks.length = 0;
      store(req, new Uint8Array(0), true, 413, tooLargeVerdict(bytes), receivedAt);
      // Answer at once and close: the client learns the limit without uploading the rest.
      sendJson(res, 413, { error: 'payload_too_large', limitBytes: maxBytes }, { Connection: 'close' });
      res.on('finish', () => req.socket.destroySoon());
    };
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(declared);
      req.resume();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > maxBytes) {
        reject(size);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      // Client went away mid-upload; nothing to answer.
    });
    req.on('end', () => {
      if (rejected) return;
      const body = Buffer.concat(chunks);
      const header = req.headers['workos-signature'];
      verifyWebhookDelivery({
        body,
        header: Array.isArray(header) ? header.join(', ') : (header ?? ''),
        secrets,
        toleranceMs,
        nowMs: now(),
      })
        .then((verdict) => {
          const status = statusFor(verdict);
          if (!store(req, body, false, status, verdict, receivedAt) && verdict.valid) {
            // Not stored, so not acknowledged: WorkOS retries a non-2xx delivery later.
            sendJson(res, 503, { error: 'unavailable', message: 'The delivery could not be stored; retry.' });
            return;
          }
          if (verdict.valid) sendJson(res, status, { received: true });
          else
            sendJson(res, status, {
              error: status === 400 ? 'invalid_body' : 'invalid_signature',
              reason: verdict.reason,
            });
        })
        .catch((err: unknown) => {
          options.log?.error('webhook receiver failed on a delivery', err);
          sendJson(res, 500, { error: 'internal' });
        });
    });
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      options.log?.error('webhook receiver failed on a request', err);
      sendJson(res, 500, { error: 'internal' });
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
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
