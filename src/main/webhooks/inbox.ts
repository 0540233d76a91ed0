/**
 * The inbox: every delivery the receiver got, raw (headers + exact body bytes), with its
 * verdict, flagged as a duplicate (same event id as an earlier valid delivery) or out of
 * order (a newer event about the same user/group/membership had already arrived).
 *
 * `WebhookInbox` is the interface the receiver and handlers use; `MemoryInbox` keeps items in
 * memory with a cap. A SQLite-backed implementation can replace it behind the same interface.
 */
import type { InboxItemSummary, WebhookVerdict } from '../../shared/api/webhooks.ts';
import { entityKeyOf } from './event-summary.ts';

export interface InboxDeliveryInput {
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  readonly remoteAddress: string | null;
  /** As received: names in their original case and order. */
  readonly headers: ReadonlyArray<{ name: string; value: string }>;
  readonly body: Uint8Array;
  readonly bodyTruncated: boolean;
  /** The HTTP status the receiver answered with. */
  readonly status: number;
  readonly verdict: WebhookVerdict;
}

export interface InboxRecord extends InboxItemSummary {
  readonly method: string;
  readonly path: string;
  readonly remoteAddress: string | null;
  readonly headers: ReadonlyArray<{ name: string; value: string }>;
  readonly body: Uint8Array;
  readonly bodyTruncated: boolean;
  readonly verdict: WebhookVerdict;
}

export interface InboxQuery {
  readonly type?: string;
  readonly verdict?: 'valid' | 'invalid';
  readonly reason?: string;
  readonly directoryId?: string;
  readonly receivedFrom?: number;
  readonly receivedTo?: number;
  /** Return items with an id below this (keyset paging, newest first). */
  readonly beforeId?: number;
  readonly limit: number;
}

export interface WebhookInbox {
  add(delivery: InboxDeliveryInput): InboxItemSummary;
  get(id: number): InboxRecord | null;
  /** Newest first. */
  list(query: InboxQuery): InboxItemSummary[];
  /** Oldest first, for replaying a time range in order. */
  listChronological(query: Omit<InboxQuery, 'beforeId'>): InboxItemSummary[];
  count(): number;
  lastReceivedAt(): number | null;
}

function eventTimeMs(createdAt: string | null, fallback: number | null): number | null {
  const parsed = createdAt === null ? NaN : Date.parse(createdAt);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function toSummary(r: InboxRecord): InboxItemSummary {
  return {
    id: r.id,
    receivedAt: r.receivedAt,
    status: r.status,
    valid: r.valid,
    reason: r.reason,
    matchedSecret: r.matchedSecret,
    eventId: r.eventId,
    eventType: r.eventType,
    directoryId: r.directoryId,
    entityKey: r.entityKey,
    eventCreatedAt: r.eventCreatedAt,
    signatureTimestampMs: r.signatureTimestampMs,
    bodyBytes: r.bodyBytes,
    duplicateOf: r.duplicateOf,
    outOfOrder: r.outOfOrder,
  };
}

export function matchesQuery(r: InboxItemSummary, q: Omit<InboxQuery, 'limit' | 'beforeId'>): boolean {
  if (q.type !== undefined && q.type !== '') {
    if (q.type.endsWith('*')) {
      if (!(r.eventType ?? '').startsWith(q.type.slice(0, -1))) return false;
    } else if (r.eventType !== q.type) return false;
  }
  if (q.verdict === 'valid' && !r.valid) return false;
  if (q.verdict === 'invalid' && r.valid) return false;
  if (q.reason !== undefined && r.reason !== q.reason) return false;
  if (q.directoryId !== undefined && q.directoryId !== '' && r.directoryId !== q.directoryId) return false;
  if (q.receivedFrom !== undefined && r.receivedAt < q.receivedFrom) return false;
  if (q.receivedTo !== undefined && r.receivedAt > q.receivedTo) return false;
  return true;
}

export interface MemoryInboxLimits {
  readonly maxItems: number;
  readonly maxBodyBytes: number;
}

export class MemoryInbox implements WebhookInbox {
  private readonly items: InboxRecord[] = [];
  private nextId = 1;
  private bodyBytes = 0;
  private readonly firstValidByEventId = new Map<string, number>();
  private readonly newestByEntity = new Map<string, number>();

  constructor(private readonly limits: MemoryInboxLimits = { maxItems: 5_000, maxBodyBytes: 256 * 1024 * 1024 }) {}

  add(d: InboxDeliveryInput): InboxItemSummary {
    const event = d.verdict.event;
    const eventId = event?.id ?? null;
    const entityKey = event ? entityKeyOf(event) : null;
    const eventTime = eventTimeMs(event?.createdAt ?? null, d.verdict.signatureTimestampMs);
    const duplicateOf = d.verdict.valid && eventId !== null ? (this.firstValidByEventId.get(eventId) ?? null) : null;
    let outOfOrder = false;
    if (d.verdict.valid && entityKey !== null && eventTime !== null && duplicateOf === null) {
      const newest = this.newestByEntity.get(entityKey);
      if (newest !== undefined && newest > eventTime) outOfOrder = true;
      else this.newestByEntity.set(entityKey, eventTime);
    }
    const record: InboxRecord = {
      id: this.nextId++,
      receivedAt: d.receivedAt,
      status: d.status,
      valid: d.verdict.valid,
      reason: d.verdict.reason,
      matchedSecret: d.verdict.matchedSecret,
      eventId,
      eventType: event?.type ?? null,
      directoryId: event?.directoryId ?? null,
      entityKey,
      eventCreatedAt: event?.createdAt ?? null,
      signatureTimestampMs: d.verdict.signatureTimestampMs,
      bodyBytes: d.body.length,
      duplicateOf,
      outOfOrder,
      method: d.method,
      path: d.path,
      remoteAddress: d.remoteAddress,
      headers: d.headers,
      body: d.body,
      bodyTruncated: d.bodyTruncated,
      verdict: d.verdict,
    };
    if (d.verdict.valid && eventId !== null && duplicateOf === null) this.firstValidByEventId.set(eventId, record.id);
    this.items.push(record);
    this.bodyBytes += d.body.length;
    this.evict();
    return toSummary(record);
  }

  private evict(): void {
    while (
      this.items.length > 1 &&
      (this.items.length > this.limits.maxItems || this.bodyBytes > this.limits.maxBodyBytes)
    ) {
      const dropped = this.items.shift();
      if (dropped) this.bodyBytes -= dropped.body.length;
    }
  }

  get(id: number): InboxRecord | null {
    // Ids are increasing, so binary search.
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const item = this.items[mid] as InboxRecord;
      if (item.id === id) return item;
      if (item.id < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  list(q: InboxQuery): InboxItemSummary[] {
    const out: InboxItemSummary[] = [];
    for (let i = this.items.length - 1; i >= 0 && out.length < q.limit; i--) {
      const r = this.items[i] as InboxRecord;
      if (q.beforeId !== undefined && r.id >= q.beforeId) continue;
      if (matchesQuery(r, q)) out.push(toSummary(r));
    }
    return out;
  }

  listChronological(q: Omit<InboxQuery, 'beforeId'>): InboxItemSummary[] {
    const out: InboxItemSummary[] = [];
    for (const r of this.items) {
      if (out.length >= q.limit) break;
      if (matchesQuery(r, q)) out.push(toSummary(r));
    }
    return out;
  }

  count(): number {
    return this.items.length;
  }

  lastReceivedAt(): number | null {
    return this.items.at(-1)?.receivedAt ?? null;
  }
}
