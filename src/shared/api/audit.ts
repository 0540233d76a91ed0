/**
 * The team server's audit log: who viewed which user or group, who exported what, who
 * changed settings or keys, when and from which address. Admins only.
 */
import { z } from 'zod';
import { method } from './define.ts';

export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  /** The signed-in person's e-mail (or IdP subject when the IdP gave no e-mail). */
  actor: z.string(),
  role: z.string().nullable(),
  clientAddress: z.string().nullable(),
  /** A contract method name, or `sign_in`, `sign_in_refused`, `sign_out`. */
  action: z.string(),
  /** What was acted on: `user:<id>`, `group:<id>`, `profile:<id>`, `inbox:<id>`… */
  target: z.string().nullable(),
  /** `ok`, or the error code (`forbidden`, `not_found`, …). */
  outcome: z.string(),
  /** The call's arguments with every secret removed. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date-time');

export const listAuditLogInputSchema = z.object({
  actor: z.string().max(320).optional(),
  action: z.string().max(100).optional(),
  /** Exact target, e.g. `user:directory_user_01…`. */
  target: z.string().max(300).optional(),
  since: instant.optional(),
  until: instant.optional(),
  /** Newest first; the cursor is the last id seen. */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a cursor from a previous page')
    .optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type ListAuditLogInput = z.input<typeof listAuditLogInputSchema>;

export const auditMethods = {
  listAuditLog: method(
    listAuditLogInputSchema,
    z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
    { role: 'admin', query: { reads: ['audit_log'] } },
  ),
};
