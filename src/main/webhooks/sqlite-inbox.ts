/**
 * The inbox in the SQLite cache (table `webhook_inbox`, migration 3). Same behaviour as
 * `MemoryInbox`: duplicates are valid deliveries of an event id already received; a valid
 * delivery is out of order when a newer event about the same object was received before it.
 * Both decisions and the insert happen in one transaction.
 */
import type { InboxItemSummary, WebhookReason, WebhookVerdict } from '../../shared/api/webhooks.ts';
import type { ReadableDB, WritableDB } from '../store/db-types.ts';
import { execute, inTransaction, queryAll, queryOne } from '../store/exec.ts';
import { joinSql, sql, type SqlFragment } from '../store/sql.ts';
import { entityKeyOf } from './event-summary.ts';
import { type InboxDeliveryInput, type InboxQuery, type InboxRecord, type WebhookInbox } from './inbox.ts';

interface InboxRow {
  id: number;
  received_at: number;
  method: string;
  path: string;
  remote_address: string | null;
  headers_json: string;
  body: Buffer;
  body_truncated: number;
  status: number;
  valid: number;
  reason: string;
  matched_secret: number | null;
  event_id: string | null;
  event_type: string | null;
  directory_id: string | null;
  entity_key: string | null;
  event_created_at: string | null;
  signature_timestamp_ms: number | null;
  body_bytes: number;
  duplicate_of: number | null;
  out_of_order: number;
  verdict_json: string;
}

function rowToRecord(row: InboxRow): InboxRecord {
  return {
    id: row.id,
    receivedAt: row.received_at,
    status: row.status,
    valid: row.valid === 1,
    reason: row.reason as WebhookReason,
    matchedSecret: row.matched_secret,
    eventId: row.event_id,
    eventType: row.event_type,
    directoryId: row.directory_id,
    entityKey: row.entity_key,
    eventCreatedAt: row.event_created_at,
    signatureTimestampMs: row.signature_timestamp_ms,
    bodyBytes: row.body_bytes,
    duplicateOf: row.duplicate_of,
    outOfOrder: row.out_of_order === 1,
    method: row.method,
    path: row.path,
    remoteAddress: row.remote_address,
    headers: JSON.parse(row.headers_json) as Array<{ name: string; value: string }>,
    body: new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength),
    bodyTruncated: row.body_truncated === 1,
    verdict: JSON.parse(row.verdict_json) as WebhookVerdict,
  };
}

type SummaryRow = Omit<
  InboxRow,
  'method' | 'path' | 'remote_address' | 'headers_json' | 'body' | 'body_truncated' | 'verdict_json'
>;

// Listing never reads bodies, headers or verdicts: pages stay cheap however large the items.
const SUMMARY_COLUMNS = sql`id, received_at, status, valid, reason, matched_secret, event_id, event_type, directory_id,
  entity_key, event_created_at, signature_timestamp_ms, body_bytes, duplicate_of, out_of_order`;

function rowToSummary(row: SummaryRow): InboxItemSummary {
  return {
    id: row.id,
    receivedAt: row.received_at,
    status: row.status,
    valid: row.valid === 1,
    reason: row.reason as WebhookReason,
    matchedSecret: row.matched_secret,
    eventId: row.event_id,
    eventType: row.event_type,
    directoryId: row.directory_id,
    entityKey: row.entity_key,
    eventCreatedAt: row.event_created_at,
    signatureTimestampMs: row.signature_timestamp_ms,
    bodyBytes: row.body_bytes,
    duplicateOf: row.duplicate_of,
    outOfOrder: row.out_of_order === 1,
  };
}

function eventTimeMs(createdAt: string | null, fallback: number | null): number | null {
  const parsed = createdAt === null ? NaN : Date.parse(createdAt);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** LIKE pattern for a prefix, with the wildcards in the prefix itself escaped. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filters(q: Omit<InboxQuery, 'limit' | 'beforeId'>): SqlFragment[] {
  const where: SqlFragment[] = [];
  if (q.type !== undefined && q.type !== '') {
    where.push(
      q.type.endsWith('*')
        ? sql`event_type LIKE ${likePrefix(q.type.slice(0, -1))} ESCAPE '\\'`
        : sql`event_type = ${q.type}`,
    );
  }
  if (q.verdict === 'valid') where.push(sql`valid = 1`);
  if (q.verdict === 'invalid') where.push(sql`valid = 0`);
  if (q.reason !== undefined) where.push(sql`reason = ${q.reason}`);
  if (q.directoryId !== undefined && q.directoryId !== '') where.push(sql`directory_id = ${q.directoryId}`);
  if (q.receivedFrom !== undefined) where.push(sql`received_at >= ${q.receivedFrom}`);
  if (q.receivedTo !== undefined) where.push(sql`received_at <= ${q.receivedTo}`);
  return where;
}

function whereClause(parts: SqlFragment[]): SqlFragment {
  return parts.length === 0 ? sql`` : sql` WHERE ${joinSql(parts, ' AND ')}`;
}

/** Oldest items beyond this many are dropped (checked every `PRUNE_EVERY` inserts). */
export const DEFAULT_MAX_INBOX_ITEMS = 20_000;
const PRUNE_EVERY = 100;

export class SqliteInbox implements WebhookInbox {
  private insertsSincePrune = 0;

  constructor(
    private readonly writer: WritableDB,
    private readonly reader: ReadableDB = writer,
    private readonly maxItems: number = DEFAULT_MAX_INBOX_ITEMS,
  ) {}

  /** Keeps the newest `maxItems` deliveries; the inbox is a debugging aid, not an archive. */
  prune(): number {
    const cutoff = queryOne<{ id: number }>(
      this.writer,
      sql`SELECT id FROM webhook_inbox ORDER BY id DESC LIMIT 1 OFFSET ${this.maxItems}`,
    )?.id;
    if (cutoff === undefined) return 0;
    return execute(this.writer, sql`DELETE FROM webhook_inbox WHERE id <= ${cutoff}`).changes;
  }

  add(d: InboxDeliveryInput): InboxItemSummary {
    const event = d.verdict.event;
    const eventId = event?.id ?? null;
    const entityKey = event ? entityKeyOf(event) : null;
    const eventTime = eventTimeMs(event?.createdAt ?? null, d.verdict.signatureTimestampMs);
    const valid = d.verdict.valid;
    const id = inTransaction(this.writer, () => {
      const duplicateOf =
        valid && eventId !== null
          ? (queryOne<{ id: number }>(
              this.writer,
              sql`SELECT id FROM webhook_inbox WHERE event_id = ${eventId} AND valid = 1 ORDER BY id LIMIT 1`,
            )?.id ?? null)
          : null;
      let outOfOrder = false;
      if (valid && entityKey !== null && eventTime !== null && duplicateOf === null) {
        const newest = queryOne<{ newest: number | null }>(
          this.writer,
          sql`SELECT MAX(event_time_ms) AS newest FROM webhook_inbox WHERE entity_key = ${entityKey} AND valid = 1 AND duplicate_of IS NULL`,
        )?.newest;
        outOfOrder = newest !== null && newest !== undefined && newest > eventTime;
      }
      const result = execute(
        this.writer,
        sql`INSERT INTO webhook_inbox (received_at, method, path, remote_address, headers_json, body, body_truncated, status,
              valid, reason, matched_secret, event_id, event_type, directory_id, entity_key, event_created_at, event_time_ms,
              signature_timestamp_ms, body_bytes, duplicate_of, out_of_order, verdict_json)
            VALUES (${d.receivedAt}, ${d.method}, ${d.path}, ${d.remoteAddress}, ${JSON.stringify(d.headers)},
              ${Buffer.from(d.body.buffer, d.body.byteOffset, d.body.byteLength)}, ${d.bodyTruncated ? 1 : 0}, ${d.status},
              ${valid ? 1 : 0}, ${d.verdict.reason}, ${d.verdict.matchedSecret}, ${eventId}, ${event?.type ?? null},
              ${event?.directoryId ?? null}, ${entityKey}, ${event?.createdAt ?? null}, ${eventTime},
              ${d.verdict.signatureTimestampMs}, ${d.body.length}, ${duplicateOf}, ${outOfOrder ? 1 : 0},
              ${JSON.stringify(d.verdict)})`,
      );
      return Number(result.lastInsertRowid);
    });
    if (++this.insertsSincePrune >= PRUNE_EVERY) {
      this.insertsSincePrune = 0;
      this.prune();
    }
    const stored = queryOne<SummaryRow>(
      this.writer,
      sql`SELECT ${SUMMARY_COLUMNS} FROM webhook_inbox WHERE id = ${id}`,
    );
    if (!stored) throw new Error(`inbox row ${id} vanished right after insert`);
    return rowToSummary(stored);
  }

  private getFrom(db: ReadableDB, id: number): InboxRecord | null {
    const row = queryOne<InboxRow>(db, sql`SELECT * FROM webhook_inbox WHERE id = ${id}`);
    return row ? rowToRecord(row) : null;
  }

  get(id: number): InboxRecord | null {
    return this.getFrom(this.reader, id);
  }

  list(q: InboxQuery): InboxItemSummary[] {
    const parts = filters(q);
    if (q.beforeId !== undefined) parts.push(sql`id < ${q.beforeId}`);
    const rows = queryAll<SummaryRow>(
      this.reader,
      sql`SELECT ${SUMMARY_COLUMNS} FROM webhook_inbox${whereClause(parts)} ORDER BY id DESC LIMIT ${q.limit}`,
    );
    return rows.map(rowToSummary);
  }

  listChronological(q: Omit<InboxQuery, 'beforeId'>): InboxItemSummary[] {
    const rows = queryAll<SummaryRow>(
      this.reader,
      sql`SELECT ${SUMMARY_COLUMNS} FROM webhook_inbox${whereClause(filters(q))} ORDER BY id ASC LIMIT ${q.limit}`,
    );
    return rows.map(rowToSummary);
  }

  count(): number {
    return queryOne<{ n: number }>(this.reader, sql`SELECT COUNT(*) AS n FROM webhook_inbox`)?.n ?? 0;
  }

  lastReceivedAt(): number | null {
    return (
      queryOne<{ last: number | null }>(this.reader, sql`SELECT MAX(received_at) AS last FROM webhook_inbox`)?.last ??
      null
    );
  }
}
