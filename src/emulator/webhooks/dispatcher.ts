/**
 * Delivers events to webhook endpoints the way WorkOS does: POST, JSON body, signed header,
 * retries with exponential backoff on anything but 2xx. Knobs reproduce what receivers must
 * survive: duplicates, delays and out-of-order delivery ("WorkOS does not guarantee that events
 * are delivered in the same sequence that they are generated").
 */
import { z } from 'zod';
import type { Rng } from '../util/random.ts';
import type { WireEvent } from '../model/wire.ts';
import { signatureHeader } from './sign.ts';

export const webhookDeliveryOptionsSchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(50).optional(),
    retryBaseMs: z.number().min(0).max(3_600_000).optional(),
    timeoutMs: z.number().min(1).max(600_000).optional(),
    duplicateRate: z.number().min(0).max(1).optional(),
    delayMs: z.number().min(0).max(3_600_000).optional(),
    reorder: z.boolean().optional(),
  })
  .strict();

export interface WebhookDeliveryOptions {
  /** Attempts per delivery, first included (default 6). */
  maxAttempts?: number;
  /** First retry after this, doubling each time (default 500 ms). */
  retryBaseMs?: number;
  /** Per-attempt timeout (default 5,000 ms). */
  timeoutMs?: number;
  /** Share of events delivered twice (default 0). */
  duplicateRate?: number;
  /** Extra delay before the first attempt, plus up to the same again at random (default 0). */
  delayMs?: number;
  /** Shuffle each batch of events (one scenario step) before delivery (default false). */
  reorder?: boolean;
}

export interface DeliveryAttempt {
  eventId: string;
  event: string;
  url: string;
  attempt: number;
  duplicate: boolean;
  /** How long this attempt was held back (configured delay for first attempts, backoff for retries). */
  delayMs: number;
  status: number | null;
  error: string | null;
  signature: string;
  body: string;
  atMs: number;
}

interface Job {
  event: WireEvent;
  url: string;
  attempt: number;
  duplicate: boolean;
  delayMs: number;
}

export class WebhookDispatcher {
  private readonly endpoints = new Set<string>();
  private readonly log: DeliveryAttempt[] = [];
  private options: Required<WebhookDeliveryOptions>;
  private outstanding = 0;
  private waiters: (() => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly secret: string,
    private readonly rng: Rng,
    options: WebhookDeliveryOptions = {},
  ) {
    this.options = this.withDefaults(options);
  }

  private withDefaults(input: WebhookDeliveryOptions): Required<WebhookDeliveryOptions> {
    const parsed = webhookDeliveryOptionsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `Invalid webhook delivery options: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
      );
    }
    const o = parsed.data;
    return {
      maxAttempts: o.maxAttempts ?? 6,
      retryBaseMs: o.retryBaseMs ?? 500,
      timeoutMs: o.timeoutMs ?? 5000,
      duplicateRate: o.duplicateRate ?? 0,
      delayMs: o.delayMs ?? 0,
      reorder: o.reorder ?? false,
    };
  }

  configure(options: WebhookDeliveryOptions): Required<WebhookDeliveryOptions> {
    this.options = this.withDefaults({ ...this.options, ...options });
    return { ...this.options };
  }

  addEndpoint(url: string): void {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`Webhook URL must be http(s): ${url}`);
    this.endpoints.add(parsed.toString());
  }

  removeEndpoint(url: string): boolean {
    return this.endpoints.delete(new URL(url).toString());
  }

  listEndpoints(): string[] {
    return [...this.endpoints];
  }

  deliveries(): DeliveryAttempt[] {
    return [...this.log];
  }

  /** Queues one batch (the events of one change) for every endpoint. */
  dispatch(events: readonly WireEvent[]): void {
    if (this.closed || this.endpoints.size === 0 || events.length === 0) return;
    const batch = [...events];
    if (this.options.reorder) {
      for (let i = batch.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        [batch[i], batch[j]] = [batch[j] as WireEvent, batch[i] as WireEvent];
      }
    }
    for (const url of this.endpoints) {
      for (const event of batch) {
        this.schedule({ event, url, attempt: 1, duplicate: false, delayMs: this.initialDelay() });
        if (this.options.duplicateRate > 0 && this.rng.next() < this.options.duplicateRate) {
          this.schedule({ event, url, attempt: 1, duplicate: true, delayMs: this.initialDelay() });
        }
      }
    }
  }

  private initialDelay(): number {
    const d = this.options.delayMs;
    return d > 0 ? d + this.rng.next() * d : 0;
  }

  private schedule(job: Job): void {
    this.outstanding++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(job);
    }, job.delayMs);
    this.timers.add(timer);
  }

  private async deliver(job: Job): Promise<void> {
    // Deliveries in one batch run one after another per call order; the body is the event object.
    const body = JSON.stringify(job.event);
    const signature = signatureHeader(body, this.secret, Date.now());
    const record: DeliveryAttempt = {
      eventId: job.event.id,
      event: job.event.event,
      url: job.url,
      attempt: job.attempt,
      duplicate: job.duplicate,
      delayMs: job.delayMs,
      status: null,
      error: null,
      signature,
      body,
      atMs: Date.now(),
    };
    try {
      const response = await fetch(job.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'WorkOS-Signature': signature,
          'User-Agent': 'WorkOS-Emulator/1.0',
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      record.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    this.log.push(record);
    const succeeded = record.status !== null && record.status >= 200 && record.status < 300;
    if (!succeeded && job.attempt < this.options.maxAttempts && !this.closed) {
      this.schedule({ ...job, attempt: job.attempt + 1, delayMs: this.options.retryBaseMs * 2 ** (job.attempt - 1) });
    }
    this.finishOne();
  }

  private finishOne(): void {
    this.outstanding--;
    if (this.outstanding === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once every queued delivery (including retries) has finished. */
  idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.outstanding -= this.timers.size;
    this.timers.clear();
    if (this.outstanding <= 0) {
      this.outstanding = 0;
      for (const w of this.waiters.splice(0)) w();
    }
  }
}
