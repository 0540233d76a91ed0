/**
 * Structured logs for the team server: one JSON object per line on stderr (journald, Docker
 * and every log shipper read these), with the same secret scrubbing as the console's logger.
 * It is also a `Logger`, so the core's messages come out in the same shape.
 */
import { redact, type Logger } from '../log.ts';

export interface JsonLog extends Logger {
  /** One structured record, e.g. `{ msg: 'request', method, path, status, ms }`. */
  event(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void;
}

export function createJsonLog(
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
  now: () => Date = () => new Date(),
): JsonLog {
  const emit = (level: string, msg: string, fields: Record<string, unknown> = {}): void => {
    let line: string;
    try {
      line = JSON.stringify({ time: now().toISOString(), level, msg, ...fields });
    } catch {
      line = JSON.stringify({ time: now().toISOString(), level, msg, note: 'fields could not be serialised' });
    }
    write(redact(line));
  };
  return {
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m, err) =>
      emit('error', m, err === undefined ? {} : { error: err instanceof Error ? err.message : String(err) }),
    event: emit,
  };
}
