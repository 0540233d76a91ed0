/**
 * A small logger for the core. It writes to stderr and never prints secrets: callers pass
 * already-masked values, and `redact` scrubs anything that looks like a WorkOS key or secret.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

const secretPattern = /\b(sk_(?:live|test)_[A-Za-z0-9]+|whsec_[A-Za-z0-9]+)\b/g;

export function redact(text: string): string {
  return text.replace(secretPattern, (m) => `${m.slice(0, 8)}…${m.slice(-4)}`);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

export function createLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (level: string, message: string): void => write(redact(`[${level}] ${message}`));
  return {
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m, err) => emit('error', err === undefined ? m : `${m}: ${describe(err)}`),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
