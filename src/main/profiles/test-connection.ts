/** "Test connection": one cheap request, with 401/403/network problems in plain words. */
import type { ConnectionTest } from '../../shared/api/sync.ts';
import { WorkosClient } from '../workos/client.ts';
import { classifyError } from '../workos/errors.ts';
import { SchemaViolationError } from '../workos/wire-schemas.ts';
import type { Connection } from './profile-manager.ts';

export async function testConnection(connection: Connection): Promise<ConnectionTest> {
  const client = new WorkosClient({
    ...connection,
    bounds: { timeoutMs: 10_000 },
    retryPolicy: { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 1000, maxRetryAfterMs: 2000 },
  });
  try {
    const page = await client.listDirectories(null);
    const more = page.after ? '+' : '';
    return {
      ok: true,
      status: 'ok',
      message: `Connected: ${page.data.length}${more} director${page.data.length === 1 && !more ? 'y' : 'ies'} visible.`,
      directories: page.data.length,
    };
  } catch (err) {
    if (err instanceof SchemaViolationError)
      return { ok: false, status: 'error', message: err.message, directories: null };
    const e = classifyError(err, '/directories');
    const status =
      e.kind === 'unauthorized'
        ? 'invalid_key'
        : e.kind === 'forbidden'
          ? 'forbidden'
          : e.kind === 'network' || e.kind === 'timeout'
            ? 'unreachable'
            : 'error';
    return { ok: false, status, message: e.message, directories: null };
  }
}
