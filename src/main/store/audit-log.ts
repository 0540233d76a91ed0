/** The audit log table (migration 15): append a row, list rows newest first with filters. */
import type { AuditEntry, ListAuditLogInput } from '../../shared/api/audit.ts';
import type { ReadableDB, WritableDB } from './db-types.ts';

export interface AuditRecord {
  at: string;
  actor: string;
  role: string | null;
  clientAddress: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

export function appendAudit(db: WritableDB, r: AuditRecord): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, role, client_address, action, target, outcome, details_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.at, r.actor, r.role, r.clientAddress, r.action, r.target, r.outcome, JSON.stringify(r.details));
}

interface Row {
  id: number;
  at: string;
  actor: string;
  role: string | null;
  client_address: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details_json: string;
}

export function listAudit(
  db: ReadableDB,
  input: Omit<ListAuditLogInput, 'limit'> & { limit: number },
): { items: AuditEntry[]; nextCursor: string | null } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, value: unknown): void => {
    where.push(clause);
    args.push(value);
  };
  if (input.actor !== undefined) add('actor = ?', input.actor.trim().toLowerCase());
  if (input.action !== undefined) add('action = ?', input.action);
  if (input.target !== undefined) add('target = ?', input.target);
  if (input.since !== undefined) add('at >= ?', new Date(input.since).toISOString());
  if (input.until !== undefined) add('at < ?', new Date(input.until).toISOString());
  if (input.cursor !== undefined) add('id < ?', Number(input.cursor));
  const rows = db
    .prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
    .all(...args, input.limit + 1) as Row[];
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      role: r.role,
      clientAddress: r.client_address,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      details: JSON.parse(r.details_json) as Record<string, unknown>,
    })),
    nextCursor: rows.length > input.limit ? String(page.at(-1)!.id) : null,
  };
}
