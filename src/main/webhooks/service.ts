/**
 * The workbench's long-lived part inside the core: the inbox, the receiver (started and
 * stopped on request, secrets held in memory only), and the inbox operations (page, detail,
 * export, replay). Handlers and the CLI both use it.
 */
import { isUtf8 } from 'node:buffer';
import { ConsoleError } from '../../shared/api/define.ts';
import type {
  ExportedFile,
  InboxItem,
  InboxItemSummary,
  InboxPage,
  ReceiverStatus,
  SendResult,
} from '../../shared/api/webhooks.ts';
import type { Logger } from '../log.ts';
import type { CacheApplication } from './apply-to-cache.ts';
import { exportCurl, exportFixture } from './export.ts';
import { MemoryInbox, toSummary, type InboxQuery, type InboxRecord, type WebhookInbox } from './inbox.ts';
import { DEFAULT_RECEIVER_PATH, startReceiver, type RunningReceiver } from './receiver.ts';
import { resignAndSend } from './resign-send.ts';

export interface WebhookServiceDeps {
  readonly inbox?: WebhookInbox;
  readonly log: Logger;
  readonly onDelivery?: (summary: InboxItemSummary) => void;
  readonly host?: string;
  /** Applies a verified body to the cache; returns what happened per profile. */
  readonly applyToCache?: (body: Uint8Array) => CacheApplication[];
  readonly onApplied?: (applications: CacheApplication[], summary: InboxItemSummary) => void;
}

export interface StartReceiverConfig {
  readonly port: number;
  readonly path: string;
  readonly secrets: readonly string[];
  readonly toleranceS: number;
  readonly applyToCache?: boolean;
}

export type InboxListFilters = Omit<InboxQuery, 'beforeId' | 'limit'>;

function toInboxItem(r: InboxRecord): InboxItem {
  const bytes = Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength);
  return {
    ...toSummary(r),
    method: r.method,
    path: r.path,
    remoteAddress: r.remoteAddress,
    headers: r.headers.map((h) => ({ name: h.name, value: h.value })),
    bodyBase64: bytes.toString('base64'),
    bodyText: isUtf8(bytes) ? bytes.toString('utf8') : null,
    bodyTruncated: r.bodyTruncated,
    verdict: r.verdict,
  };
}

export class WebhookService {
  readonly inbox: WebhookInbox;
  private receiver: RunningReceiver | null = null;
  private secretsConfigured = 0;
  private path = DEFAULT_RECEIVER_PATH;
  private lastError: string | null = null;
  private applying = false;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.inbox = deps.inbox ?? new MemoryInbox();
  }

  status(): ReceiverStatus {
    return {
      running: this.receiver !== null,
      host: this.deps.host ?? '127.0.0.1',
      port: this.receiver?.port ?? null,
      path: this.receiver?.path ?? this.path,
      url: this.receiver?.url ?? null,
      secretsConfigured: this.secretsConfigured,
      applyToCache: this.receiver !== null && this.applying,
      deliveries: this.inbox.count(),
      lastDeliveryAt: this.inbox.lastReceivedAt(),
      error: this.lastError,
    };
  }

  /** (Re)starts the receiver with this configuration. */
  async start(config: StartReceiverConfig): Promise<ReceiverStatus> {
    await this.stop();
    this.path = config.path;
    try {
      this.receiver = await startReceiver({
        host: this.deps.host ?? '127.0.0.1',
        port: config.port,
        path: config.path,
        secrets: config.secrets,
        toleranceMs: config.toleranceS * 1000,
        inbox: this.inbox,
        log: this.deps.log,
        onDelivery: (summary) => this.delivered(summary),
      });
      this.applying = Boolean(config.applyToCache) && this.deps.applyToCache !== undefined;
      this.secretsConfigured = config.secrets.filter((s) => s !== '').length;
      this.lastError = null;
      this.deps.log.info(`webhook receiver listening at ${this.receiver.url} with ${this.secretsConfigured} secret(s)`);
      return this.status();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.lastError =
        code === 'EADDRINUSE'
          ? `Port ${config.port} is already in use; choose another port or 0 for any free port.`
          : `The receiver could not start: ${err instanceof Error ? err.message : String(err)}`;
      throw new ConsoleError(code === 'EADDRINUSE' ? 'conflict' : 'unavailable', this.lastError);
    }
  }

  private delivered(summary: InboxItemSummary): void {
    this.deps.onDelivery?.(summary);
    if (!this.applying || !summary.valid || !(summary.eventType ?? '').startsWith('dsync.')) return;
    const record = this.inbox.get(summary.id);
    if (!record || !this.deps.applyToCache) return;
    try {
      const applications = this.deps.applyToCache(record.body);
      this.deps.onApplied?.(applications, summary);
    } catch (err) {
      // A failed apply never loses the delivery: it stays in the inbox for replay.
      // One line, no stack: the event id comes from the body, so it is quoted.
      const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.deps.log.error(
        `applying webhook ${JSON.stringify((summary.eventId ?? String(summary.id)).slice(0, 80))} to the cache failed: ${why.slice(0, 300)}`,
      );
    }
  }

  async stop(): Promise<ReceiverStatus> {
    const running = this.receiver;
    this.receiver = null;
    if (running) await running.stop();
    return this.status();
  }

  list(filters: InboxListFilters, limit: number, cursor: string | undefined): InboxPage {
    let beforeId: number | undefined;
    if (cursor !== undefined) {
      if (!/^\d{1,15}$/.test(cursor))
        throw new ConsoleError('invalid_input', 'cursor: not a cursor returned by listInbox.');
      beforeId = Number(cursor);
    }
    // One extra row tells whether another page exists.
    const rows = this.inbox.list({ ...filters, beforeId, limit: limit + 1 });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
  }

  get(id: number): InboxItem {
    const record = this.inbox.get(id);
    if (!record)
      throw new ConsoleError(
        'not_found',
        `There is no inbox item ${id} (the in-memory inbox keeps the latest deliveries).`,
      );
    return toInboxItem(record);
  }

  export(id: number, format: 'fixture' | 'curl', url: string | undefined): ExportedFile {
    const item = this.get(id);
    if (format === 'fixture') return exportFixture(item);
    const target = url ?? this.receiver?.url ?? `http://127.0.0.1:8787${item.path}`;
    return exportCurl(item, target);
  }

  /** Re-signs and sends the stored bodies of a time range, oldest first, one at a time. */
  async replay(options: {
    receivedFrom: number;
    receivedTo: number;
    onlyValid: boolean;
    secret: string;
    url: string;
    timeoutMs: number;
    maxItems: number;
  }): Promise<{ results: Array<{ inboxId: number; result: SendResult }>; truncated: boolean }> {
    const rows = this.inbox.listChronological({
      receivedFrom: options.receivedFrom,
      receivedTo: options.receivedTo,
      verdict: options.onlyValid ? 'valid' : undefined,
      limit: options.maxItems + 1,
    });
    const results: Array<{ inboxId: number; result: SendResult }> = [];
    for (const row of rows.slice(0, options.maxItems)) {
      const record = this.inbox.get(row.id);
      if (!record || record.bodyTruncated) continue;
      const payload = Buffer.from(record.body).toString('utf8');
      results.push({
        inboxId: row.id,
        result: await resignAndSend({
          url: options.url,
          secret: options.secret,
          payload,
          timeoutMs: options.timeoutMs,
        }),
      });
    }
    return { results, truncated: rows.length > options.maxItems };
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
