/**
 * What the team server writes to the audit log for a call: every look at one person's or one
 * group's record, every export, every change (any method that is not a query), and sign-ins
 * and sign-outs. Arguments are kept for context with every secret removed; the API key, the
 * webhook secrets and request bodies never reach the log.
 */
import { queryMethodNames, type MethodName } from '../../shared/api.ts';
import { appendAudit, type AuditRecord } from '../store/audit-log.ts';
import type { WritableDB } from '../store/db-types.ts';
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

export class AuditTrail {
  constructor(
    private readonly db: WritableDB,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: Omit<AuditRecord, 'at'>): void {
    try {
      appendAudit(this.db, { at: this.now().toISOString(), ...entry });
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
