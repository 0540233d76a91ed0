/**
 * What the team server writes to the audit log for a call: every look at one person's or one
 * group's record, every export, every change (any method that is not a query), and sign-ins
 * and sign-outs. Arguments are kept for context with every secret removed; the API key, the
 * webhook secrets and request bodies never reach the log.
 */
import { queryMethodNames, type MethodName } from '../../shared/api.ts';
import { appendAudit, type AuditRecord } from '../store/audit-log.ts';
import type { WritableDB } from '../store/db-types.ts';
import { inTransaction } from '../store/exec.ts';
import type { Session } from './sessions.ts';

/** Queries that show one person or one group, or hand out a copy of data. */
const AUDITED_QUERIES = new Set<string>([
  'getUser',
  'getUserTimeline',
  'getGroup',
  'getGroupTimeline',
  'getGroupMembersAt',
  'getInboxItem',
  'exportInboxItem',
  'listAuditLog',
]);
const queries = new Set<string>(queryMethodNames);

/** Keys whose values are secrets or bulky bodies: never logged. */
const SECRET_KEYS = new Set(['apiKey', 'secret', 'secrets', 'body', 'payload', 'header', 'text', 'a', 'b']);

export function isAudited(method: string): boolean {
  return AUDITED_QUERIES.has(method) || !queries.has(method);
}

export function targetOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const i = input as Record<string, unknown>;
  for (const [key, kind] of [
    ['userId', 'user'],
    ['groupId', 'group'],
    ['directoryId', 'directory'],
    ['id', 'inbox'],
    ['profileId', 'profile'],
  ] as const) {
    const v = i[key];
    if (typeof v === 'string' || typeof v === 'number') return `${kind}:${String(v).slice(0, 200)}`;
  }
  return null;
}

export function scrub(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (SECRET_KEYS.has(k)) out[k] = '[removed]';
    else if (typeof v === 'string') out[k] = v.slice(0, 300);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else out[k] = '[value]';
  }
  return out;
}

/** Rows held while the cache's write lock is taken before writes wait for it instead. */
const MAX_PENDING = 10_000;
const RETRY_MS = 100;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * Appends audit rows from the server's main thread without ever waiting there for the cache's
 * write lock: a sync's writer can hold it for seconds, and one blocked write would stall every
 * session's call. A row is written at once when the lock is free (the usual case); when it is
 * taken, rows wait in memory (in order) and are written together as soon as it is free again,
 * retried every 100 ms. `flush()` writes them waiting as long as it must (before the log is
 * read, and at shutdown); past 10,000 waiting rows, writes wait too rather than grow memory.
 */
export class AuditTrail {
  private readonly pending: AuditRecord[] = [];
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: WritableDB,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: Omit<AuditRecord, 'at'>): void {
    this.pending.push({ at: this.now().toISOString(), ...entry });
    if (this.pending.length > MAX_PENDING) this.flush();
    else this.write(false);
  }

  /** Rows not yet in the log (waiting for the write lock). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Writes every waiting row, waiting for the write lock as long as the connection does. */
  flush(): void {
    this.write(true);
  }

  private write(wait: boolean): void {
    if (this.pending.length === 0) return;
    const timeout = wait ? null : (this.db.pragma('busy_timeout', { simple: true }) as number);
    if (timeout !== null) this.db.pragma('busy_timeout = 0');
    try {
      const rows = this.pending.slice();
      inTransaction(this.db, () => {
        for (const r of rows) appendAudit(this.db, r);
      });
      this.pending.splice(0, rows.length);
    } catch (err) {
      if (!isBusy(err)) {
        this.pending.length = 0;
        this.onError(err);
      }
    } finally {
      if (timeout !== null) this.db.pragma(`busy_timeout = ${timeout}`);
    }
    if (this.pending.length > 0 && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.write(false);
      }, RETRY_MS);
    }
  }

  /** Stops retrying after writing what waits (the server is closing). */
  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    try {
      this.flush();
    } catch (err) {
      this.onError(err);
    }
  }

  /** After a contract call: writes a row when the method is one the trail covers. */
  call(
    session: Pick<Session, 'email' | 'sub' | 'role'>,
    clientAddress: string | null,
    method: MethodName | string,
    input: unknown,
    outcome: string,
  ): void {
    if (!isAudited(method) && outcome !== 'forbidden') return;
    this.record({
      actor: actorOf(session),
      role: session.role,
      clientAddress,
      action: method.slice(0, 100),
      target: targetOf(input),
      outcome,
      details: scrub(input),
    });
  }
}

export function actorOf(s: Pick<Session, 'email' | 'sub'>): string {
  return (s.email ?? `sub:${s.sub}`).toLowerCase();
}
