/** Handler for reading the audit log (the server writes it; see server/audit.ts). */
import type { ConsoleHandlers } from '../../shared/api.ts';
import type { auditMethods } from '../../shared/api/audit.ts';
import type { CoreContext } from '../core/context.ts';
import { listAudit } from '../store/audit-log.ts';

type AuditHandlers = Pick<ConsoleHandlers, keyof typeof auditMethods>;

export function auditHandlers(ctx: CoreContext): AuditHandlers {
  return {
    listAuditLog: (input) => listAudit(ctx.store.reader, input),
  };
}
